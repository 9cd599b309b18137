// npm run bench: consent-gate against other consent tools, same page, same run,
// measured without a DevTools bias, and the six figures of issue #24's targets.
//
//   node bench/run.mjs [--rounds 30] [--tools consent-gate,orejime] [--sdk-dist DIR]
//                      [--label NAME] [--latency 100] [--no-checks] [--cpu-time]
//
// Load cost (figures 2, 3, 4, 6) and the click (figure 5) are measured with
// Chromium started by the bench and one raw CDP client (bench/cdp.mjs): on the
// measured page only the Performance domain is enabled, never Runtime, Network
// or Page (figure 4's loads with emulated latency enable Network; they time no
// script). The page reports its milestones to the bench server (bench/probe.mjs).
// Per round, every tool is loaded in a fresh browser context, in an order rotated
// by one per round: first visit (and the no-tool page, for the Δ columns), first
// visit with `--latency` ms added to every request, returning visit with the
// choice stored by an Accept all on the page with three gated scripts (tracker
// off; consent-gate once more with its tracker on), and the click page.
// Figure 1 comes from the bytes of the files (gzip level 9). Every timed verdict
// comes from the rounds, with a bootstrap 90 % interval of consent-gate's ratio to
// the best full-featured peer (bench/stats.mjs): met when the median meets the
// target and the interval reaches no further than 1.10 × it. Then, once per tool,
// the Playwright behaviour checks (bench/behaviour.mjs: axe-core, Accept all /
// Reject all). Prints one table per figure with a verdict, and writes
// bench/results/<label>.json and .md (label: `latest` by default).
//
// `--cpu-time`: script and task durations (figures 2 and 6) in the renderer main
// thread's CPU time instead of wall time, so that other jobs on a loaded machine
// do not stretch them; the milestones (FCP, banner, click) stay wall time.
//
// Environment (the options win): BENCH_RUNS, BENCH_TOOLS, BENCH_SDK_DIST.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { checkBehaviour, fmtAxe, fmtButton } from './behaviour.mjs';
import { click, closePage, cookiesOf, hover, launchChromium, metricsOf, openPage, readPage, VIEWPORT } from './cdp.mjs';
import { packageDir } from './package-dir.mjs';
import { renderPage } from './page.mjs';
import { probeTag, readExpression } from './probe.mjs';
import { ROOT, sdkDistDir, startServer } from './server.mjs';
import { BASELINE, GATED_SCRIPTS, PAGE_COOKIES, TOOLS } from './tools.mjs';
import {
  bootstrapMedian,
  bootstrapRatio,
  fmtBytes,
  fmtEstimate,
  fmtMs,
  fmtRatio,
  meets,
  ratio,
  stats,
  table,
  TOLERANCE,
} from './stats.mjs';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: process.env.BENCH_RUNS ?? '30' },
    tools: { type: 'string', default: process.env.BENCH_TOOLS ?? '' },
    'sdk-dist': { type: 'string' },
    label: { type: 'string', default: 'latest' },
    latency: { type: 'string', default: '100' },
    'no-checks': { type: 'boolean', default: false },
    'cpu-time': { type: 'boolean', default: false },
  },
});
/** Figure 4 again with this much latency per request (0: not measured). */
const LATENCY_MS = Number(args.latency);
const ROUNDS = Number(args.rounds);
/** Script and task durations in the main thread's CPU time, not wall time. */
const CPU_TIME = args['cpu-time'];
const ONLY = args.tools ? args.tools.split(',').map((s) => s.trim()) : null;
const SDK_DIST = sdkDistDir(args['sdk-dist']);
const RESULTS = join(ROOT, 'bench', 'results');
const QUIET_MS = 500; // network idle: no request open or started for this long
const BANNER_TIMEOUT_MS = 15_000;
/** Figure 5's page: three gated scripts, and the tracker (consent-gate's own; a gated tracker script for the peers). */
const GATED = GATED_SCRIPTS;
const TRACKER = '/analytics.js';
/** Issue #24's byte ceilings (gzip): the script tag's first paint 12.5 KiB, headless 7 KiB, the one-file build 18.5 KiB. */
const TARGETS = { firstPaint: 12_800, headless: 7 * 1024, standalone: 18_944 };
/** Figure 4: the banner visible within one frame of the page's own first contentful paint. */
const FRAME_MS = 16;
/** The probe's Event Timing `durationThreshold`: a click answered faster has no entry. */
const EVENT_TIMING_THRESHOLD_MS = 16;

const started = Date.now();
const log = (...a) => console.error(...a); // progress on stderr, results on stdout
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

// ---------------------------------------------------------------------------
// Setup

