// npm run bench: consent-gate against other consent tools, same page, same run.
//
// Serves one identical article page per tool (bench/page.mjs, bench/tools.mjs)
// from a local node:http server (bench/server.mjs) and loads each in headless
// Chromium, in fresh browser contexts, interleaved (tool order rotated per
// round). Per context: JS+CSS bytes (raw, gzip -9, brotli q11 of the served
// files), time from navigation start to the banner being visible, main-thread
// script time (CDP ScriptDuration), CLS, cookies and /collect calls before
// consent. Once per tool: axe-core with the banner open and with the
// preferences layer open, and a click on Accept all / Reject all to check that
// the gated analytics script runs only after acceptance. Prints a markdown
// table and writes bench/results/latest.{json,md}.
//
// Environment: BENCH_RUNS (default 15), BENCH_TOOLS (comma-separated ids).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-browser.mjs';
import { CONSENT_GATE_BUNDLE, ROOT, startServer } from './server.mjs';
import { packageDir } from './package-dir.mjs';
import { BASELINE, TOOLS } from './tools.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const ONLY = process.env.BENCH_TOOLS ? process.env.BENCH_TOOLS.split(',').map((s) => s.trim()) : null;
const VIEWPORT = { width: 1280, height: 800 };
const SETTLE_MS = 250; // after network idle, before reading the metrics
const BANNER_TIMEOUT_MS = 15_000;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AXE_PATH = join(packageDir('axe-core'), 'axe.min.js');
const RESULTS = join(ROOT, 'bench', 'results');

const started = Date.now();
const log = (...args) => console.error(...args); // progress on stderr, results on stdout

// ---------------------------------------------------------------------------
// Setup

if (!existsSync(CONSENT_GATE_BUNDLE)) {
  log('dist/consent-gate.min.js is missing: building it (npx rollup -c)…');
  const build = spawnSync('npx', ['rollup', '-c'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0 || !existsSync(CONSENT_GATE_BUNDLE)) {
    console.error('bench: could not build dist/consent-gate.min.js');
    process.exit(1);
  }
}

const tools = [...TOOLS, BASELINE].filter((t) => !ONLY || ONLY.includes(t.id));
for (const tool of tools) {
  tool.version = tool.package
    ? JSON.parse(readFileSync(join(packageDir(tool.package), 'package.json'), 'utf8')).version
    : tool.id === 'consent-gate'
      ? `${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version} (dist)`
      : '';
}

// ---------------------------------------------------------------------------
// In-page probe, injected before any page script

/**
 * Records, in `window.__bench`, the first `performance.now()` at which the
 * banner is rendered (checked every animation frame) and the page's CLS
 * (largest session window of layout shifts without recent input).
 * @param {string[] | null} bannerPath selectors, each after the first inside the previous one's open shadow root
 */
function probe(bannerPath) {
  const bench = (window.__bench = { visibleAt: null, inDomAt: null, fcp: null, cls: 0, shiftCount: 0 });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') bench.fcp = entry.startTime;
    }).observe({ type: 'paint', buffered: true });
  } catch {
    // no paint timing
  }
  let sessionValue = 0;
  let sessionStart = 0;
  let sessionLast = 0;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue;
        bench.shiftCount++;
        if (sessionValue > 0 && entry.startTime - sessionLast < 1000 && entry.startTime - sessionStart < 5000) {
          sessionValue += entry.value;
        } else {
          sessionValue = entry.value;
          sessionStart = entry.startTime;
        }
        sessionLast = entry.startTime;
        if (sessionValue > bench.cls) bench.cls = sessionValue;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {
    bench.cls = null;
  }
  if (!bannerPath) return;
  const find = () => {
    let element = document.querySelector(bannerPath[0]);
    for (const selector of bannerPath.slice(1)) element = element && element.shadowRoot ? element.shadowRoot.querySelector(selector) : null;
    return element;
  };
  const parentOf = (node) => {
    if (node.parentElement) return node.parentElement;
    const root = node.getRootNode();
    return root instanceof ShadowRoot ? root.host : null;
  };
  const rendered = (element) => {
    const rect = element.getBoundingClientRect();
    if (!(rect.width > 0 && rect.height > 0)) return false;
    if (getComputedStyle(element).visibility === 'hidden') return false;
    // opacity > 0 on the element and every ancestor (through shadow hosts): a
    // transparent ancestor hides it as surely as its own opacity does.
    for (let node = element; node; node = parentOf(node)) if (Number(getComputedStyle(node).opacity) === 0) return false;
    return true;
  };
  const tick = () => {
    const element = find();
    if (element && bench.inDomAt === null) bench.inDomAt = performance.now();
    if (element && rendered(element)) bench.visibleAt = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

// ---------------------------------------------------------------------------
// Helpers

const sizeCache = new Map();
/** Raw, gzip -9 and brotli q11 bytes of a served file (cached per path). */
async function sizesOf(server, pathname) {
  if (!sizeCache.has(pathname)) {
    const body = await server.bytesFor(pathname);
    sizeCache.set(
      pathname,
      body
        ? {
            raw: body.length,
            gzip: gzipSync(body, { level: 9 }).length,
            brotli: brotliCompressSync(body, {
              params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
            }).length,
          }
        : null,
    );
  }
  return sizeCache.get(pathname);
}

/** A context that lets only this server's requests through and counts the others. */
async function newContext(browser, server) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'en-US', timezoneId: 'UTC' });
  const blocked = [];
  const allowed = new URL(server.origin).host;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).host === allowed) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  return { context, blocked };
}

