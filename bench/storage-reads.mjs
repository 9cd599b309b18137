// npm run bench:reads: what a DevTools client does to the cost of a
// `document.cookie` read (issue #17), per tool, on its benchmark page.
//
// The first version of this script (issue #6) loaded the pages with Playwright
// and found consent-gate's first cookie read "slow" (4–13 ms). The slowness was
// the instrument's: Playwright enables the Runtime domain, and with Runtime
// enabled every `document.cookie` access files a DevTools issue that captures a
// JavaScript stack, for which V8 rebuilds the source positions of every
// function on it (for consent-gate, the whole bundle's outer function).
//
// This version loads each page in three modes, interleaved, fresh contexts:
//   none         the page is opened through the browser target and never attached:
//                no DevTools client in its renderer (what a visitor has)
//   performance  one session with only Performance enabled: how `npm run bench` measures
//   runtime      one session with Runtime enabled: what Playwright (and the old bench) did
// An inline script first in <head> wraps the `document.cookie` getter and
// `localStorage` reads with performance.now(), and beacons its record to the
// bench server 1 s after `load` (nothing is read through DevTools).
//
//   node bench/storage-reads.mjs [--rounds 10] [--tools consent-gate,orejime] [--sdk-dist DIR]
import { parseArgs } from 'node:util';
import { closePage, launchChromium, openPage } from './cdp.mjs';
import { renderPage } from './page.mjs';
import { sdkDistDir, startServer } from './server.mjs';
import { fmtMs, stats, table } from './stats.mjs';
import { TOOLS } from './tools.mjs';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: process.env.BENCH_RUNS ?? '10' },
    tools: { type: 'string', default: process.env.BENCH_TOOLS ?? 'consent-gate,vanilla-cookieconsent,orejime' },
    'sdk-dist': { type: 'string' },
  },
});
const ROUNDS = Number(args.rounds);
const MODES = ['none', 'performance', 'runtime'];
const tools = TOOLS.filter((t) => args.tools.split(',').includes(t.id));

/** Inline probe: times every synchronous cookie and localStorage read, beacons them 1 s after load. */
function timeStorageReads(load) {
  const reads = { cookie: [], storage: [] };
  const time = (list, read) => {
    const start = performance.now();
    try {
      return read();
    } finally {
      list.push([start, performance.now() - start]);
    }
  };
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    get() {
      return time(reads.cookie, () => cookie.get.call(this));
    },
    set(value) {
      cookie.set.call(this, value);
    },
  });
  const getItem = Storage.prototype.getItem;
  Storage.prototype.getItem = function (key) {
    return time(reads.storage, () => getItem.call(this, key));
  };
  addEventListener('load', () =>
    setTimeout(() => {
      const interactive = performance.getEntriesByType('navigation')[0].domInteractive;
      navigator.sendBeacon(`/__bench/report?load=${load}&kind=reads`, JSON.stringify({ ...reads, interactive }));
    }, 1000),
  );
}

const byId = Object.fromEntries(tools.map((t) => [t.id, t]));
const server = await startServer({
  sdkDist: sdkDistDir(args['sdk-dist']),
  routes: (pathname) => {
    const match = /^\/reads\/([\w-]+)\/([\w-]+)\/$/.exec(pathname);
    const tool = match && byId[match[1]];
    return tool ? renderPage(tool, { probe: `<script>(${timeStorageReads.toString()})(${JSON.stringify(match[2])});</script>` }) : null;
  },
});
const browser = await launchChromium();
let sequence = 0;

async function measure(tool, mode) {
  const load = `${mode}${++sequence}`;
  const page = await openPage(browser, `${server.origin}/reads/${tool.id}/${load}/`, { mode, blankUrl: `${server.origin}/__bench/blank` });
  try {
    const report = await server.waitReport(load, 'reads', 30_000);
    if (!report) throw new Error(`${tool.id} ${mode}: no report`);
    const { cookie, storage, interactive } = report.data;
    const sum = (list) => list.reduce((total, [, ms]) => total + ms, 0);
    return {
      firstCookieMs: cookie[0]?.[1],
      firstCookieAt: cookie[0] ? cookie[0][0] - interactive : undefined,
      cookieReads: cookie.length,
      cookieMs: sum(cookie),
      storageMs: storage.length ? sum(storage) : undefined,
    };
  } finally {
    await closePage(browser, page);
  }
}

const results = new Map(tools.flatMap((t) => MODES.map((m) => [`${t.id} ${m}`, []])));
try {
  for (const tool of tools) for (const mode of MODES) await measure(tool, mode); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    const jobs = tools.flatMap((t) => MODES.map((m) => [t, m]));
    const shift = round % jobs.length;
    for (const [tool, mode] of [...jobs.slice(shift), ...jobs.slice(0, shift)])
      results.get(`${tool.id} ${mode}`).push(await measure(tool, mode));
    console.error(`round ${round + 1}/${ROUNDS}`);
  }
} finally {
  await browser.close();
  await server.close();
}

const rows = tools.flatMap((tool) =>
  MODES.map((mode) => {
    const runs = results.get(`${tool.id} ${mode}`);
    const cell = (key) => fmtMs(stats(runs.map((r) => r[key])), 1);
    return [
      tool.name,
      mode,
      cell('firstCookieMs'),
      cell('firstCookieAt'),
      String(stats(runs.map((r) => r.cookieReads))?.median ?? 0),
      cell('cookieMs'),
      cell('storageMs'),
    ];
  }),
);
console.log(`\n${ROUNDS} fresh contexts per tool and mode, interleaved; medians (min–max), ms; Chromium ${browser.version}\n`);
console.log(
  table(
    [
      'Tool',
      'DevTools client',
      'First cookie read',
      '… at (after domInteractive)',
      'Cookie reads',
      'All cookie reads',
      'localStorage reads',
    ],
    rows,
  ),
);
