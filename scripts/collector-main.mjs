// The built collector's command line (the `consent-gate-collector` bin of the
// workspace package in collector/), for `npm start` and the tests that run the
// real collector process.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const manifest = createRequire(import.meta.url).resolve('consent-gate-collector/package.json');

/** Absolute path of `consent-gate-collector`'s bin script (collector/dist/main.js). */
export const COLLECTOR_MAIN = join(dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin['consent-gate-collector']);

/**
 * The command line that runs the demo's collector: on `host`:`port`, storing in the
 * SQLite file `db`, taking consent records from `allowOrigin`, the dashboard behind `adminToken`.
 * @param {{ host: string, port: number, db: string, allowOrigin: string, adminToken: string }} options
 * @returns {string[]} arguments for `node`
 */
export function demoCollectorArgs({ host, port, db, allowOrigin, adminToken }) {
  return [COLLECTOR_MAIN, '--host', host, '--port', String(port), '--db', db, '--allow-origin', allowOrigin, '--admin-token', adminToken];
}
