/**
 * `GET /dashboard`: the site owner's statistics page. Static HTML, CSS and
 * JavaScript (copied next to the compiled collector by the build) that ask for
 * the admin token and read `GET /stats` with it; the page itself holds no data.
 * @packageDocumentation
 */

import { readFileSync } from 'node:fs';
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

/** Register the dashboard files; throws at start when the build did not copy them. */
export function registerDashboard(app: FastifyInstance, directory = DASHBOARD_DIRECTORY): void {
  for (const [url, file, contentType] of FILES) {
    const path = new URL(file, directory);
    let body: Buffer;
    try {
      body = readFileSync(path);
    } catch (error) {
      throw new Error(`dashboard file ${path.pathname} is missing (the collector's build copies it)`, { cause: error });
    }
    app.get(url, async (_request, reply) =>
      reply
        .header('content-type', contentType)
        .header('content-security-policy', DASHBOARD_CSP)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .header('cache-control', 'no-cache')
        .send(body),
    );
  }
}
