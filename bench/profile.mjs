// npm run bench:profile: where consent-gate's main-thread time goes during a
// first visit, from V8's CPU profiler. A separate run from `npm run bench`:
// sampling biases timing, so nothing here is compared with the peers' load cost.
//
//   node bench/profile.mjs [--loads 10] [--tools consent-gate] [--sdk-dist DIR] [--interval 100] [--top 15]
//                          [--returning]
//
// Per tool, `--loads` first visits of its benchmark page in fresh contexts, each
// with one CDP session that enables only the Profiler (sampling every
// `--interval` µs) from before navigation until the banner is visible and the
// network has been idle 500 ms. Self time is grouped by library: the SDK's
// files are mapped back to their sources through the dist's source maps (lit,
// js-cookie, each src/ module); a peer's files by package. Then one more load
// per tool with precise coverage (call counts): how many functions ran during
// the load (V8 compiles a function lazily on its first call, so this is the
// number of functions compiled during the load, less the few compiled eagerly).
// Medians per load; the profile of every load is in bench/results/profile-<label>.json.
// `--returning` profiles a returning visitor instead (figure 6's page: three gated
// scripts, tracker off): the cookies a real click on Accept all stored, set in each
// fresh context before the load, which is profiled until the load event and 500 ms
// of idle network.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { click, closePage, cookiesOf, hover, launchChromium, openPage } from './cdp.mjs';
import { renderPage } from './page.mjs';
import { probeTag } from './probe.mjs';
import { ROOT, fileFor, sdkDistDir, startServer } from './server.mjs';
import { stats, table } from './stats.mjs';
import { GATED_SCRIPTS, PAGE_COOKIES, TOOLS } from './tools.mjs';

const { values: args } = parseArgs({
  options: {
    loads: { type: 'string', default: '10' },
    tools: { type: 'string', default: 'consent-gate' },
    'sdk-dist': { type: 'string' },
    interval: { type: 'string', default: '100' },
    top: { type: 'string', default: '15' },
    label: { type: 'string', default: 'latest' },
    returning: { type: 'boolean', default: false },
  },
});
const RETURNING = args.returning;

const LOADS = Number(args.loads);
const SDK_DIST = sdkDistDir(args['sdk-dist']);
const tools = TOOLS.filter((t) => args.tools.split(',').includes(t.id));
const byId = Object.fromEntries(tools.map((t) => [t.id, t]));
const log = (...a) => console.error(...a);

const server = await startServer({
  sdkDist: SDK_DIST,
  routes: (pathname) => {
    const match = /^\/m\/([\w-]+)\/([\w-]+)\/$/.exec(pathname);
    const tool = match && byId[match[1]];
    const accept = match?.[2].startsWith('accept') ? (tool?.acceptAll ?? null) : null;
    // A returning visit shows no banner: the probe does not look for one in every frame (as in run.mjs).
    const banner = RETURNING && !accept ? null : (tool?.banner ?? null);
    if (!tool) return null;
    const probe = probeTag({ load: match[2], banner, accept, click: !!accept });
    // A returning visit is figure 6's: the page with three gated scripts, tracker off.
    return renderPage(tool, RETURNING && !accept ? { probe, scripts: GATED_SCRIPTS, run: true } : { probe });
  },
});

// ---------------------------------------------------------------------------
// Where a function comes from

const maps = new Map();
/** The source map of a served SDK file, or null. */
function mapFor(pathname) {
  if (!maps.has(pathname)) {
    const file = pathname.startsWith('/consent-gate') ? fileFor(pathname, SDK_DIST) : null;
    maps.set(pathname, file && existsSync(`${file}.map`) ? new TraceMap(readFileSync(`${file}.map`, 'utf8')) : null);
  }
  return maps.get(pathname);
}

