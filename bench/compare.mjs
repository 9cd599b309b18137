// Before/after: consent-gate's six figures from two `npm run bench` results, each
// against the best full-featured peer of its own run, with the bootstrap interval
// of the ratio and the verdict (issue #24's rules, bench/stats.mjs).
//
//   node bench/compare.mjs bench/results/before.json bench/results/after.json
import { readFileSync } from 'node:fs';
import { fmtEstimate, fmtRatio, table } from './stats.mjs';
import { TOOLS } from './tools.mjs';

const [beforeFile, afterFile] = process.argv.slice(2);
if (!beforeFile || !afterFile) {
  console.error('usage: node bench/compare.mjs <before.json> <after.json>');
  process.exit(2);
}
const runs = [beforeFile, afterFile].map((file) => JSON.parse(readFileSync(file, 'utf8')));
const names = Object.fromEntries(TOOLS.map((t) => [t.id, t.name]));
const bytes = (v) => (typeof v === 'number' ? `${v.toLocaleString('en-US')} B` : 'n/a');
const met = (ok) => (ok === null || ok === undefined ? 'n/a' : ok ? '**met**' : 'not met');
const ms = (v, digits = 1) => (typeof v === 'number' ? `${v.toFixed(digits)} ms` : 'n/a');

/** A row: one cell per run from `cell(verdicts, summary)`. */
const rows = [];
const row = (figure, target, cell) =>
  rows.push([figure, target, ...runs.map((run) => cell(run.summary['consent-gate'].verdicts ?? {}, run.summary))]);
/** "own vs peer: ratio (interval), verdict". */
const against = (v, digits = 1) =>
  v?.estimate
    ? `${ms(v.estimate.a, digits)} vs ${names[v.peer] ?? v.peer} ${ms(v.estimate.b, digits)}: ${fmtRatio(v.estimate)}, ${met(v.met)}`
    : 'n/a';

row('1. first paint, script tag (gzip -9)', '≤ 12,800 B', (v) => `${bytes(v.bytes?.firstPaint)}`);
row(
  '1. headless / one-file build',
  '≤ 7,168 B / ≤ 18,944 B',
  (v) => `${bytes(v.bytes?.headless)} / ${bytes(v.bytes?.standalone)}, ${met(v.bytes?.met)}`,
);
row('2. Δ main-thread script, first visit', '≤ 1.0 × best peer', (v) => against(v.script));
row('3. Δ total blocking time', '≤ 1.0 × best peer', (v) => against(v.tbt, 0));
row('4. banner − page FCP', `≤ 16 ms`, (v) => `${fmtEstimate(v.banner?.gap)}, ${met(v.banner?.gapMet)}`);
row('4. Δ page FCP (minus no-tool page)', '≤ 1.0 × best peer', (v) =>
  v.banner?.estimate
    ? `${ms(v.banner.estimate.a)} vs ${names[v.banner.peer]} ${ms(v.banner.estimate.b)}: ${fmtRatio(v.banner.estimate)}, ${met(v.banner.fcpMet)}`
    : 'n/a',
);
row('4. with latency: banner visible', '≤ 1.0 × best peer, one file', (v) =>
  v.bannerLatency ? `${against(v.bannerLatency, 0)}; files ${v.bannerLatency.files.join(', ')}` : 'not measured',
);
row('5. Accept all → next frame', '≤ 1.0 × best peer', (v) => against(v.click));
row('5. Accept all, Event Timing', '≤ 1.0 × best peer', (v) =>
  v.click?.eventTiming
    ? `${ms(v.click.eventTiming.a, 0)} vs ${names[v.click.eventTimingPeer]} ${ms(v.click.eventTiming.b, 0)}: ${fmtRatio(v.click.eventTiming)}`
    : 'n/a',
);
row('6. returning visit, Δ script (tracker off)', '≤ 1.0 × best peer; no banner; one file', (v) =>
  v.returning
    ? `${against(v.returning)}; banner element ${v.returning.bannerInDom} of ${v.returning.loads}; files ${v.returning.files.join(', ')}`
    : 'n/a',
);
row('6. beside it: the tracker’s own cost', '(reported)', (v) => fmtEstimate(v.returning?.trackerCost));

console.log(table(['Figure (consent-gate)', 'Target', ...runs.map((run) => `${run.label} (sha256 ${run.bundleSha256})`)], rows));
console.log(
  `\n${runs
    .map(
      (run) =>
        `${run.label}: ${run.sdkDist}, ${run.rounds} rounds, ${run.date}, 1-min load average ${run.machine.loadAverage1m.start} at start, ${run.machine.loadAverage1m.end} at end.`,
    )
    .join(' ')}`,
);