if (!existsSync(join(SDK_DIST, 'consent-gate.min.js'))) {
  if (args['sdk-dist'] || process.env.BENCH_SDK_DIST) {
    console.error(`bench: ${join(SDK_DIST, 'consent-gate.min.js')} is missing`);
    process.exit(1);
  }
  log('dist/consent-gate.min.js is missing: building it (npm run build:browser)…');
  const build = spawnSync('npm', ['run', 'build:browser'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0 || !existsSync(join(SDK_DIST, 'consent-gate.min.js'))) {
    console.error('bench: could not build dist/consent-gate.min.js');
    process.exit(1);
  }
}

const tools = TOOLS.filter((t) => !ONLY || ONLY.includes(t.id));
if (!tools.some((t) => t.id === 'consent-gate')) tools.unshift(TOOLS[0]); // the figures are about it
const all = [...tools, BASELINE];
const sdkVersion = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
for (const tool of all)
  tool.version = tool.package
    ? JSON.parse(readFileSync(join(packageDir(tool.package), 'package.json'), 'utf8')).version
    : tool.id === 'consent-gate'
      ? `${sdkVersion} (${SDK_DIST.startsWith(ROOT) ? relative(ROOT, SDK_DIST) : SDK_DIST})`
      : '';
const byId = Object.fromEntries(all.map((t) => [t.id, t]));

// /m/<tool>/<load>/: a measured load; the load id's first letter says which page.
//   f… first visit, s… first visit with latency: the article with one gated analytics script;
//   r… returning visit: the page with three gated scripts (figure 6), no tracker;
//   t… returning visit with consent-gate's own tracker on (its cost, beside figure 6).
// /click/<tool>/<load>/: figure 5's page (three gated scripts and the tracker).
const routes = (pathname, origin) => {
  const match = /^\/(m|click)\/([\w-]+)\/([\w-]+)\/$/.exec(pathname);
  const tool = match && byId[match[2]];
  if (!tool) return null;
  const clickPage = match[1] === 'click';
  const kind = match[3][0];
  // A returning visit shows no banner: the probe must not look for one in every frame until the
  // measurement ends (a cost the no-tool page does not have); its banner element is read afterwards.
  const returning = !clickPage && (kind === 'r' || kind === 't');
  const probe = probeTag({ load: match[3], banner: returning ? null : tool.banner, accept: tool.acceptAll ?? null, click: clickPage });
  if (returning) return renderPage(tool, { probe, scripts: GATED, collector: kind === 't' ? origin : null, run: true });
  if (!clickPage) return renderPage(tool, { probe });
  return renderPage(tool, tool.ownTracker ? { probe, scripts: GATED, collector: origin } : { probe, scripts: [...GATED, TRACKER] });
};

const server = await startServer({ sdkDist: SDK_DIST, routes });
const blankUrl = `${server.origin}/__bench/blank`;
const loadBefore = loadavg()[0];
const browser = await launchChromium();
const bundleHash = createHash('sha256')
  .update(readFileSync(join(SDK_DIST, 'consent-gate.min.js')))
  .digest('hex')
  .slice(0, 12);
log(
  `bench: ${all.length} tools × ${ROUNDS} rounds on ${server.origin}, Chromium ${browser.version}, SDK ${SDK_DIST}${CPU_TIME ? ', CPU time' : ''}`,
);

// ---------------------------------------------------------------------------
// One measured load (first or returning visit)

let sequence = 0;
const isAsset = (path) => /\.(m?js|css)$/.test(path) && path !== TRACKER && !path.startsWith('/gated/');

/**
 * One measured load. `kind`: `f` first visit, `s` first visit with latency, `r` returning
 * visit (three gated scripts, no tracker), `t` returning visit with consent-gate's tracker.
 */
async function measureLoad(tool, { kind = 'f', cookies = [] } = {}) {
  const returning = kind === 'r' || kind === 't';
  const load = `${kind}${++sequence}`;
  const from = server.log.length;
  const url = `${server.origin}/m/${tool.id}/${load}/`;
  const page = await openPage(browser, url, {
    mode: 'performance',
    cookies: returning ? cookies : [],
    blankUrl,
    latencyMs: kind === 's' ? LATENCY_MS : 0,
    cpuTime: CPU_TIME,
  });
  try {
    const loaded = await server.waitReport(load, 'load', 30_000);
    if (!loaded) throw new Error('no load event');
    const visible = tool.banner && !returning ? await server.waitReport(load, 'visible', BANNER_TIMEOUT_MS) : null;
    if (tool.banner && !returning && !visible) throw new Error('banner not visible');
    await server.quiet(QUIET_MS);
    const metrics = await metricsOf(browser, page);
    const requests = server.log.slice(from);
    const inPage = await readPage(browser, page, readExpression(tool.banner));
    const cookieNames = (await cookiesOf(browser, page)).map((c) => c.name).sort();
    const assets = [...new Set(requests.filter((r) => isAsset(r.path)).map((r) => r.path))];
    const beforeVisible = visible ? [...new Set(requests.filter((r) => isAsset(r.path) && r.at <= visible.at).map((r) => r.path))] : assets;
    return {
      scriptMs: metrics.ScriptDuration * 1000,
      taskMs: metrics.TaskDuration * 1000,
      layoutMs: (metrics.LayoutDuration + metrics.RecalcStyleDuration) * 1000,
      visibleMs: inPage.visibleAt,
      fcpMs: inPage.fcp,
      cls: inPage.cls,
      // Shifts from the frame before the banner's first one on: the page's own earlier shifts (a scrollbar that
      // appears after a partial first layout moves the centred column by half its width) cannot be the banner's.
      bannerCls:
        typeof inPage.visibleAt === 'number'
          ? (inPage.shiftList ?? []).filter(([t]) => t >= inPage.visibleAt - FRAME_MS).reduce((sum, [, value]) => sum + value, 0)
          : inPage.cls,
      longTasks: inPage.longTasks,
      // Total blocking time: each long task's time past 50 ms.
      tbtMs: inPage.longTasks.reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0),
      assets,
      beforeVisible,
      collects: requests.filter((r) => r.path === '/collect').length,
      cookies: cookieNames,
      bannerInDom: inPage.bannerInDom,
      consentBannerDefined: inPage.consentBannerDefined,
      consentBannerRendered: inPage.consentBannerRendered,
    };
  } finally {
    await closePage(browser, page);
  }
}

// ---------------------------------------------------------------------------
// Figure 5: a click on Accept all, on the page with three gated scripts and the tracker