/** `{ library, module }` of a script position (0-based line and column, as CDP gives them). */
function originOf(url, line, column) {
  if (!url) return { library: '(V8, native)', module: '' };
  const { pathname } = new URL(url);
  const vendor = /^\/vendor\/((?:@[^/]+\/)?[^/]+)\//.exec(pathname);
  if (vendor) return { library: vendor[1], module: pathname.slice(vendor[0].length) };
  if (/^\/(m)\//.test(pathname)) return { library: 'page (inline scripts, bench probe)', module: '' };
  if (pathname === '/analytics.js' || pathname.startsWith('/gated/')) return { library: 'page (gated test scripts)', module: pathname };
  const map = mapFor(pathname);
  if (!map) return { library: pathname.startsWith('/consent-gate') ? 'consent-gate (no source map)' : pathname, module: pathname };
  const { source } = originalPositionFor(map, { line: line + 1, column: Math.max(0, column) });
  // The bundle's outer function (its top level) has no mapping of its own.
  if (!source) return { library: 'consent-gate', module: `${pathname} (top level)` };
  const clean = source.replace(/^(\.\.\/)+/, '');
  if (/node_modules\/(lit|lit-html|lit-element|@lit\/[^/]+)\//.test(clean))
    return { library: 'lit', module: clean.replace(/^.*node_modules\//, '') };
  if (/node_modules\/js-cookie\//.test(clean)) return { library: 'js-cookie', module: clean.replace(/^.*node_modules\//, '') };
  return { library: 'consent-gate', module: clean };
}

// ---------------------------------------------------------------------------
// Runs

const browser = await launchChromium();
let sequence = 0;
const profiles = Object.fromEntries(tools.map((t) => [t.id, []]));
const coverage = {};

/** The tool's cookies after a real click on Accept all (what a returning visitor brings). */
const stored = {};
async function storeChoice(tool) {
  const id = `accept${++sequence}`;
  const page = await openPage(browser, `${server.origin}/m/${tool.id}/${id}/`, {
    mode: 'attach',
    blankUrl: `${server.origin}/__bench/blank`,
  });
  try {
    const ready = await server.waitReport(id, 'ready', 30_000);
    if (!ready) throw new Error(`${tool.id}: Accept all button not found or not still`);
    await hover(browser, page, ready.data);
    await click(browser, page, ready.data);
    await server.quiet(500);
    stored[tool.id] = (await cookiesOf(browser, page)).filter((c) => !PAGE_COOKIES.test(c.name));
    if (!stored[tool.id].length) throw new Error(`${tool.id}: Accept all stored no cookie`);
  } finally {
    await closePage(browser, page);
  }
}

async function load(tool, mode) {
  const id = `p${++sequence}`;
  const page = await openPage(browser, `${server.origin}/m/${tool.id}/${id}/`, {
    mode,
    cookies: RETURNING ? stored[tool.id] : [],
    blankUrl: `${server.origin}/__bench/blank`,
    samplingIntervalUs: Number(args.interval),
  });
  try {
    const reached = await server.waitReport(id, RETURNING ? 'load' : 'visible', 30_000);
    if (!reached) throw new Error(`${tool.id}: ${RETURNING ? 'no load event' : 'banner not visible'}`);
    await server.quiet(500);
    if (mode === 'profiler') return (await browser.client.send('Profiler.stop', {}, page.sessionId)).profile;
    const { result } = await browser.client.send('Profiler.takePreciseCoverage', {}, page.sessionId);
    return result;
  } finally {
    await closePage(browser, page);
  }
}

try {
  if (RETURNING) for (const tool of tools) await storeChoice(tool);
  for (const tool of tools) await load(tool, 'profiler'); // warm-up
  for (let i = 0; i < LOADS; i++) {
    for (const tool of tools) profiles[tool.id].push(await load(tool, 'profiler'));
    log(`  load ${i + 1}/${LOADS}`);
  }
  for (const tool of tools) coverage[tool.id] = await load(tool, 'coverage');
} finally {
  await browser.close();
  await server.close();
}

// ---------------------------------------------------------------------------
// Summaries

/** Self time (ms) per node id of one profile: each sample's time delta goes to the node it hit. */
function selfTimes(profile) {
  const self = new Map();
  const { samples = [], timeDeltas = [] } = profile;
  for (let i = 0; i < samples.length; i++) {
    const dt = (timeDeltas[i + 1] ?? 0) / 1000;
    self.set(samples[i], (self.get(samples[i]) ?? 0) + dt);
  }
  return self;
}

const IDLE = new Set(['(idle)', '(root)']);
const lines = [];
const out = { label: args.label, sdkDist: SDK_DIST, loads: LOADS, intervalUs: Number(args.interval), returning: RETURNING, tools: {} };
for (const tool of tools) {
  const perLoad = { library: [], module: [], fn: [] };
  for (const profile of profiles[tool.id]) {
    const self = selfTimes(profile);
    const library = new Map();
    const module = new Map();
    const fn = new Map();
    for (const node of profile.nodes) {
      const ms = self.get(node.id) ?? 0;
      const { functionName, url, lineNumber, columnNumber } = node.callFrame;
      if (!ms || IDLE.has(functionName)) continue;
      const origin = url
        ? originOf(url, lineNumber, columnNumber)
        : { library: functionName.startsWith('(') ? functionName : '(V8, native)', module: '' };
      const add = (m, key) => m.set(key, (m.get(key) ?? 0) + ms);
      add(library, origin.library);
      if (origin.module && origin.library !== 'page (inline scripts, bench probe)') add(module, `${origin.library} › ${origin.module}`);
      add(
        fn,
        `${functionName || '(anonymous)'} — ${origin.library}${origin.module ? ` › ${origin.module}` : ''}${url ? ` @${lineNumber + 1}:${columnNumber + 1}` : ''}`,
      );
    }
    perLoad.library.push(library);
    perLoad.module.push(module);
    perLoad.fn.push(fn);
  }
  /** Per key: median over the loads (0 where a load has none), sorted, top `n`. */
  const medians = (maps, n = Infinity) => {
    const keys = new Set(maps.flatMap((m) => [...m.keys()]));
    return [...keys]
      .map((key) => [key, stats(maps.map((m) => m.get(key) ?? 0)).median])
      .sort((a, b) => b[1] - a[1])
      .slice(0, n);
  };
  const libraries = medians(perLoad.library);
  const modules = medians(perLoad.module, 20);
  const functions = medians(perLoad.fn, Number(args.top));
  const total = stats(perLoad.library.map((m) => [...m.values()].reduce((a, b) => a + b, 0))).median;

  // Functions that ran during the load, per library (precise coverage, one load).
  const ran = new Map();
  for (const script of coverage[tool.id] ?? []) {
    if (!script.url) continue;
    const { pathname } = new URL(script.url);
    const body = pathname.startsWith('/m/') ? null : await server.bytesFor(pathname);
    const text = body ? body.toString('utf8') : '';
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
    const position = (offset) => {
      let lo = 0;
      let hi = lineStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lineStarts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return [lo, offset - lineStarts[lo]];
    };
    for (const f of script.functions) {
      const range = f.ranges[0];
      if (!range || range.startOffset === 0) continue; // the script's top level
      const [line, column] = position(range.startOffset);
      const { library } = originOf(script.url, line, column);
      const entry = ran.get(library) ?? { ran: 0, seen: 0 };
      entry.seen++;
      if (range.count > 0) entry.ran++;
      ran.set(library, entry);
    }
  }

  lines.push(
    `### ${tool.name}: CPU profile of a ${RETURNING ? `returning visit (stored: ${stored[tool.id].map((c) => c.name).join(', ')})` : 'first visit'} (${LOADS} loads, sampling every ${args.interval} µs; medians per load)`,
    '',
    `Busy main thread (every sample but idle), navigation to ${RETURNING ? 'the load event' : 'banner visible'} + 500 ms idle network: ${total.toFixed(1)} ms`,
    '',
    table(
      ['Self time by library', 'ms', 'Functions run / reported (coverage, 1 load)'],
      libraries.map(([k, v]) => [k, v.toFixed(1), ran.has(k) ? `${ran.get(k).ran} / ${ran.get(k).seen}` : '—']),
    ),
    '',
    table(
      ['Self time by module (top 20)', 'ms'],
      modules.map(([k, v]) => [k, v.toFixed(2)]),
    ),
    '',
    table(
      [`Top ${args.top} functions by self time`, 'ms'],
      functions.map(([k, v]) => [k, v.toFixed(2)]),
    ),
    '',
  );
  out.tools[tool.id] = { totalMs: total, libraries, modules, functions, functionsRun: Object.fromEntries(ran) };
}

const RESULTS = join(ROOT, 'bench', 'results');
mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, `profile-${args.label}.json`), `${JSON.stringify({ ...out, profiles }, null, 1)}\n`);
writeFileSync(join(RESULTS, `profile-${args.label}.md`), `${lines.join('\n')}\n`);
console.log(lines.join('\n'));
log(`bench:profile: wrote bench/results/profile-${args.label}.json and .md`);
