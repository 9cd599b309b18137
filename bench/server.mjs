// Static server of the consent tool benchmark: node:http on 127.0.0.1, random
// port, no compression (the benchmark computes gzip/brotli itself), no caching.
//
//   /<tool id>/                 the demo page for that tool (bench/page.mjs + bench/tools.mjs)
//   /consent-gate.min.js        dist/consent-gate.min.js of this repository
//   /consent-gate/<chunk>       its lazy chunks (dist/consent-gate/)
//   /vendor/<package>/<file>    a file of an installed consent tool package (node_modules)
//   /analytics.js, /privacy     bench/site/
//   /collect                    answers 204 and counts the call
//
// `node bench/server.mjs [port]` serves the pages for a look in a browser.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageDir } from './package-dir.mjs';
import { renderPage } from './page.mjs';
import { BASELINE, TOOLS } from './tools.mjs';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SITE = join(ROOT, 'bench', 'site');
export const CONSENT_GATE_BUNDLE = join(ROOT, 'dist', 'consent-gate.min.js');
const ALL = [...TOOLS, BASELINE];
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
 */
export function fileFor(pathname) {
  if (pathname === '/consent-gate.min.js') return CONSENT_GATE_BUNDLE;
  // Its lazy chunks (the dialog, the tracker), fetched when they are used.
  if (pathname.startsWith('/consent-gate/'))
    return inside(join(ROOT, 'dist', 'consent-gate'), decodeURIComponent(pathname.slice('/consent-gate/'.length)));
  if (pathname === '/analytics.js') return join(SITE, 'analytics.js');
  if (pathname === '/privacy') return join(SITE, 'privacy.html');
  const vendor = /^\/vendor\/((?:@[^/]+\/)?[^/]+)\/(.+)$/.exec(pathname);
  if (vendor && PACKAGES.has(vendor[1])) return inside(packageDir(vendor[1]), decodeURIComponent(vendor[2]));
  return null;
}

/** Starts the server; resolves to `{ origin, port, collects, requests, close }`. */
export async function startServer({ port = 0 } = {}) {
  const pages = new Map(ALL.map((tool) => [`/${tool.id}/`, renderPage(tool)]));
  const fileCache = new Map();
  const state = { collects: 0, requests: 0 };

  const server = createServer(async (req, res) => {
    state.requests++;
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers = { 'cache-control': 'no-store' };
    try {
      if (pathname === '/collect') {
        state.collects++;
        req.resume();
        res.writeHead(204, headers).end();
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
      const file = fileFor(pathname);
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
  return {
    origin: `http://127.0.0.1:${actual}`,
    port: actual,
    state,
    /** The bytes served for a URL path (as cached), or null. */
    bytesFor: async (pathname) => {
      const file = fileFor(pathname);
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
