// Static server of the consent tool benchmark: node:http on 127.0.0.1, random
// port, no compression (the benchmark computes gzip/brotli itself), no caching.
//
//   /<tool id>/                 the demo page for that tool (bench/page.mjs + bench/tools.mjs)
//   /consent-gate.min.js, …     a file of the SDK's dist/ (or of --sdk-dist / $BENCH_SDK_DIST):
//                               the script tag, its lazy chunks (/consent-gate/…), i18n/
//   /vendor/<package>/<file>    a file of an installed consent tool package (node_modules)
//   /analytics.js, /privacy     bench/site/
//   /gated/<n>.js               a gated test script (figure 5): reports its run, writes a cookie
//   /collect, /consent          answer 204 / 201 and count the call
//   /__bench/report             the probe's beacons (bench/probe.mjs); /__bench/blank an empty page
//   anything `routes` returns   the measured pages of run.mjs, storage-reads.mjs, profile.mjs
//
// `node bench/server.mjs [port]` serves the pages for a look in a browser.
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageDir } from './package-dir.mjs';
import { renderPage } from './page.mjs';
import { BASELINE, TOOLS } from './tools.mjs';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SITE = join(ROOT, 'bench', 'site');
const ALL = [...TOOLS, BASELINE];

/** The SDK build to measure: `dir` (e.g. from --sdk-dist), else $BENCH_SDK_DIST, else the repository's dist/. */
export function sdkDistDir(dir) {
  return resolve(dir ?? process.env.BENCH_SDK_DIST ?? join(ROOT, 'dist'));
}

/** A gated test script of figure 5's page: it reports its run to the probe and writes a cookie. */
const gatedScript = (n) =>
  `(function () {\n  if (window.__benchWork) window.__benchWork('script', 'gated-${n}');\n  document.cookie = 'gated_${n}=1; path=/; SameSite=Lax';\n})();\n`;
const PACKAGES = new Set(TOOLS.map((t) => t.package).filter(Boolean));

const TYPES = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Joins `relative` to `base` and returns it only if it stays inside `base`. */
function inside(base, relative) {
  const full = normalize(join(base, relative));
  return full === base || full.startsWith(base + sep) ? full : null;
}

/**
 * The file on disk that serves a URL path, or null (pages and /collect are not files).
 * @param {string} pathname
 * @param {string} [sdkDist] the SDK's dist directory
 */
