// npm run bench:reads: how long each tool's synchronous storage reads block
// the main thread while its benchmark page loads.
//
// `document.cookie` and `localStorage` are synchronous calls from the page to
// the browser process. On this 2-core machine, early in a page load, one such
// call can cost several milliseconds, and that time is part of the "Script ms"
// column of `npm run bench`. This script wraps the `document.cookie` getter,
// the `localStorage` getter and `Storage.prototype.getItem` with
// `performance.now()` before any page script runs (an init script), loads each
// tool's benchmark page in fresh contexts, interleaved, and prints per tool the
// medians (min–max) of: the first cookie read's cost and when it happened
// (ms after `domInteractive`), all cookie reads together, all localStorage
// accesses together, and the page's ScriptDuration.
//
// Environment: BENCH_RUNS (default 15), BENCH_TOOLS (comma-separated ids).
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-browser.mjs';
import { startServer } from './server.mjs';
import { TOOLS } from './tools.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const ONLY = process.env.BENCH_TOOLS ? process.env.BENCH_TOOLS.split(',').map((s) => s.trim()) : null;
const SETTLE_MS = 250;

/** Init script: times every synchronous cookie and localStorage read into `window.__reads`. */
function timeStorageReads() {
  const reads = (window.__reads = { cookie: [], storage: [] });
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
  const local =
    Object.getOwnPropertyDescriptor(window, 'localStorage') ?? Object.getOwnPropertyDescriptor(Window.prototype, 'localStorage');
  Object.defineProperty(window, 'localStorage', { configurable: true, get: () => time(reads.storage, () => local.get.call(window)) });
  const getItem = Storage.prototype.getItem;
  Storage.prototype.getItem = function (key) {
    return time(reads.storage, () => getItem.call(this, key));
  };
}

const median = (values) => {
  const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : null;
};
const cell = (values) => {
  const present = values.filter((v) => typeof v === 'number');
  if (!present.length) return '—';
  const f = (v) => v.toFixed(1);
  return `${f(median(present))} (${f(Math.min(...present))}–${f(Math.max(...present))})`;
};

async function measureOnce(browser, server, tool) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(timeStorageReads);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${server.origin}/${tool.id}/`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(SETTLE_MS);
    const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const { cookie, storage, interactive } = await page.evaluate(() => ({
      ...window.__reads,
      interactive: performance.getEntriesByType('navigation')[0].domInteractive,
    }));
    const sum = (list) => list.reduce((total, [, ms]) => total + ms, 0);
    return {
      firstCookieMs: cookie[0]?.[1],
      firstCookieAt: cookie[0] ? cookie[0][0] - interactive : undefined,
      cookieReads: cookie.length,
      cookieMs: sum(cookie),
      storageMs: storage.length ? sum(storage) : undefined,
      scriptMs: metrics.ScriptDuration * 1000,
    };
  } finally {
    await context.close();
  }
}

const tools = TOOLS.filter((t) => !ONLY || ONLY.includes(t.id));
const server = await startServer();
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  const results = new Map(tools.map((t) => [t.id, []]));
  for (let round = 0; round < RUNS; round++) {
    for (let i = 0; i < tools.length; i++) {
      const tool = tools[(i + round) % tools.length];
      results.get(tool.id).push(await measureOnce(browser, server, tool));
    }
    console.error(`round ${round + 1}/${RUNS}`);
  }
  console.log(`\n${RUNS} fresh contexts per tool, medians (min–max), ms\n`);
  console.log('| Tool | First cookie read | … at (after domInteractive) | Cookie reads | All cookie reads | localStorage | Script ms |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const tool of tools) {
    const runs = results.get(tool.id);
    const column = (key) => cell(runs.map((r) => r[key]));
    console.log(
      `| ${tool.name} | ${column('firstCookieMs')} | ${column('firstCookieAt')} | ${median(runs.map((r) => r.cookieReads))} | ${column('cookieMs')} | ${column('storageMs')} | ${column('scriptMs')} |`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
