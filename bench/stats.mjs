// Statistics and markdown formatting shared by the bench scripts.

/** Median, min, max and count of the finite numbers in `values`, or null if there are none. */
export function stats(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  return { median: v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2, min: v[0], max: v[v.length - 1], n: v.length };
}

/** The median of the finite numbers in `values`, or null. */
export const median = (values) => stats(values)?.median ?? null;

/** "median (min–max)", or one number when min = max at this precision. */
export function fmtMs(s, digits = 0) {
  if (!s) return 'n/a';
  const f = (x) => x.toFixed(digits);
  return f(s.min) === f(s.max) ? f(s.median) : `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
}

/** Bytes with thousands separators ("16,163 B"). */
export const fmtBytes = (n) => (typeof n === 'number' ? `${n.toLocaleString('en-US')} B` : 'n/a');

/** "a / b" as "0.87×", or "n/a". */
export function ratio(a, b) {
  if (typeof a !== 'number' || typeof b !== 'number' || b === 0) return 'n/a';
  return `${(a / b).toFixed(2)}×`;
}

/** A markdown table; the first column left-aligned, the others right-aligned. */
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map(line)].join('\n');
}

/** A seeded pseudo-random generator (mulberry32): the same data always gives the same intervals. */
function randomFrom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The `p`-quantile (0–1) of ascending numbers, interpolated linearly. */
export function quantile(sorted, p) {
  if (!sorted.length) return null;
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  if (sorted[low] === sorted[high]) return sorted[low];
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

/**
 * `a / b` for two quantities that should be positive (times, deltas against the no-tool page):
 * a negative `a` (consent-gate's page faster than the no-tool page: noise) counts as 0; where `b`
 * is zero or negative a quotient means nothing, so it is 1 for a tie, 0 when `a` is smaller
 * (better) and Infinity when `a` is larger.
 */
export function ratioOf(a, b) {
  if (typeof a !== 'number' || typeof b !== 'number') return null;
  if (b > 0) return Math.max(a, 0) / b;
  return a === b ? 1 : a < b ? 0 : Infinity;
}

const RESAMPLES = 2000;
const LEVEL = 0.9;

/**
 * The ratio of two medians with a bootstrap interval (percentile method, 90 %, 2000
 * resamples, a fixed seed). `pairs` holds one `[a, b]` per round, `null` where a load
 * failed; rounds are resampled with replacement and a round's two values stay together
 * (the tools of one round ran back to back, under the same machine load).
 * Resolves to `{ ratio, low, high, a, b, rounds }`, or null without data.
 */
export function bootstrapRatio(pairs, { resamples = RESAMPLES, level = LEVEL, seed = 24 } = {}) {
  const rows = pairs.filter(([a, b]) => typeof a === 'number' || typeof b === 'number');
  const a = median(rows.map(([x]) => x));
  const b = median(rows.map(([, y]) => y));
  if (a === null || b === null) return null;
  const random = randomFrom(seed);
  const ratios = [];
  for (let i = 0; i < resamples; i++) {
    const sample = Array.from({ length: rows.length }, () => rows[Math.floor(random() * rows.length)]);
    const ratio = ratioOf(median(sample.map(([x]) => x)), median(sample.map(([, y]) => y)));
    if (ratio !== null) ratios.push(ratio);
  }
  ratios.sort((x, y) => x - y);
  return {
    ratio: ratioOf(a, b),
    low: quantile(ratios, (1 - level) / 2),
    high: quantile(ratios, 1 - (1 - level) / 2),
    a,
    b,
    rounds: rows.length,
  };
}

/** The median of `values` with its bootstrap interval (as {@link bootstrapRatio}): `{ median, low, high, n }`, or null. */
export function bootstrapMedian(values, { resamples = RESAMPLES, level = LEVEL, seed = 24 } = {}) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x));
  if (!v.length) return null;
  const random = randomFrom(seed);
  const medians = [];
  for (let i = 0; i < resamples; i++) medians.push(median(Array.from({ length: v.length }, () => v[Math.floor(random() * v.length)])));
  medians.sort((x, y) => x - y);
  return { median: median(v), low: quantile(medians, (1 - level) / 2), high: quantile(medians, 1 - (1 - level) / 2), n: v.length };
}

/** How far past its target a figure's interval may reach and still be met: 1.10 × the target. */
export const TOLERANCE = 1.1;

/**
 * Met: the median meets the target and the interval does not reach past {@link TOLERANCE} × it.
 * `estimate` is a {@link bootstrapRatio} (target a ratio) or {@link bootstrapMedian} result
 * (pass its `median` as `ratio`).
 */
export function meets(estimate, target) {
  if (!estimate || typeof estimate.ratio !== 'number') return null;
  return estimate.ratio <= target && estimate.high <= TOLERANCE * target;
}

/** "1.07× (90 % interval 0.92–1.25×)". A results file stores Infinity as null (JSON): shown as ∞ too. */
export function fmtRatio(estimate) {
  if (!estimate || typeof estimate.a !== 'number' || typeof estimate.b !== 'number') return 'n/a';
  const f = (x) => (x === Infinity || x === null ? '∞' : `${x.toFixed(2)}`);
  return `${f(estimate.ratio)}× (90 % interval ${f(estimate.low)}–${f(estimate.high)}×)`;
}

/** "12.3 ms (90 % interval 10.1–15.0)". */
export function fmtEstimate(estimate, digits = 1, unit = ' ms') {
  if (!estimate) return 'n/a';
  const f = (x) => x.toFixed(digits);
  return `${f(estimate.median)}${unit} (90 % interval ${f(estimate.low)}–${f(estimate.high)})`;
}
