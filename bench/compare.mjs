// Before/after: consent-gate's six figures from two `npm run bench` results,
// each beside the best full-featured peer of its own run.
//
//   node bench/compare.mjs bench/results/before.json bench/results/after.json
import { readFileSync } from 'node:fs';
import { table } from './stats.mjs';
import { TOOLS } from './tools.mjs';

const [beforeFile, afterFile] = process.argv.slice(2);
if (!beforeFile || !afterFile) {
  console.error('usage: node bench/compare.mjs <before.json> <after.json>');
  process.exit(2);
}
const before = JSON.parse(readFileSync(beforeFile, 'utf8'));
const after = JSON.parse(readFileSync(afterFile, 'utf8'));
const full = TOOLS.filter((t) => t.fullFeatured && t.id !== 'consent-gate').map((t) => t.id);
const names = Object.fromEntries(TOOLS.map((t) => [t.id, t.name]));

/** The best full-featured peer of a run for a number (lowest wins): "name value". */
function best(run, value, format) {
  const [id, v] =
    full
      .filter((id) => run.summary[id])
      .map((id) => [id, value(run.summary[id])])
      .filter(([, x]) => typeof x === 'number')
      .sort((a, b) => a[1] - b[1])[0] ?? [];
  return id ? `${names[id]} ${format(v)}` : 'n/a';
}

const ms = (digits) => (v) => (typeof v === 'number' ? `${v.toFixed(digits)} ms` : 'n/a');
const bytes = (v) => (typeof v === 'number' ? `${v.toLocaleString('en-US')} B` : 'n/a');
const rows = [];
/** The lowest value of the full-featured peers of a run, or null. */
const bestValue = (run, value) =>
  full
    .filter((id) => run.summary[id])
    .map((id) => value(run.summary[id]))
    .filter((x) => typeof x === 'number')
    .sort((a, b) => a - b)[0] ?? null;
const row = (figure, target, value, format, peerValue = null) => {
  const cells = [before, after].map((run) => {
    const own = value(run.summary['consent-gate'], run);
    const peer = peerValue && bestValue(run, peerValue);
    const mine = peerValue && peerValue(run.summary['consent-gate']);
    // The ratio to the best peer of the same run: runs on a shared machine differ in load.
    return `${format(own)}${peer ? ` (${(mine / peer).toFixed(2)}×)` : ''}`;
  });
  const peers = peerValue ? [before, after].map((run) => best(run, peerValue, format)) : ['—', '—'];
  rows.push([figure, target, cells[0], cells[1], peers[0], peers[1]]);
};

row(
  '1. first paint, script tag (gzip -9)',
  '≤ 12,288 B',
  (s) => s.firstPaintGzip,
  bytes,
  (s) => s.firstPaintGzip,
);
row('1. headless first paint', '≤ 5,120 B', (s) => s.headlessGzip, bytes);
row('1. standalone', '≤ 18,432 B', (s) => s.standaloneGzip, bytes);
row(
  '2. Δ main-thread script during load',
  '≤ 1.0 × best peer',
  (s) => s.scriptDelta?.median,
  ms(1),
  (s) => s.scriptDelta?.median,
);
row(
  '3. loads with a long task',
  '≤ best peer',
  (s) => s,
  (s) => (typeof s === 'number' ? `${s}` : `${s.longTaskLoads} of ${s.loads}`),
  (s) => s.longTaskLoads,
);
row(
  '4. banner visible',
  '≤ 0.8 × fastest peer',
  (s) => s.visible?.median,
  ms(0),
  (s) => s.visible?.median,
);
row(
  '4. CLS (max)',
  '0',
  (s) => s.clsMax,
  (v) => (typeof v === 'number' ? v.toFixed(3) : 'n/a'),
);
row(
  '5. Accept all → next frame',
  '≤ best peer',
  // Results written before the frame was the measure have only the first task after it.
  (s) => (s.clickToFrame ?? s.clickToPaint)?.median,
  ms(1),
  (s) => (s.clickToFrame ?? s.clickToPaint)?.median,
);
row(
  '5. Accept all, Event Timing',
  '≤ best peer',
  (s) => s.eventTiming?.median,
  ms(0),
  (s) => s.eventTiming?.median,
);
row(
  '5. clicks with work before that paint',
  '0',
  (s) => s,
  (s) => `${s.clicksWithWorkBeforePaint} of ${s.clicks}`,
);
row(
  '6. returning / first visit script',
  '≤ 0.5×',
  (s) => (s.returningDelta && s.scriptDelta ? s.returningDelta.median / s.scriptDelta.median : null),
  (v) => (typeof v === 'number' ? `${v.toFixed(2)}×` : 'n/a'),
);
row(
  '6. returning: banner element in the DOM',
  '0',
  (s) => s,
  (s) => `${s.returningBannerInDom} of ${s.returningLoads}`,
);

console.log(
  table(
    [
      'Figure (consent-gate)',
      'Target',
      `Before (${before.label}; × best peer)`,
      `After (${after.label}; × best peer)`,
      'Best full-featured peer, before run',
      'Best full-featured peer, after run',
    ],
    rows,
  ),
);
console.log(
  `\nBefore: ${before.sdkDist}, sha256 ${before.bundleSha256}, ${before.rounds} rounds, ${before.date}. After: ${after.sdkDist}, sha256 ${after.bundleSha256}, ${after.rounds} rounds, ${after.date}.`,
);
