// A static server on 127.0.0.1 for one example: its build (or, for the plain HTML page, the page and the
// SDK's script-tag files), the shared embed page, and for React the server render of each page load.
// The page is served at `/` in English and at `/de/` with `<html lang="de">`.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXAMPLES = fileURLToPath(new URL('..', import.meta.url));
const SDK_DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

/** `path` below `root`, or `undefined` when it is not a file there. */
function fileBelow(root, path) {
  const file = normalize(join(root, path));
  return file.startsWith(root) && existsSync(file) && statSync(file).isFile() ? file : undefined;
}

/**
 * Serves `app` (`react`, `vue`, `svelte` or `html`). `render`, for React, gives the server-rendered app
 * that replaces `<!--app-->` in the built index.html. Resolves `{ url, close }`.
 */
export async function serveExample(app, render) {
  const root = app === 'html' ? join(EXAMPLES, 'html') : join(EXAMPLES, app, 'dist');
  // `/de/` is the same page in German, as a site that renders each language's pages with their `lang` would serve it.
  const page = (lang = 'en') => {
    const html = readFileSync(join(root, 'index.html'), 'utf8').replace('<html lang="en">', `<html lang="${lang}">`);
    return render ? html.replace('<!--app-->', render()) : html;
  };
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const file =
      path === '/'
        ? undefined
        : (fileBelow(root, path) ??
          fileBelow(join(EXAMPLES, 'public'), path) ??
          // The plain page loads the SDK's script-tag build (and its lazy chunks and translations) from the root.
          (app === 'html' ? fileBelow(SDK_DIST, path) : undefined));
    if (file) {
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    } else if (path === '/favicon.ico') {
      // The examples have no icon; the browser asks anyway.
      response.writeHead(204).end();
    } else if (path === '/' || path === '/de/' || path === '/privacy') {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end(path === '/privacy' ? '<!doctype html><title>Privacy</title><h1>Privacy</h1>' : page(path === '/de/' ? 'de' : 'en'));
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((closed) => server.close(closed)),
  };
}