/** Waits until the element at `path` is rendered (same test as the probe). */
async function waitRendered(page, path, timeout = BANNER_TIMEOUT_MS) {
  await page.waitForFunction(
    (p) => {
      let element = document.querySelector(p[0]);
      for (const s of p.slice(1)) element = element && element.shadowRoot ? element.shadowRoot.querySelector(s) : null;
      if (!element) return false;
      const rect = element.getBoundingClientRect();
      return rect.width > 0 && rect.height > 0 && getComputedStyle(element).visibility !== 'hidden';
    },
    path,
    { timeout, polling: 'raf' },
  );
}

const locatorOf = (page, path) => page.locator(path.join(' >> ')).first();

// ---------------------------------------------------------------------------
// One measured page load

async function measureOnce(browser, server, tool) {
  const { context, blocked } = await newContext(browser, server);
  try {
    const page = await context.newPage();
    await page.addInitScript(probe, tool.banner);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const assets = [];
    const others = [];
    let collects = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/collect') collects++;
    });
    page.on('response', (response) => {
      const request = response.request();
      const url = new URL(request.url());
      if (url.host !== new URL(server.origin).host || request.resourceType() === 'document' || url.pathname === '/collect') return;
      if (url.pathname === '/analytics.js') return; // shared, and only loads when a tool fails to gate it
      if (['script', 'stylesheet'].includes(request.resourceType())) assets.push(url.pathname);
      else others.push(`${request.resourceType()} ${url.pathname}`);
    });
    await page.goto(`${server.origin}/${tool.id}/`, { waitUntil: 'load' });
    if (tool.banner)
      await page.waitForFunction(() => window.__bench.visibleAt !== null, null, { timeout: BANNER_TIMEOUT_MS, polling: 100 });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(SETTLE_MS);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name) => metrics.find((m) => m.name === name)?.value ?? null;
    const inPage = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        ...window.__bench,
        dcl: nav?.domContentLoadedEventEnd ?? null,
        load: nav?.loadEventEnd ?? null,
        analyticsRan: window.__benchAnalyticsRan ?? 0,
      };
    });
    const cookies = (await context.cookies()).map((c) => c.name).sort();
    const bytes = { raw: 0, gzip: 0, brotli: 0 };
    for (const pathname of assets) {
      const size = await sizesOf(server, pathname);
      if (size) for (const k of Object.keys(bytes)) bytes[k] += size[k];
    }
    return {
      ok: true,
      files: assets.length,
      assets,
      others,
      bytes,
      visibleMs: inPage.visibleAt,
      inDomMs: inPage.inDomAt,
      fcpMs: inPage.fcp,
      dclMs: inPage.dcl,
      loadMs: inPage.load,
      scriptMs: metric('ScriptDuration') * 1000,
      layoutMs: (metric('LayoutDuration') + metric('RecalcStyleDuration')) * 1000,
      taskMs: metric('TaskDuration') * 1000,
      cls: inPage.cls,
      layoutShifts: inPage.shiftCount,
      cookies,
      collects,
      analyticsRan: inPage.analyticsRan,
      blocked: blocked.length,
      blockedUrls: blocked,
    };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------
