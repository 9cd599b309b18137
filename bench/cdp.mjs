// Headless Chromium driven over one raw CDP connection (chrome-remote-interface),
// for the load-cost measurements of the bench (issue #17).
//
// Playwright attaches to every page and enables the Runtime, Network and Page
// domains. With Runtime enabled, each `document.cookie` access files a DevTools
// issue that captures a JavaScript stack, and V8 rebuilds source positions for
// every function on it: a cost that no visitor pays. Here the bench itself
// starts Chromium, keeps one browser-level connection, and per page load:
//
//   Target.createBrowserContext          a fresh profile (no cache, no cookies)
//   Target.createTarget (a blank page of the bench server, same site)
//   Target.attachToTarget {flatten}      one session on that page
//   Performance.enable                   the only domain enabled on it
//   Page.navigate                        a browser-side command: it does not
//                                        enable the Page domain in the renderer
//
// The page reports its own milestones to the bench server with
// `navigator.sendBeacon` (see probe.mjs); nothing is evaluated in it while the
// load is measured. `readPage` reads the probe's record afterwards, through a
// second, short-lived session, once `Performance.getMetrics` has been taken.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import CDP from 'chrome-remote-interface';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-browser.mjs';

export const VIEWPORT = { width: 1280, height: 800 };

/**
 * Starts headless Chromium with `--remote-debugging-port=0` and connects one
 * CDP client to the browser target. Resolves to `{ client, version, path, close }`.
 */
