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