export function fileFor(pathname, sdkDist = sdkDistDir()) {
  // The script tag, its lazy chunks (fetched when they are used) and translations.
  if (/^\/consent-gate[\w.-]*\.js$/.test(pathname)) return join(sdkDist, pathname.slice(1));
  if (/^\/(consent-gate(\.headless)?|i18n)\//.test(pathname)) return inside(sdkDist, decodeURIComponent(pathname.slice(1)));
  if (pathname === '/analytics.js') return join(SITE, 'analytics.js');
  if (pathname === '/privacy') return join(SITE, 'privacy.html');
  const vendor = /^\/vendor\/((?:@[^/]+\/)?[^/]+)\/(.+)$/.exec(pathname);
  if (vendor && PACKAGES.has(vendor[1])) return inside(packageDir(vendor[1]), decodeURIComponent(vendor[2]));
  return null;
}

/**
 * Starts the server; resolves to `{ origin, port, state, reports, log, waitReport, quiet, bytesFor, close }`.
 * @param {{ port?: number, sdkDist?: string, routes?: (pathname: string, origin: string) => string | null | undefined }} [options]
 *   `routes` gives the HTML of extra pages (the measured pages with the probe), or nothing
 */
export async function startServer({ port = 0, sdkDist = sdkDistDir(), routes = () => null } = {}) {
  const pages = new Map(ALL.map((tool) => [`/${tool.id}/`, renderPage(tool)]));
  const fileCache = new Map();
  const state = { collects: 0, consents: 0, requests: 0, inflight: 0, lastActivity: performance.now() };
  /** Every request: `{ at, path }` (performance.now() of this process). */
  const log = [];
  const reports = new EventEmitter();
  /** Beacons received, by `load:kind` (kept, so a wait that starts late still sees one). */
  const received = new Map();
  let origin = '';

  const server = createServer(async (req, res) => {
    state.requests++;
    state.inflight++;
    state.lastActivity = performance.now();
    res.once('close', () => {
      state.inflight--;
      state.lastActivity = performance.now();
    });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const { pathname } = url;
    if (!pathname.startsWith('/__bench/')) log.push({ at: performance.now(), path: pathname });
    const headers = { 'cache-control': 'no-store' };
    try {
      if (pathname === '/__bench/report') {
        const chunks = [];
        for await (const chunk of req) chunks.push(chunk);
        res.writeHead(204, headers).end();
        let data = {};
        try {
          data = JSON.parse(url.searchParams.get('data') ?? (Buffer.concat(chunks).toString('utf8') || '{}'));
        } catch {
          // keep {}
        }
        const key = `${url.searchParams.get('load')}:${url.searchParams.get('kind')}`;
        received.set(key, { data, at: performance.now() });
        reports.emit(key);
        return;
      }
      if (pathname === '/__bench/blank') {
        res.writeHead(200, { ...headers, 'content-type': TYPES['.html'] }).end('<!doctype html><title>blank</title>');
        return;
      }
      if (pathname === '/collect' || pathname === '/consent') {
        state[pathname === '/collect' ? 'collects' : 'consents']++;
        req.resume();
        res.writeHead(pathname === '/collect' ? 204 : 201, headers).end();
        return;
      }
      const gated = /^\/gated\/(\d)\.js$/.exec(pathname);
      if (gated) {
        res.writeHead(200, { ...headers, 'content-type': TYPES['.js'] }).end(gatedScript(gated[1]));
        return;
      }
      const routed = routes(pathname, origin);
      if (typeof routed === 'string') {
        res.writeHead(200, { ...headers, 'content-type': TYPES['.html'] }).end(routed);
        return;
      }
      if (pathname === '/') {
        const links = ALL.map((t) => `<li><a href="/${t.id}/">${t.name}</a></li>`).join('');
        res
          .writeHead(200, { ...headers, 'content-type': TYPES['.html'] })
          .end(`<!doctype html><title>consent tool benchmark</title><ul>${links}</ul>`);
        return;
      }
      const page = pages.get(pathname);
      if (page !== undefined) {
        res.writeHead(200, { ...headers, 'content-type': TYPES['.html'] }).end(page);
        return;
      }
      const file = fileFor(pathname, sdkDist);
      if (!file) {
        res.writeHead(404, headers).end('not found');
        return;
      }
      // Files are read once and kept in memory, so every run of a benchmark serves
      // the same bytes even if dist/ is rebuilt meanwhile.
      let body = fileCache.get(file);
      if (!body) {
        body = await readFile(file);
        fileCache.set(file, body);
      }
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      res.writeHead(error.code === 'ENOENT' || error.code === 'EISDIR' ? 404 : 500, headers).end(String(error.code ?? error));
    }
  });
  await new Promise((ok, fail) => server.once('error', fail).listen(port, '127.0.0.1', ok));
  const actual = server.address().port;
  origin = `http://127.0.0.1:${actual}`;
  return {
    origin,
    port: actual,
    state,
    log,
    received,
    sdkDist,
    /**
     * Resolves with `{ data, at }` when the page of load `load` beacons `kind`
     * (probe.mjs), or with null after `timeoutMs`.
     */
    waitReport: (load, kind, timeoutMs = 15_000) =>
      new Promise((done) => {
        const event = `${load}:${kind}`;
        if (received.has(event)) return done(received.get(event));
        const timer = setTimeout(() => {
          reports.off(event, onReport);
          done(null);
        }, timeoutMs);
        const onReport = () => {
          clearTimeout(timer);
          done(received.get(event));
        };
        reports.once(event, onReport);
      }),
    /** Resolves once no request has been open or started for `ms` (the network is idle), or after `timeoutMs`. */
    quiet: async (ms = 500, timeoutMs = 10_000) => {
      const deadline = performance.now() + timeoutMs;
      while (performance.now() < deadline) {
        const idleFor = performance.now() - state.lastActivity;
        if (state.inflight === 0 && idleFor >= ms) return true;
        await new Promise((done) => setTimeout(done, Math.max(20, ms - idleFor)));
      }
      return false;
    },
    /** The bytes served for a URL path (as cached), or null. */
    bytesFor: async (pathname) => {
      const file = fileFor(pathname, sdkDist);
      if (!file) return null;
      if (!fileCache.has(file)) fileCache.set(file, await readFile(file));
      return fileCache.get(file);
    },
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { origin } = await startServer({ port: Number(process.argv[2] ?? 0) });
  console.log(`consent tool benchmark pages on ${origin}/ (Ctrl+C to stop)`);
  for (const tool of ALL) console.log(`  ${origin}/${tool.id}/`);
}