async function measureClick(tool) {
  const load = `c${++sequence}`;
  const page = await openPage(browser, `${server.origin}/click/${tool.id}/${load}/`, { mode: 'attach', blankUrl });
  try {
    const ready = await server.waitReport(load, 'ready', 30_000);
    if (!ready) throw new Error('Accept all button not found or not still');
    await server.quiet(QUIET_MS);
    await hover(browser, page, ready.data);
    await sleep(150);
    await click(browser, page, ready.data);
    await sleep(300);
    await server.quiet(QUIET_MS);
    const inPage = await readPage(browser, page, readExpression(tool.banner));
    const cookies = await cookiesOf(browser, page);
    const c = inPage.click;
    if (!c || c.paintedAt === null) throw new Error('click or paint not recorded');
    const work = inPage.work.filter(([, , t]) => t >= c.at).map(([kind, name, t]) => ({ kind, name, ms: t - c.frameAt }));
    const tracker = work.find((w) => (w.kind === 'beacon' || w.kind === 'fetch') && w.name === '/collect');
    return {
      clickToPaintMs: c.paintedAt - c.timeStamp,
      clickToFrameMs: c.frameAt - c.timeStamp,
      // No entry: the browser reports only events of 16 ms or more (the probe's durationThreshold), so 16 is an upper bound.
      eventTimingMs: inPage.clickEventTiming?.duration ?? EVENT_TIMING_THRESHOLD_MS,
      eventTimingBelowThreshold: !inPage.clickEventTiming,
      work,
      beforePaint: work.filter((w) => w.ms < 0).map((w) => `${w.kind} ${w.name}`),
      gatedRan: work.filter((w) => w.kind === 'script').length,
      trackerAfterPaintMs: tracker ? tracker.ms : null,
      consentCookies: cookies.filter((k) => !PAGE_COOKIES.test(k.name)),
    };
  } finally {
    await closePage(browser, page);
  }
}

// ---------------------------------------------------------------------------
// Rounds

const runs = Object.fromEntries(all.map((t) => [t.id, { first: [], slow: [], returning: [], tracked: [], click: [] }]));
const failures = Object.fromEntries(all.map((t) => [t.id, []]));
/** The stored choice of each tool (cookies after Accept all), for its returning visits. */
const stored = {};
let interrupted = false;
process.on('SIGINT', () => (interrupted = true));
const attempt = async (tool, what, fn) => {
  try {
    return await fn();
  } catch (error) {
    failures[tool.id].push(`${what}: ${error.message.split('\n')[0]}`);
    return null;
  }
};
const rotate = (list, by) => [...list.slice(by % list.length), ...list.slice(0, by % list.length)];
const cgTool = byId['consent-gate'];