export async function launchChromium({ extraArgs = [] } = {}) {
  const path = findChromium();
  if (!path) throw new Error('bench: no Chromium found (set CHROMIUM_PATH, or apt-get install chromium)');
  const profile = mkdtempSync(join(tmpdir(), 'consent-gate-bench-'));
  const child = spawn(
    path,
    [
      '--headless',
      ...CHROMIUM_ARGS,
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      `--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
      '--force-device-scale-factor=1',
      '--lang=en-US',
      '--no-default-browser-check',
      '--disable-extensions',
      '--mute-audio',
      // Every host but the bench server's is unreachable (the pages load nothing else).
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      ...extraArgs,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const wsUrl = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`bench: Chromium did not start:\n${seen}`)), 30_000);
    child.stderr.on('data', (chunk) => {
      seen += chunk;
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`bench: Chromium exited (${code}) before listening:\n${seen}`)));
  });
  child.stderr.resume();
  const client = await CDP({ target: wsUrl, local: true });
  const { product } = await client.send('Browser.getVersion');
  return {
    client,
    version: product.replace(/^[^/]*\//, ''),
    path,
    async close() {
      await client.send('Browser.close').catch(() => {});
      await client.close().catch(() => {});
      if (child.exitCode === null) await new Promise((done) => child.once('exit', done));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a page in a fresh browser context and navigates it to `url`.
 *
 * `mode`:
 * - `'none'`: the target is created with the URL and never attached: no DevTools
 *   client in the renderer at all (only the browser-level connection exists);
 * - `'performance'`: attach, `Performance.enable`, navigate (the measurement mode);
 * - `'runtime'`: attach, `Runtime.enable`, navigate (what Playwright does, to show the bias);
 * - `'profiler'`: attach, `Profiler.enable` + `start` (`bench:profile`, a separate run);
 * - `'coverage'`: attach, `Profiler.startPreciseCoverage` with call counts (`bench:profile`);
 * - `'attach'`: attach without enabling any domain (clicks through `Input`).
 *
 * `cookies`: CookieParam objects set in the new context before the load
 * (`Storage.setCookies`, browser side).
 *
 * `cpuTime`: the Performance metrics' durations (ScriptDuration, TaskDuration, …)
 * in the main thread's CPU time (`timeDomain: 'threadTicks'`) instead of wall
 * time: time the renderer spent waiting for a core on a loaded machine is left out.
 *
 * `latencyMs`: every request of the page (the document's own navigation
 * aside) takes this much longer (`Network.emulateNetworkConditions`, which works
 * only with the Network domain enabled: such loads serve figure 4, never the
 * script-time figures). On localhost a request chained after another costs
 * nothing; with latency it costs a round trip, as on a real network.
 */
export async function openPage(
  browser,
  url,
  { mode = 'performance', cookies = [], blankUrl, samplingIntervalUs = 100, latencyMs = 0, cpuTime = false } = {},
) {
  const { client } = browser;
  const { browserContextId } = await client.send('Target.createBrowserContext', { disposeOnDetach: true });
  if (cookies.length) await client.send('Storage.setCookies', { cookies, browserContextId });
  const size = { width: VIEWPORT.width, height: VIEWPORT.height };
  if (mode === 'none') {
    const { targetId } = await client.send('Target.createTarget', { url, browserContextId, ...size });
    return { browserContextId, targetId, sessionId: null };
  }
  const { targetId } = await client.send('Target.createTarget', { url: blankUrl ?? 'about:blank', browserContextId, ...size });
  const { sessionId } = await client.send('Target.attachToTarget', { targetId, flatten: true });
  if (mode === 'performance') await client.send('Performance.enable', { timeDomain: cpuTime ? 'threadTicks' : 'timeTicks' }, sessionId);
  if (latencyMs) {
    await client.send('Network.enable', {}, sessionId);
    await client.send(
      'Network.emulateNetworkConditions',
      { offline: false, latency: latencyMs, downloadThroughput: -1, uploadThroughput: -1 },
      sessionId,
    );
  }
  if (mode === 'runtime') await client.send('Runtime.enable', {}, sessionId);
  if (mode === 'profiler') {
    await client.send('Profiler.enable', {}, sessionId);
    await client.send('Profiler.setSamplingInterval', { interval: samplingIntervalUs }, sessionId);
    await client.send('Profiler.start', {}, sessionId);
  }
  if (mode === 'coverage') {
    await client.send('Profiler.enable', {}, sessionId);
    await client.send('Profiler.startPreciseCoverage', { callCount: true, detailed: false }, sessionId);
  }
  const { errorText } = await client.send('Page.navigate', { url }, sessionId);
  if (errorText) throw new Error(`navigation to ${url} failed: ${errorText}`);
  return { browserContextId, targetId, sessionId };
}

/** `Performance.getMetrics` of the page's session as an object of name → value. */
export async function metricsOf(browser, page) {
  const { metrics } = await browser.client.send('Performance.getMetrics', {}, page.sessionId);
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/**
 * Evaluates `expression` in the page through a second session opened for it and
 * closed right after: only once the measured work has ended, so the Runtime
 * domain never runs alongside a measurement. The expression must return JSON text.
 */
export async function readPage(browser, page, expression) {
  const { client } = browser;
  const { sessionId } = await client.send('Target.attachToTarget', { targetId: page.targetId, flatten: true });
  try {
    const { result, exceptionDetails } = await client.send('Runtime.evaluate', { expression, returnByValue: true }, sessionId);
    if (exceptionDetails) throw new Error(`evaluate failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return typeof result.value === 'string' ? JSON.parse(result.value) : result.value;
  } finally {
    await client.send('Target.detachFromTarget', { sessionId }).catch(() => {});
  }
}

/** A left click at a point of the viewport, as real input events (`Input.dispatchMouseEvent`). */
export async function click(browser, page, { x, y }) {
  const send = (type, extra = {}) =>
    browser.client.send('Input.dispatchMouseEvent', { type, x, y, button: 'left', clickCount: 1, ...extra }, page.sessionId);
  await send('mousePressed');
  await send('mouseReleased');
}

/** Moves the mouse to a point (hover styles settle before a click is timed). */
export async function hover(browser, page, { x, y }) {
  await browser.client.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y, button: 'none' }, page.sessionId);
}

/** The context's cookies (`Storage.getCookies`, browser side). */
export async function cookiesOf(browser, page) {
  const { cookies } = await browser.client.send('Storage.getCookies', { browserContextId: page.browserContextId });
  return cookies;
}

/** Closes the page's browser context (and the page with it). */
export async function closePage(browser, page) {
  await browser.client.send('Target.disposeBrowserContext', { browserContextId: page.browserContextId }).catch(() => {});
}
