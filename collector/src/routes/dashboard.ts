/**
 * `GET /dashboard`: the site owner's statistics page. Static HTML, CSS and
 * JavaScript (built into `dist/dashboard/` by the collector's build) that ask
 * for the admin token and read `POST /api/query` with it; the page itself
 * holds no data, so it is served without the token.
 * @packageDocumentation
 */

import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { DASHBOARD_DIRECTORY } from '../assets.js';

/** The page may load only its own files and talk only to its own collector. */
export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

/** Files served, by URL, with their file name and content type. */
const FILES = [
  ['/dashboard', 'index.html', 'text/html; charset=utf-8'],
  ['/dashboard/dashboard.js', 'dashboard.js', 'text/javascript; charset=utf-8'],
  ['/dashboard/dashboard.css', 'dashboard.css', 'text/css; charset=utf-8'],
] as const;

/**
 * Register the dashboard files of `directory`. Each is read once, on its first
 * request; a missing one (sources never built) answers 503 naming the build.
 */
export function registerDashboard(app: FastifyInstance, directory: URL = DASHBOARD_DIRECTORY): void {
  for (const [url, file, contentType] of FILES) {
    const path = new URL(file, directory);
    let body: Promise<Buffer> | undefined;
    app.get(url, async (_request, reply) => {
      body ??= readFile(path);
      let content: Buffer;
      try {
        content = await body;
      } catch {
        body = undefined;
        return reply.code(503).send({ error: `dashboard file ${path.pathname} is missing: build the collector (npm run build)` });
      }
      return reply
        .header('content-type', contentType)
        .header('content-security-policy', DASHBOARD_CSP)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .header('cache-control', 'no-cache')
        .send(content);
    });
  }
}