try {
  // Warm-up (server, Chromium's own start-up paths), unrecorded; the click loads give the stored choices.
  for (const tool of all) await attempt(tool, 'warm-up', () => measureLoad(tool));
  for (const tool of tools) {
    const result = await attempt(tool, 'warm-up click', () => measureClick(tool));
    if (result) stored[tool.id] = result.consentCookies;
  }
  for (let round = 0; round < ROUNDS && !interrupted; round++) {
    const order = rotate(tools, round);
    // First visits, the no-tool page first: figures 1–4.
    const baseline = await attempt(BASELINE, `round ${round + 1}`, () => measureLoad(BASELINE));
    for (const tool of order) {
      const first = await attempt(tool, `round ${round + 1}`, () => measureLoad(tool));
      if (first) runs[tool.id].first.push({ round, baseline, ...first });
    }
    runs.baseline.first.push({ round, baseline, ...baseline });
    // The same with latency: figure 4 where a chained request costs a round trip.
    if (LATENCY_MS) {
      const slowBaseline = await attempt(BASELINE, `round ${round + 1} latency`, () => measureLoad(BASELINE, { kind: 's' }));
      for (const tool of order) {
        const slow = await attempt(tool, `round ${round + 1} latency`, () => measureLoad(tool, { kind: 's' }));
        if (slow) runs[tool.id].slow.push({ round, baseline: slowBaseline, ...slow });
      }
      runs.baseline.slow.push({ round, baseline: slowBaseline, ...slowBaseline });
    }
    // Returning visits on the page with three gated scripts, tracker off (figure 6), and
    // consent-gate with its tracker on (the tracker's own cost).
    const gatedBaseline = await attempt(BASELINE, `round ${round + 1} returning`, () => measureLoad(BASELINE, { kind: 'r' }));
    for (const tool of order) {
      if (!stored[tool.id]?.length) continue;
      const back = await attempt(tool, `round ${round + 1} returning`, () => measureLoad(tool, { kind: 'r', cookies: stored[tool.id] }));
      if (back) runs[tool.id].returning.push({ round, baseline: gatedBaseline, ...back });
    }
    if (stored['consent-gate']?.length) {
      const tracked = await attempt(cgTool, `round ${round + 1} returning, tracker on`, () =>
        measureLoad(cgTool, { kind: 't', cookies: stored['consent-gate'] }),
      );
      if (tracked) runs['consent-gate'].tracked.push({ round, baseline: gatedBaseline, ...tracked });
    }
    runs.baseline.returning.push({ round, baseline: gatedBaseline, ...gatedBaseline });
    for (const tool of order) {
      const result = await attempt(tool, `round ${round + 1} click`, () => measureClick(tool));
      if (result) runs[tool.id].click.push({ round, ...result });
    }
    log(`  round ${round + 1}/${ROUNDS} done (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
} finally {
  await browser.close();
}

const checks = args['no-checks'] ? {} : await checkBehaviour(server, tools, log);
await server.close();

// ---------------------------------------------------------------------------
// Figures

const gzipOf = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const sizeCache = new Map();
async function gzipOfPath(path) {
  if (!sizeCache.has(path)) {
    const body = await server.bytesFor(path);
    sizeCache.set(path, body ? gzipSync(body, { level: 9 }).length : 0);
  }
  return sizeCache.get(path);
}
/** The set of files seen most often (loads can differ in what arrived before the banner was visible). */
const usualSet = (lists) => {
  const counts = new Map();
  for (const list of lists) {
    const key = [...list].sort().join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const [key] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [''];
  return key ? key.split(' ') : [];
};
const delta = (r, key) =>
  r.baseline && typeof r[key] === 'number' && typeof r.baseline[key] === 'number' ? r[key] - r.baseline[key] : null;
const gap = (r) => (typeof r.visibleMs === 'number' && typeof r.fcpMs === 'number' ? r.visibleMs - r.fcpMs : null);
const peers = tools.filter((t) => t.id !== 'consent-gate');
const fullPeers = peers.filter((t) => t.fullFeatured);
const label = (t) => `${t.name}${t.fullFeatured || t.id === 'consent-gate' || t.id === 'baseline' ? '' : ' ¹'}`;
const verdict = (ok) => (ok === null ? 'n/a' : ok ? '**met**' : '**not met**');
/** The best of the full-featured peers for a per-tool number (lowest wins). */
const bestPeer = (value) => {
  const candidates = fullPeers.map((t) => [t, value(t)]).filter(([, v]) => typeof v === 'number');
  return candidates.sort((a, b) => a[1] - b[1])[0] ?? [null, null];
};
/** Per round, one number of a tool's loads of one kind (`first`, `slow`, `returning`, `tracked`, `click`). */
const byRound = (id, kind, value) => new Map(runs[id][kind].map((x) => [x.round, value(x)]));
/**
 * consent-gate against the best full-featured peer on one per-load number (lowest wins), with the
 * bootstrap interval of the ratio of medians over the rounds (bench/stats.mjs).
 */
function compareWithBest(kind, value, summaryKey) {
  const [best] = bestPeer((t) => summary[t.id][summaryKey]?.median);
  if (!best) return { best: null, estimate: null };
  const own = byRound('consent-gate', kind, value);
  const theirs = byRound(best.id, kind, value);
  const rounds = [...new Set([...own.keys(), ...theirs.keys()])].sort((a, b) => a - b);
  return { best, estimate: bootstrapRatio(rounds.map((round) => [own.get(round) ?? null, theirs.get(round) ?? null])) };
}

const summary = {};
for (const tool of all) {
  const r = runs[tool.id];
  const firstPaintFiles = usualSet(r.first.map((x) => x.beforeVisible));
  let firstPaintGzip = 0;
  for (const path of firstPaintFiles) firstPaintGzip += await gzipOfPath(path);
  const withLongTask = r.first.filter((x) => x.longTasks.length);
  const trackerCost = r.tracked.map((x) => {
    const without = r.returning.find((y) => y.round === x.round);
    return without ? x.scriptMs - without.scriptMs : null;
  });
  summary[tool.id] = {
    firstPaintFiles,
    firstPaintGzip,
    scriptDelta: stats(r.first.map((x) => delta(x, 'scriptMs'))),
    taskDelta: stats(r.first.map((x) => delta(x, 'taskMs'))),
    script: stats(r.first.map((x) => x.scriptMs)),
    loads: r.first.length,
    longTaskLoads: withLongTask.length,
    longestTask: stats(withLongTask.map((x) => Math.max(...x.longTasks.map(([, d]) => d)))),
    tbt: stats(r.first.map((x) => x.tbtMs)),
    tbtDelta: stats(r.first.map((x) => delta(x, 'tbtMs'))),
    visible: stats(r.first.map((x) => x.visibleMs)),
    fcp: stats(r.first.map((x) => x.fcpMs)),
    fcpDelta: stats(r.first.map((x) => delta(x, 'fcpMs'))),
    visibleAfterFcp: stats(r.first.map(gap)),
    clsMax: r.first.length ? Math.max(...r.first.map((x) => x.cls ?? 0)) : null,
    bannerClsMax: r.first.length ? Math.max(...r.first.map((x) => x.bannerCls ?? x.cls ?? 0)) : null,
    slowLoads: r.slow.length,
    slowVisible: stats(r.slow.map((x) => x.visibleMs)),
    slowFcp: stats(r.slow.map((x) => x.fcpMs)),
    slowFcpDelta: stats(r.slow.map((x) => delta(x, 'fcpMs'))),
    slowVisibleAfterFcp: stats(r.slow.map(gap)),
    slowClsMax: r.slow.length ? Math.max(...r.slow.map((x) => x.cls ?? 0)) : null,
    slowBannerClsMax: r.slow.length ? Math.max(...r.slow.map((x) => x.bannerCls ?? x.cls ?? 0)) : null,
    slowFirstPaintFiles: usualSet(r.slow.map((x) => x.beforeVisible)),
    cookiesBeforeConsent: [...new Set(r.first.flatMap((x) => x.cookies))].sort(),
    collectsBeforeConsent: r.first.reduce((n, x) => n + x.collects, 0),
    clickToFrame: stats(r.click.map((x) => x.clickToFrameMs)),
    clickToPaint: stats(r.click.map((x) => x.clickToPaintMs)),
    eventTiming: stats(r.click.map((x) => x.eventTimingMs)),
    eventTimingBelowThreshold: r.click.filter((x) => x.eventTimingBelowThreshold).length,
    clicks: r.click.length,
    clicksWithWorkBeforePaint: r.click.filter((x) => x.beforePaint.length).length,
    workBeforePaint: [...new Set(r.click.flatMap((x) => x.beforePaint))].sort(),
    gatedRan: stats(r.click.map((x) => x.gatedRan)),
    trackerAfterPaint: stats(r.click.map((x) => x.trackerAfterPaintMs)),
    returningDelta: stats(r.returning.map((x) => delta(x, 'scriptMs'))),
    returningLoads: r.returning.length,
    returningBannerInDom: r.returning.filter((x) => x.bannerInDom).length,
    returningBannerDefined: r.returning.filter((x) => x.consentBannerDefined).length,
    returningBannerRendered: r.returning.filter((x) => x.consentBannerRendered).length,
    returningFiles: usualSet(r.returning.map((x) => x.assets)),
    trackedDelta: stats(r.tracked.map((x) => delta(x, 'scriptMs'))),
    trackedLoads: r.tracked.length,
    trackerCost: bootstrapMedian(trackerCost),
    trackedFiles: usualSet(r.tracked.map((x) => x.assets)),
    storedCookies: (stored[tool.id] ?? []).map((c) => c.name),
  };
}
const cg = summary['consent-gate'];
/** consent-gate's verdicts with their intervals (the results file; bench/compare.mjs reads them). */
const verdicts = {};
cg.verdicts = verdicts;
const sections = [];
const note = [];
const footnote = peers.some((t) => !t.fullFeatured)
  ? '¹ not a full-featured peer (no categories, no preferences layer, no gating of its own): shown, not compared with.'
  : '';

// Figure 1: bytes
{
  const rows = tools.map((t) => [
    label(t),
    t.version,
    summary[t.id].firstPaintFiles.join(', ') || '—',
    fmtBytes(summary[t.id].firstPaintGzip),
    t.id === 'consent-gate' ? '—' : ratio(cg.firstPaintGzip, summary[t.id].firstPaintGzip),
  ]);
  const distFiles = (dir) => (existsSync(join(SDK_DIST, dir)) ? readdirSync(join(SDK_DIST, dir)).filter((f) => f.endsWith('.js')) : []);
  const budgetsFile = join(ROOT, 'size-budgets.json');
  const budgets = existsSync(budgetsFile) ? JSON.parse(readFileSync(budgetsFile, 'utf8')).gzip : {};
  const budgetFor = (name) => {
    const entry = Object.entries(budgets).find(([pattern]) =>
      new RegExp(
        `^${pattern
          .split('*')
          .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('[\\w-]+')}$`,
      ).test(`dist/${name}`),
    );
    return entry ? entry[1] : null;
  };
  const headless = gzipOf(join(SDK_DIST, 'consent-gate.headless.min.js'));
  const standalone = gzipOf(join(SDK_DIST, 'consent-gate.standalone.min.js'));
  const chunks = [
    ...distFiles('consent-gate').map((f) => `consent-gate/${f}`),
    ...distFiles('consent-gate.headless').map((f) => `consent-gate.headless/${f}`),
  ]
    .filter((f) => !f.endsWith('.map'))
    .map((f) => ({ file: f, gzip: gzipOf(join(SDK_DIST, f)), budget: budgetFor(f) }));
  const own = [
    ['script tag, first paint (files before the banner is visible)', cg.firstPaintGzip, TARGETS.firstPaint],
    ['headless first paint (consent-gate.headless.min.js)', headless, TARGETS.headless],
    ['standalone (consent-gate.standalone.min.js)', standalone, TARGETS.standalone],
    ...chunks.map((c) => [`lazy chunk ${c.file}`, c.gzip, c.budget]),
  ];
  const allMet = own.every(([, size, limit]) => limit === null || size <= limit);
  verdicts.bytes = { firstPaint: cg.firstPaintGzip, headless, standalone, targets: TARGETS, met: allMet };
  sections.push(
    `### 1. First-paint bytes (gzip -9) — ${verdict(allMet)}\n\n` +
      table(['Tool', 'Version', 'Files (first paint)', 'Gzip B', 'consent-gate / tool'], rows) +
      '\n\n' +
      table(
        ['consent-gate file', 'Gzip B', 'Limit B', 'Verdict'],
        own.map(([what, size, limit]) => [
          what,
          fmtBytes(size),
          limit === null ? '— (no budget)' : fmtBytes(limit),
          limit === null ? 'n/a' : verdict(size <= limit),
        ]),
      ) +
      `\n\nTarget: script tag (English) ≤ ${fmtBytes(TARGETS.firstPaint)}, headless ≤ ${fmtBytes(TARGETS.headless)}, standalone ≤ ${fmtBytes(TARGETS.standalone)}, every lazy chunk within its budget (size-budgets.json of this checkout).`,
  );
  Object.assign(cg, { headlessGzip: headless, standaloneGzip: standalone, chunks });
}

// Figure 2: main-thread script during load
{
  const { best, estimate } = compareWithBest('first', (x) => delta(x, 'scriptMs'), 'scriptDelta');
  const ok = meets(estimate, 1);
  const rows = [...tools, BASELINE].map((t) => [
    label(t),
    t.id === 'baseline' ? '—' : fmtMs(summary[t.id].scriptDelta, 1),
    fmtMs(summary[t.id].script, 1),
    t.id === 'baseline' ? '—' : fmtMs(summary[t.id].taskDelta, 1),
    t.id === 'consent-gate' || t.id === 'baseline' ? '—' : ratio(cg.scriptDelta?.median, summary[t.id].scriptDelta?.median),
  ]);
  verdicts.script = { estimate, peer: best?.id ?? null, target: 1, met: ok };
  sections.push(
    `### 2. Main-thread script during load — ${verdict(ok)}\n\n` +
      table(['Tool', 'Δ ScriptDuration ms', 'ScriptDuration ms', 'Δ TaskDuration ms', 'consent-gate / tool'], rows) +
      `\n\nTarget: Δ script ≤ 1.0 × the best full-featured peer (${best ? `${best.name}, ${summary[best.id].scriptDelta.median.toFixed(1)} ms` : 'none'}): consent-gate ${cg.scriptDelta?.median.toFixed(1)} ms, ${fmtRatio(estimate)}.`,
  );
}

// Figure 3: total blocking time
{
  const { best, estimate } = compareWithBest('first', (x) => delta(x, 'tbtMs'), 'tbtDelta');
  const ok = meets(estimate, 1);
  const rows = [...tools, BASELINE].map((t) => [
    label(t),
    fmtMs(summary[t.id].tbt, 0),
    t.id === 'baseline' ? '—' : fmtMs(summary[t.id].tbtDelta, 0),
    `${summary[t.id].longTaskLoads} of ${summary[t.id].loads}`,
    fmtMs(summary[t.id].longestTask),
  ]);
  verdicts.tbt = { estimate, peer: best?.id ?? null, target: 1, met: ok };
  sections.push(
    `### 3. Total blocking time — ${verdict(ok)}\n\n` +
      table(
        [
          'Tool',
          'Total blocking time ms',
          'Δ TBT ms (minus the no-tool page)',
          'Loads with a long task',
          'Longest long task ms (those loads)',
        ],
        rows,
      ) +
      `\n\nTotal blocking time: the sum over a load's long tasks of their time past 50 ms (any cause, the page's own included), minus the no-tool page's of the same round. ` +
      `Target: Δ TBT ≤ the best full-featured peer's (${best ? `${best.name}, ${summary[best.id].tbtDelta.median.toFixed(0)} ms` : 'none'}): consent-gate ${cg.tbtDelta?.median.toFixed(0)} ms, ${fmtRatio(estimate)}. ` +
      "Where the peer's median is 0 ms or less a quotient means nothing: the ratio is then 1 for a tie, 0 below it and ∞ above it.",
  );
}

// Figure 4: the banner within one frame of the page's first contentful paint, the page's FCP
// delayed no more than by the best peer (both from the same loads), CLS 0. Then the same first
// visits with emulated latency, where a request chained after another costs a round trip: the
// banner must not wait for one (no file but the script tag before it), so it is visible no later
// than the best peer's. With latency the page paints before any tool's deferred script has
// arrived, so there the banner cannot be within a frame of FCP for any tool.
{
  const gaps = bootstrapMedian(runs['consent-gate'].first.map(gap));
  const gapOk = gaps ? gaps.median <= FRAME_MS && gaps.high <= TOLERANCE * FRAME_MS : null;
  const fcp = compareWithBest('first', (x) => delta(x, 'fcpMs'), 'fcpDelta');
  const fcpOk = meets(fcp.estimate, 1);
  // CLS from the banner's frame on (see measureLoad): the page's own earlier shifts are shown, not counted.
  const clsOk = cg.bannerClsMax === 0 && (!LATENCY_MS || cg.slowBannerClsMax === 0);
  const slow = LATENCY_MS ? compareWithBest('slow', (x) => x.visibleMs, 'slowVisible') : null;
  const oneFile = cg.slowFirstPaintFiles.length === 1 && cg.slowFirstPaintFiles[0] === '/consent-gate.min.js';
  const slowOk = slow ? (meets(slow.estimate, 1) === null ? null : meets(slow.estimate, 1) && oneFile) : true;
  const ok = gapOk === null || fcpOk === null || slowOk === null ? null : gapOk && fcpOk && clsOk && slowOk;
  const rowsFor = (prefix, compare) =>
    tools.map((t) => {
      const x = summary[t.id];
      const key = (name) => (prefix ? `${prefix}${name[0].toUpperCase()}${name.slice(1)}` : name);
      return [
        label(t),
        fmtMs(x[key('visible')]),
        fmtMs(x[key('fcp')]),
        fmtMs(x[key('visibleAfterFcp')]),
        fmtMs(x[key('fcpDelta')]),
        `${x[key('clsMax')]?.toFixed(4) ?? 'n/a'} / ${x[key('bannerClsMax')]?.toFixed(4) ?? 'n/a'}`,
        t.id === 'consent-gate' ? '—' : ratio(cg[key(compare)]?.median, x[key(compare)]?.median),
      ];
    });
  const header = (compared) => [
    'Tool',
    'Banner visible ms',
    'Page FCP ms',
    'Banner − FCP ms',
    'Δ FCP ms (minus the no-tool page)',
    'CLS, max of the loads: whole load / from the banner on',
    `consent-gate / tool, ${compared}`,
  ];
  verdicts.banner = { gap: gaps, gapMet: gapOk, estimate: fcp.estimate, peer: fcp.best?.id ?? null, fcpMet: fcpOk, clsMet: clsOk, met: ok };
  if (slow)
    verdicts.bannerLatency = {
      latencyMs: LATENCY_MS,
      estimate: slow.estimate,
      peer: slow.best?.id ?? null,
      files: cg.slowFirstPaintFiles,
      met: slowOk,
    };
  sections.push(
    `### 4. Banner visible with the page's first paint — ${verdict(ok)}\n\n` +
      `Localhost:\n\n${table(header('Δ FCP'), rowsFor('', 'fcpDelta'))}\n\n` +
      (slow
        ? `${LATENCY_MS} ms of latency on every request (\`Network.emulateNetworkConditions\`):\n\n${table(header('banner visible'), rowsFor('slow', 'visible'))}\n\n`
        : '') +
      `Target, both halves from the same loads: the banner visible within one frame (${FRAME_MS} ms) of the page's own first contentful paint, and the page's FCP delayed by consent-gate (against the no-tool page of the same round) no more than by the best full-featured peer; CLS 0.` +
      (slow
        ? ` With ${LATENCY_MS} ms of latency, where a chained request costs a round trip: no file but the script tag before the banner, and the banner visible no later than the best full-featured peer's.`
        : '') +
      '\n\n' +
      `- Banner − FCP: ${fmtEstimate(gaps)} (≤ ${FRAME_MS} ms: ${verdict(gapOk)}).\n` +
      `- Δ FCP: consent-gate ${fcp.estimate ? `${fcp.estimate.a.toFixed(1)} ms` : 'n/a'}, ${fcp.best ? `${fcp.best.name} ${fcp.estimate.b.toFixed(1)} ms` : 'no peer'}: ${fmtRatio(fcp.estimate)} (${verdict(fcpOk)}).\n` +
      `- CLS from the banner's frame on: ${cg.bannerClsMax?.toFixed(4)}${LATENCY_MS ? `, with latency ${cg.slowBannerClsMax?.toFixed(4)}` : ''} (whole loads: ${cg.clsMax?.toFixed(4)}${LATENCY_MS ? `, ${cg.slowClsMax?.toFixed(4)}` : ''}; the no-tool page's: ${summary.baseline.clsMax?.toFixed(4)}${LATENCY_MS ? `, ${summary.baseline.slowClsMax?.toFixed(4)}` : ''}) (${verdict(clsOk)}).\n` +
      (slow
        ? `- With ${LATENCY_MS} ms latency: files before the banner ${cg.slowFirstPaintFiles.join(', ') || 'n/a'}; banner visible ${slow.estimate ? `${slow.estimate.a.toFixed(0)} ms` : 'n/a'}, ${slow.best ? `${slow.best.name} ${slow.estimate.b.toFixed(0)} ms` : 'no peer'}: ${fmtRatio(slow.estimate)} (${verdict(slowOk)}). There the page paints before any tool's deferred script has arrived, so no banner can be within a frame of FCP.\n`
        : ''),
  );
}

// Figure 5: click on Accept all → next paint. The next paint is the frame that shows the
// click's effect: its rendering update, seen by the probe's ResizeObserver right before the
// paint step, and the browser's own Event Timing duration (to that frame's presentation, as
// INP counts it). The probe's message posted from that frame ("first task after the frame")
// is shown too but not compared: tasks a tool queued during the frame (the work it defers
// past the paint) run before that message, so it counts the deferred work as if it came first.
{
  const frame = compareWithBest('click', (x) => x.clickToFrameMs, 'clickToFrame');
  const timing = compareWithBest('click', (x) => x.eventTimingMs, 'eventTiming');
  const rows = tools.map((t) => {
    const s = summary[t.id];
    return [
      label(t),
      fmtMs(s.clickToFrame, 1),
      `${fmtMs(s.eventTiming)}${s.eventTimingBelowThreshold ? ` (under ${EVENT_TIMING_THRESHOLD_MS} in ${s.eventTimingBelowThreshold})` : ''}`,
      `${s.clicksWithWorkBeforePaint} of ${s.clicks}${s.workBeforePaint.length ? `: ${s.workBeforePaint.join(', ')}` : ''}`,
      fmtMs(s.gatedRan),
      fmtMs(s.trackerAfterPaint, 1),
      fmtMs(s.clickToPaint, 1),
      t.id === 'consent-gate' ? '—' : ratio(cg.clickToFrame?.median, s.clickToFrame?.median),
    ];
  });
  const frameOk = meets(frame.estimate, 1);
  const timingOk = meets(timing.estimate, 1);
  const ok = frameOk === null || timingOk === null ? null : frameOk && timingOk && cg.clicksWithWorkBeforePaint === 0;
  verdicts.click = {
    estimate: frame.estimate,
    peer: frame.best?.id ?? null,
    eventTiming: timing.estimate,
    eventTimingPeer: timing.best?.id ?? null,
    met: ok,
  };
  sections.push(
    `### 5. Accept all → next paint (3 gated scripts + tracker) — ${verdict(ok)}\n\n` +
      table(
        [
          'Tool',
          'Click → next frame ms',
          'Event Timing duration ms',
          'Clicks with work before that frame',
          'Gated scripts run',
          'Tracker beacon, ms after the frame',
          'Click → first task after the frame ms',
          'consent-gate / tool',
        ],
        rows,
      ) +
      `\n\nTarget: ≤ the best full-featured peer, both to the frame (${frame.best ? `${frame.best.name}, ${frame.estimate.b.toFixed(1)} ms` : 'none'}: ${fmtRatio(frame.estimate)}) and by Event Timing (${timing.best ? `${timing.best.name}, ${timing.estimate.b.toFixed(0)} ms` : 'none'}: ${fmtRatio(timing.estimate)}), and cookies, beacons, gated scripts and tracker start after that frame: work before the frame in ${cg.clicksWithWorkBeforePaint} of ${cg.clicks} clicks. ` +
      `Event Timing durations are rounded to 8 ms; a click without an entry took under ${EVENT_TIMING_THRESHOLD_MS} ms and counts as ${EVENT_TIMING_THRESHOLD_MS}. ` +
      '"First task after the frame" is not compared: the tasks a tool queued during the frame, the work it defers past the paint, run before it.',
  );
}

// Figure 6: returning visitor, on the page with three gated scripts, tracker off
{
  const { best, estimate } = compareWithBest('returning', (x) => delta(x, 'scriptMs'), 'returningDelta');
  const rows = tools.map((t) => {
    const s = summary[t.id];
    return [
      label(t),
      s.storedCookies.join(', ') || '—',
      fmtMs(s.returningDelta, 1),
      t.id === 'consent-gate' ? '—' : ratio(cg.returningDelta?.median, s.returningDelta?.median),
      `${s.returningBannerInDom} of ${s.returningLoads}`,
      t.id === 'consent-gate' ? `${s.returningBannerDefined} of ${s.returningLoads}` : '—',
      s.returningFiles.join(', ') || '—',
    ];
  });
  const scriptOk = meets(estimate, 1);
  const onlyFirstFile = cg.returningFiles.length === 1 && cg.returningFiles[0] === '/consent-gate.min.js';
  const ok = scriptOk === null ? null : scriptOk && cg.returningBannerInDom === 0 && cg.returningBannerRendered === 0 && onlyFirstFile;
  verdicts.returning = {
    estimate,
    peer: best?.id ?? null,
    bannerInDom: cg.returningBannerInDom,
    loads: cg.returningLoads,
    files: cg.returningFiles,
    trackerCost: cg.trackerCost,
    trackedDelta: cg.trackedDelta,
    met: ok,
  };
  sections.push(
    `### 6. Returning visitor (choice stored by Accept all; 3 gated scripts, tracker off) — ${verdict(ok)}\n\n` +
      table(
        [
          'Tool',
          'Stored cookies',
          'Δ script ms, returning',
          'consent-gate / tool',
          'Banner element in the DOM',
          '`consent-banner` defined',
          'Files loaded (gated scripts aside)',
        ],
        rows,
      ) +
      `\n\nTarget: no banner code rendered (no \`<consent-banner>\` in the DOM), no file but the script tag, and Δ script (against the no-tool page running the same three scripts ungated, same round) ≤ the best full-featured peer's (${best ? `${best.name}, ${summary[best.id].returningDelta.median.toFixed(1)} ms` : 'none'}): consent-gate ${cg.returningDelta?.median.toFixed(1)} ms, ${fmtRatio(estimate)}; banner element in ${cg.returningBannerInDom} of ${cg.returningLoads} loads; files ${cg.returningFiles.join(', ') || 'n/a'}.\n\n` +
      `The tracker's own cost, beside it (the peers have no tracker): consent-gate's returning visit with its tracker on (\`data-collector\`; a page view sent) took Δ ${fmtMs(cg.trackedDelta, 1)} ms, ${fmtEstimate(cg.trackerCost)} more than with it off (per round; files ${cg.trackedFiles.join(', ') || 'n/a'}).`,
  );
}

// Behaviour and privacy checks
{
  const rows = tools.map((t) => {
    const s = summary[t.id];
    const c = checks[t.id] ?? {};
    return [
      label(t),
      s.cookiesBeforeConsent.length ? s.cookiesBeforeConsent.join(', ') : '0',
      String(s.collectsBeforeConsent),
      c.axeBanner === undefined ? 'not run' : fmtAxe(c.axeBanner),
      c.axePreferences === undefined ? 'not run' : fmtAxe(c.axePreferences),
      c.accept === undefined ? 'not run' : fmtButton(c.accept, true),
      c.reject === undefined ? 'not run' : fmtButton(c.reject, false),
      c.blocked === undefined ? 'not run' : String(c.blocked),
    ];
  });
  sections.push(
    '### Behaviour (Playwright, not timed) and privacy before consent\n\n' +
      table(
        [
          'Tool',
          'Cookies before consent',
          '/collect before consent',
          'axe: banner',
          'axe: preferences',
          'Accept all',
          'Reject all',
          'Blocked ext. requests',
        ],
        rows,
      ),
  );
  for (const t of tools) for (const e of checks[t.id]?.errors ?? []) note.push(`- ${t.name}: ${e}`);
}

const failed = all.filter((t) => failures[t.id].length);
if (failed.length) {
  note.push('', 'Failures:');
  for (const t of failed) note.push(`- ${t.name}: ${failures[t.id].join('; ')}`);
}

const seconds = (Date.now() - started) / 1000;
const machine = {
  cpu: cpus()[0]?.model?.trim() ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  os: `${platform()} ${release()}`,
  node: process.version,
  chromium: browser.version,
  chromiumPath: browser.path,
  loadAverage1m: { start: Number(loadBefore.toFixed(2)), end: Number(loadavg()[0].toFixed(2)) },
};
const method =
  `Cells: median (min–max) over ${ROUNDS} rounds; every load in a fresh browser context, tools interleaved (order rotated per round). ` +
  "Verdicts: the median meets the target and the bootstrap 90 % interval (rounds resampled 2000 times, a round's loads kept together) reaches no further than 1.10 × it. " +
  'Δ = minus the no-tool page loaded in the same round. Load cost from one raw CDP client with only the Performance domain enabled on the page ' +
  '(`Performance.getMetrics` ScriptDuration / TaskDuration once the banner is visible and the network has been idle 500 ms' +
  (CPU_TIME ? ", in the main thread's CPU time (`--cpu-time`), not wall time" : '') +
  '); long tasks, FCP, CLS, ' +
  'banner visible and the click from a probe in the page (PerformanceObserver, requestAnimationFrame), read after the measurement. ' +
  'Comparisons are with the best full-featured peer.';
const machineLine = `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}; Node ${machine.node}; Chromium ${machine.chromium} (headless, ${machine.chromiumPath}); 1-min load average ${machine.loadAverage1m.start} at start, ${machine.loadAverage1m.end} at end. SDK ${SDK_DIST} (consent-gate.min.js sha256 ${bundleHash}). Bench took ${seconds.toFixed(0)} s.`;
const markdown = `## consent-gate bench (${args.label})\n\n${sections.join('\n\n')}\n\n${footnote}\n${note.join('\n')}\n\n${method}\n\n${machineLine}\n`;

mkdirSync(RESULTS, { recursive: true });
writeFileSync(
  join(RESULTS, `${args.label}.json`),
  `${JSON.stringify({ date: new Date().toISOString(), label: args.label, sdkDist: SDK_DIST, bundleSha256: bundleHash, rounds: ROUNDS, cpuTime: CPU_TIME, viewport: VIEWPORT, machine, summary, checks, failures, runs }, null, 2)}\n`,
);
writeFileSync(join(RESULTS, `${args.label}.md`), markdown);
console.log(markdown);
log(`bench: wrote bench/results/${args.label}.json and .md in ${seconds.toFixed(0)} s`);
if (tools.some((t) => runs[t.id].first.length === 0)) process.exitCode = 1;
