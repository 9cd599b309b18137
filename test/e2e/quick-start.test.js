// The README's first quick-start command, end to end: `npm start` (here with
// --no-build, after the test command's build) serves the demo site wired to a
// collector on SQLite; a visitor in Chromium sees the banner, nothing is
// collected before consent, and after "Accept all" the collector holds the
// page view with IP address, user agent and arrival time, and the decision
// itself in the consent log.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-browser.mjs';
import { eventually } from './helpers.js';

const DESKTOP_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const TOKEN = 'quick-start-test-token';

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

describe('npm start (quick start)', () => {
  let start;
  let output = '';
  let browser;
  let demo;
  let collector;
  const dir = mkdtempSync(join(tmpdir(), 'consent-gate-start-'));

  before(async () => {
    const [demoPort, collectorPort] = [await freePort(), await freePort()];
    demo = `http://127.0.0.1:${demoPort}`;
    collector = `http://127.0.0.1:${collectorPort}`;
    start = spawn(process.execPath, ['scripts/start.mjs', '--no-build'], {
      env: {
        ...process.env,
        DEMO_PORT: String(demoPort),
        COLLECTOR_PORT: String(collectorPort),
        DB: join(dir, 'demo.db'),
        ADMIN_TOKEN: TOKEN,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    start.stdout.on('data', (chunk) => (output += chunk));
    start.stderr.on('data', (chunk) => (output += chunk));
    await eventually(() => output.includes('Demo site:') && output.includes('listening'), 'npm start to print its URLs');
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    if (start && start.exitCode === null) {
      const exited = new Promise((resolve) => start.once('exit', resolve));
      start.kill('SIGINT');
      assert.equal(await exited, 0, 'npm start exits cleanly on Ctrl+C');
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints both URLs', () => {
    assert.match(output, new RegExp(`Demo site: +${demo}/`));
    assert.match(output, new RegExp(`Collector: +${collector}/health`));
  });

  it('shows the banner, collects nothing before consent, and records the page view after Accept all', async () => {
    const context = await browser.newContext({ userAgent: DESKTOP_UA });
    const page = await context.newPage();
    const collected = [];
    page.on('request', (request) => request.url().startsWith(`${collector}/collect`) && collected.push(request.url()));
    await page.goto(`${demo}/privacy.html`);
    const accept = page.getByRole('button', { name: 'Accept all', exact: true });
    await accept.waitFor();
    assert.equal(await page.getByRole('button', { name: 'Reject all', exact: true }).isVisible(), true);
    for (const text of ['IP address', 'user agent', 'pages you view', 'how long you stay']) {
      assert.equal(await page.getByText(text, { exact: false }).first().isVisible(), true, `the policy names ${text}`);
    }
    assert.deepEqual(await context.cookies(), [], 'no cookie before a choice');
    assert.deepEqual(collected, [], 'no request to /collect before a choice');

    await accept.click();
    const visitorId = await eventually(async () => (await context.cookies()).find((c) => c.name === 'cg_vid')?.value, 'the cg_vid cookie');
    const answer = await eventually(async () => {
      const body = await (await fetch(`${collector}/visitor/${visitorId}`)).json();
      return body.events.length ? body : null;
    }, 'the page view at the collector');
    const [pageview] = answer.events;
    assert.equal(pageview.type, 'pageview');
    assert.equal(pageview.path, '/privacy.html');
    assert.equal(pageview.userAgent, DESKTOP_UA);
    assert.equal(pageview.ip, '127.0.0.1');
    assert.ok(Date.parse(pageview.receivedAt) > 0);

    await page.getByRole('link', { name: 'Cookie settings' }).first().click();
    await page.getByRole('dialog', { name: 'Cookie preferences' }).waitFor();
    assert.equal(await page.getByRole('switch', { name: 'Analytics' }).getAttribute('aria-checked'), 'true');

    const stats = await eventually(async () => {
      const answer = await (await fetch(`${collector}/stats`, { headers: { authorization: `Bearer ${TOKEN}` } })).json();
      return answer.consents.acceptAll >= 1 && answer;
    }, 'the decision in the consent log');
    assert.ok(stats.pageviews >= 1);
    assert.equal(stats.consents.acceptAll, 1, 'the visitor’s Accept all is kept as proof of consent');
    await context.close();
  });
});