// Once per tool: axe-core, and Accept all / Reject all behaviour

async function runAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.length,
    help: v.help,
    targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
  }));
}

async function checkOnce(browser, server, tool) {
  const out = { axeBanner: null, axePreferences: null, accept: null, reject: null, errors: [] };
  // axe, banner open then preferences open
  {
    const { context } = await newContext(browser, server);
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/${tool.id}/`, { waitUntil: 'load' });
      if (tool.banner) await waitRendered(page, tool.banner);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500); // entrance animations
      out.axeBanner = await runAxe(page);
      if (tool.manage && tool.preferences) {
        await locatorOf(page, tool.manage).click();
        await waitRendered(page, tool.preferences);
        await page.waitForTimeout(700);
        out.axePreferences = await runAxe(page);
      }
    } catch (error) {
      out.errors.push(`axe: ${error.message.split('\n')[0]}`);
    } finally {
      await context.close();
    }
  }
  // first-layer buttons: analytics must run after Accept all and not after Reject all
  for (const [key, path] of [
    ['accept', tool.acceptAll],
    ['reject', tool.rejectAll],
  ]) {
    if (!path) continue;
    const { context } = await newContext(browser, server);
    try {
      const page = await context.newPage();
      let collects = 0;
      page.on('request', (request) => {
        if (new URL(request.url()).pathname === '/collect') collects++;
      });
      await page.goto(`${server.origin}/${tool.id}/`, { waitUntil: 'load' });
      await waitRendered(page, tool.banner);
      await page.waitForLoadState('networkidle');
      await locatorOf(page, path).click();
      await page.waitForTimeout(300);
      await page.waitForLoadState('networkidle');
      const cookies = (await context.cookies()).map((c) => c.name).sort();
      out[key] = { analyticsCookie: cookies.includes('_stat'), collects, cookies };
    } catch (error) {
      out.errors.push(`${key}: ${error.message.split('\n')[0]}`);
    } finally {
      await context.close();
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Statistics and formatting

function stats(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  return { median: v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2, min: v[0], max: v[v.length - 1], n: v.length };
}

function fmt(s, digits = 0, scale = 1) {
  if (!s) return 'n/a';
  const f = (x) => (x / scale).toFixed(digits);
  return f(s.min) === f(s.max) ? f(s.median) : `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
}

function fmtAxe(violations) {
  if (violations === null || violations === undefined) return 'n/a';
  if (!violations.length) return '0';
  const nodes = violations.reduce((sum, v) => sum + v.nodes, 0);
  return `${violations.length} (${nodes} nodes): ${violations.map((v) => v.id).join(', ')}`;
}

function fmtButton(result, expectRun) {
  if (!result) return 'n/a';
  const ran = result.analyticsCookie || result.collects > 0;
  return `${ran === expectRun ? 'ok' : 'FAIL'} (${ran ? 'ran' : 'did not run'})`;
}

// ---------------------------------------------------------------------------
// Main

const loadBefore = loadavg()[0];
const server = await startServer();
const executablePath = findChromium();
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
const machine = {
  cpu: cpus()[0]?.model?.trim() ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  os: `${platform()} ${release()}`,
  node: process.version,
  chromium: browser.version(),
  chromiumPath: executablePath ?? 'playwright bundled',
  playwright: JSON.parse(readFileSync(join(packageDir('playwright'), 'package.json'), 'utf8')).version,
};
const bundleHash = createHash('sha256')
  .update(await server.bytesFor('/consent-gate.min.js'))
  .digest('hex')
  .slice(0, 12);
log(`bench: ${tools.length} pages × ${RUNS} runs on ${server.origin}, Chromium ${machine.chromium}`);

const runs = Object.fromEntries(tools.map((t) => [t.id, []]));
const failures = Object.fromEntries(tools.map((t) => [t.id, []]));
const checks = {};
let interrupted = false;
process.on('SIGINT', () => (interrupted = true));

try {
  // One unrecorded warm-up load per tool (server cache, browser code caches of the harness).
  for (const tool of tools)
    await measureOnce(browser, server, tool).catch((e) => failures[tool.id].push(`warm-up: ${e.message.split('\n')[0]}`));
  for (let round = 0; round < RUNS && !interrupted; round++) {
    const shift = round % tools.length;
    const order = [...tools.slice(shift), ...tools.slice(0, shift)];
    for (const tool of order) {
      try {
        runs[tool.id].push(await measureOnce(browser, server, tool));
      } catch (error) {
        failures[tool.id].push(`round ${round + 1}: ${error.message.split('\n')[0]}`);
      }
    }
    log(`  round ${round + 1}/${RUNS} done (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  for (const tool of tools) {
    log(`  axe + buttons: ${tool.id}`);
    checks[tool.id] = await checkOnce(browser, server, tool);
  }
} finally {
  await browser.close();
  await server.close();
}

// ---------------------------------------------------------------------------
// Report

const rows = tools.map((tool) => {
  const r = runs[tool.id];
  const c = checks[tool.id] ?? {};
  const cookieNames = [...new Set(r.flatMap((x) => x.cookies))].sort();
  const summary = {
    id: tool.id,
    name: tool.name,
    version: tool.version,
    runs: r.length,
    failures: failures[tool.id],
    files: stats(r.map((x) => x.files)),
    assets: [...new Set(r.flatMap((x) => x.assets))],
    otherRequests: [...new Set(r.flatMap((x) => x.others))],
    raw: stats(r.map((x) => x.bytes.raw)),
    gzip: stats(r.map((x) => x.bytes.gzip)),
    brotli: stats(r.map((x) => x.bytes.brotli)),
    visibleMs: stats(r.map((x) => x.visibleMs)),
    inDomMs: stats(r.map((x) => x.inDomMs)),
    fcpMs: stats(r.map((x) => x.fcpMs)),
    dclMs: stats(r.map((x) => x.dclMs)),
    loadMs: stats(r.map((x) => x.loadMs)),
    scriptMs: stats(r.map((x) => x.scriptMs)),
    layoutMs: stats(r.map((x) => x.layoutMs)),
    taskMs: stats(r.map((x) => x.taskMs)),
    cls: stats(r.map((x) => x.cls)),
    cookiesBeforeConsent: stats(r.map((x) => x.cookies.length)),
    cookieNamesBeforeConsent: cookieNames,
    collectsBeforeConsent: stats(r.map((x) => x.collects)),
    blockedRequests: stats(r.map((x) => x.blocked)),
    blockedUrls: [...new Set(r.flatMap((x) => x.blockedUrls))],
    axeBanner: c.axeBanner ?? null,
    axePreferences: c.axePreferences ?? null,
    acceptAll: c.accept ?? null,
    rejectAll: c.reject ?? null,
    checkErrors: c.errors ?? [],
    manageHow: tool.manageHow,
    deviations: tool.deviations,
  };
  return summary;
});

const seconds = (Date.now() - started) / 1000;
machine.loadAverage1m = { start: Number(loadBefore.toFixed(2)), end: Number(loadavg()[0].toFixed(2)) };
const machineLine = `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}; Node ${machine.node}; Chromium ${machine.chromium} (headless, ${machine.chromiumPath}); Playwright ${machine.playwright}; 1-min load average ${machine.loadAverage1m.start} at start, ${machine.loadAverage1m.end} at end. ${RUNS} fresh contexts per tool, interleaved; viewport ${VIEWPORT.width}×${VIEWPORT.height}. consent-gate bundle sha256 ${bundleHash}. Bench took ${seconds.toFixed(0)} s.`;

const header = [
  'Tool',
  'Version',
  'JS+CSS files',
  'Raw kB',
  'Gzip kB',
  'Brotli kB',
  'Banner visible ms',
  'Page FCP ms',
  'Script ms',
  'CLS',
  'Cookies before consent',
  '/collect before consent',
  'Blocked ext. requests',
  'axe: banner',
  'axe: preferences',
  'Accept all',
  'Reject all',
];
const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i < 2 ? '---' : '---:')).join('|')}|`];
for (const s of rows) {
  const cookies = s.cookiesBeforeConsent
    ? `${fmt(s.cookiesBeforeConsent)}${s.cookieNamesBeforeConsent.length ? ` (${s.cookieNamesBeforeConsent.join(', ')})` : ''}`
    : 'n/a';
  lines.push(
    `| ${[
      s.name,
      s.version,
      fmt(s.files),
      fmt(s.raw, 1, 1000),
      fmt(s.gzip, 1, 1000),
      fmt(s.brotli, 1, 1000),
      s.id === 'baseline' ? '—' : fmt(s.visibleMs),
      fmt(s.fcpMs),
      fmt(s.scriptMs),
      fmt(s.cls, 3),
      cookies,
      fmt(s.collectsBeforeConsent),
      fmt(s.blockedRequests),
      fmtAxe(s.axeBanner),
      s.id === 'baseline' ? '—' : fmtAxe(s.axePreferences),
      s.id === 'baseline' ? '—' : fmtButton(s.acceptAll, true),
      s.id === 'baseline' ? '—' : fmtButton(s.rejectAll, false),
    ].join(' | ')} |`,
  );
}
const table = lines.join('\n');
const notes = [
  '',
  'Cells: median (min–max) over the runs; a single number means min = max. kB = 1000 bytes, of the JS and CSS files the page loaded (page HTML and the shared /analytics.js excluded); gzip level 9 and brotli quality 11 computed from the served bytes.',
  '"Banner visible": navigation start to the first animation frame in which the banner element is in the DOM with a non-zero box, not `visibility: hidden` and no ancestor at opacity 0. "Script ms": CDP `Performance.getMetrics` ScriptDuration after the banner is visible and the network idle. CLS: largest session window of `layout-shift` entries without recent input. Cookies and /collect calls: before any choice. axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa): violated rules (affected nodes), one run per tool. "Accept all"/"Reject all": one click on the first-layer button; ok = the gated /analytics.js ran after Accept all and did not after Reject all.',
];
const failed = rows.filter((s) => s.failures.length || s.checkErrors.length);
if (failed.length) {
  notes.push('', 'Failures:');
  for (const s of failed) notes.push(`- ${s.name}: ${[...s.failures, ...s.checkErrors].join('; ')}`);
}
const markdown = `${table}\n${notes.join('\n')}\n\n${machineLine}\n`;

mkdirSync(RESULTS, { recursive: true });
writeFileSync(
  join(RESULTS, 'latest.json'),
  `${JSON.stringify({ date: new Date().toISOString(), seconds, runsPerTool: RUNS, viewport: VIEWPORT, machine, consentGateBundleSha256: bundleHash, axeTags: AXE_TAGS, tools: rows, raw: runs }, null, 2)}\n`,
);
writeFileSync(join(RESULTS, 'latest.md'), markdown);
console.log(markdown);
log(`bench: wrote bench/results/latest.json and latest.md in ${seconds.toFixed(0)} s`);
if (failed.some((s) => s.runs === 0)) process.exitCode = 1;
