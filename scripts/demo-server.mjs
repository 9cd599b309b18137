// A small static server for demo/: serves the pages with the configuration
// block, the collector URL and the shared header and footer (demo/partials/)
// filled in, and the built script-tag bundle with its translations.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.map': 'application/json',
};

/**
 * Starts the demo server on `host:port`.
 * @param {{ root: string, dist: string, host: string, port: number, collectorUrl: string }} options
 * @returns {Promise<import('node:http').Server>}
 */
export async function startDemoServer({ root, dist, host, port, collectorUrl }) {
  const config = await readFile(join(root, 'consent-config.json'), 'utf8');
  const block = `<script type="application/json" id="consent-gate-config">${config.replaceAll('<', '\\u003c')}</script>`;
  // Every page shares one <head> start, one header (with the navigation) and one footer (with
  // "Cookie settings"); most load consent-gate the same way. The config block is filled in last.
  const partials = {
    '<!--site-head-->': (await readFile(join(root, 'partials', 'head.html'), 'utf8')).trim(),
    '<!--site-consent-gate-->': (await readFile(join(root, 'partials', 'consent-gate.html'), 'utf8')).trim(),
    '<!--site-header-->': (await readFile(join(root, 'partials', 'header.html'), 'utf8')).trim(),
    '<!--site-footer-->': (await readFile(join(root, 'partials', 'footer.html'), 'utf8')).trim(),
  };
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://demo').pathname);
    const file =
      path.startsWith('/consent-gate.min.js') || path.startsWith('/consent-gate/') || path.startsWith('/i18n/')
        ? join(dist, path.slice(1))
        : normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(resolve(root)) && !file.startsWith(resolve(dist))) {
      response.writeHead(403).end();
      return;
    }
    try {
      let body = await readFile(file);
      if (extname(file) === '.html') {
        let page = body.toString('utf8');
        for (const [placeholder, html] of Object.entries(partials)) page = page.replace(placeholder, html);
        page = page.replace('<!--consent-gate-config-->', block).replaceAll('__COLLECTOR__', collectorUrl);
        body = Buffer.from(page);
      }
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    }
  });
  await new Promise((done) => server.listen(port, host, done));
  return server;
}
