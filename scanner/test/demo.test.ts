// The repository's demo site, scanned as `npm run scan:demo` does it: the demo
// server (scripts/demo-server.mjs) wired to a real collector, as `npm start`
// serves it, and the real command with --fail-on pre-consent. Its privacy page
// shows the scanner's cookie declaration (demo/partials/cookie-declaration.html);
// this test fails when that file is not what the scanner writes now, so the page
// cannot drift from the site. Needs the root build (`npm run build`: the SDK's
// dist/ and the collector's).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Report } from '../src/types.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCAN_DEMO = join(ROOT, 'scripts', 'scan-demo.mjs');
const PARTIAL = join(ROOT, 'demo', 'partials', 'cookie-declaration.html');
const OUT = fileURLToPath(new URL('../tmp/demo/', import.meta.url));
const UPDATE = 'npm run scan:demo -- --update-declaration';

let code: number;
let stdout: string;
let stderr: string;
let report: Report;

before(async () => {
  rmSync(OUT, { recursive: true, force: true });
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, [SCAN_DEMO, '--out', OUT], { timeout: 240_000 }, (error, out, err) => {
      code = error ? Number((error as { code?: unknown }).code) : 0;
      [stdout, stderr] = [out, err];
      if (!existsSync(join(OUT, 'report.json'))) return reject(new Error(`no report (exit ${code}): ${stdout}\n${stderr}`));
      report = JSON.parse(readFileSync(join(OUT, 'report.json'), 'utf8')) as Report;
      resolve();
    });
  });
});

describe('the demo site (npm run scan:demo)', () => {
  it('keeps nothing but its consent cookie before consent, after Reject all or with GPC: --fail-on pre-consent exits 0', () => {
    assert.match(stdout, /consent-gate-scan http:\/\/127\.0\.0\.1:\d+\/ --pages \d+ --out .* --fail-on pre-consent/);
    assert.equal(code, 0, `${stdout}\n${stderr}`);
    assert.deepEqual(
      report.findings.filter((f) => f.severity === 'error'),
      [],
    );
    assert.deepEqual(
      report.pages.map((p) => new URL(p.url).pathname),
      ['/', '/pricing.html', '/gating.html', '/consent-mode.html', '/themes.html', '/privacy.html'],
    );
    for (const phase of ['before-consent', 'gpc'] as const) assert.deepEqual(report.phases[phase].cookies, [], phase);
    assert.deepEqual(
      report.phases['after-reject'].cookies.map((c) => c.name),
      ['cg_consent'],
    );
    assert.deepEqual(
      report.phases['after-accept'].cookies.map((c) => [c.name, c.category]),
      [
        ['cg_consent', 'necessary'],
        ['cg_vid', 'analytics'],
        ['cg_visit', 'analytics'],
      ],
    );
  });

  it('shows on its privacy page the cookie declaration the scanner writes now', async () => {
    assert.equal(readFileSync(join(OUT, 'cookie-declaration.html'), 'utf8'), readFileSync(PARTIAL, 'utf8'), `out of date: run ${UPDATE}`);
    const { startDemoServer } = (await import(pathToFileURL(join(ROOT, 'scripts', 'demo-server.mjs')).href)) as {
      startDemoServer: (options: { root: string; dist: string; host: string; port: number; collectorUrl: string }) => Promise<Server>;
    };
    const server = await startDemoServer({
      root: join(ROOT, 'demo'),
      dist: join(ROOT, 'dist'),
      host: '127.0.0.1',
      port: 0,
      collectorUrl: 'http://127.0.0.1:9',
    });
    try {
      const { port } = server.address() as AddressInfo;
      const page = await (await fetch(`http://127.0.0.1:${port}/privacy.html`)).text();
      assert.ok(page.includes(readFileSync(PARTIAL, 'utf8').trim()), 'privacy.html includes the declaration');
      assert.doesNotMatch(page, /<!--site-cookie-declaration-->/);
      assert.match(page, /<h3>Analytics<\/h3>[\s\S]*<code>cg_vid<\/code>[\s\S]*13 months/);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});
