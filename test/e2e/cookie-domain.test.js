// One site on several subdomains, end to end: pages on www.nimbus.test and
// shop.nimbus.test with `cookieDomain: "nimbus.test"`, and the real collector
// on stats.nimbus.test with `--cookie-domain nimbus.test`. Chromium resolves
// *.nimbus.test to 127.0.0.1 (--host-resolver-rules), so cookies can live on a
// parent domain, which `localhost` never allows. Checks, in the browser's
// cookie jar: the choice holds on every subdomain, and reaches the open tabs of
// the other subdomains at once (Cookie Store API); the collector's answer to
// POST /consent re-issues cg_consent by itself; refusal and withdrawal delete
// the refused cookies on the host and on the parent domain, and only those
// (another host's host-only cookies go when that host is next visited).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join, normalize } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-browser.mjs';
import { startCollector } from '../../collector/test/collector-process.js';
import { eventually } from './helpers.js';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const SITE = 'nimbus.test';
const TOKEN = 'cookie-domain-test-token';
const DESKTOP_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const DAY_S = 86_400;

/** The page every subdomain serves: consent-gate for the whole site and a gated statistics script. */
function pageHtml(collector) {
  const config = {
    collector,
    cookieDomain: SITE,
    categories: {
      necessary: true,
      analytics: {
        label: 'Analytics',
        services: [{ name: 'Site statistics', cookies: [{ name: '_stat' }, { pattern: '^_ga' }] }],
      },
    },
  };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Nimbus</title>
<script type="application/json" id="consent-gate-config">${JSON.stringify(config)}</script>
<script src="/consent-gate.min.js" defer></script></head>
<body><main><h1>Nimbus Hosting</h1></main>
<script type="text/plain" data-consent="analytics" src="/stat.js"></script></body></html>`;
}

// The gated script: a statistics tool that keeps one cookie on the whole site and one on the host.
const STAT_JS = `document.cookie = '_stat=1; domain=${SITE}; path=/; max-age=3600'; document.cookie = '_ga_host=1; path=/; max-age=3600'; window.statRan = true;`;

/** Serves the page (naming `collector()`), the gated script and dist/ for every subdomain on one port. */
function startSite(collector) {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://site').pathname;
    if (path === '/') return response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml(collector()));
    if (path === '/stat.js') return response.writeHead(200, { 'content-type': 'text/javascript' }).end(STAT_JS);
    const file = normalize(join(DIST, path));
    if (!file.startsWith(DIST) || !/\.(js|json)$/.test(file)) return response.writeHead(404).end();
    try {
      response.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'application/json' }).end(await readFile(file));
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe(`one site on several subdomains (cookieDomain ${SITE}, collector --cookie-domain ${SITE})`, () => {
  let browser;
  let collector;
  let site;
  let origin; // origin of a subdomain: origin('www')
  let context;

  before(async () => {
    // The pages name the collector by its subdomain (known once it listens), so its cookies belong to the same site.
    let collectorOrigin = '';
    site = await startSite(() => collectorOrigin);
    origin = (sub) => `http://${sub}.${SITE}:${site.address().port}`;
    collector = await startCollector({
      args: ['--allow-origin', `${origin('www')},${origin('shop')}`, '--cookie-domain', SITE, '--admin-token', TOKEN],
    });
    collectorOrigin = `http://stats.${SITE}:${new URL(collector.url).port}`;
    browser = await chromium.launch({
      executablePath: findChromium(),
      // The pages count as secure (as on https), so they have the Cookie Store API.
      args: [
        ...CHROMIUM_ARGS,
        `--host-resolver-rules=MAP *.${SITE} 127.0.0.1`,
        `--unsafely-treat-insecure-origin-as-secure=${origin('www')},${origin('shop')}`,
      ],
    });
  });

  after(async () => {
    await browser?.close();
    site?.close();
    await collector?.stop();
  });

  beforeEach(async () => {
    await context?.close();
    context = await browser.newContext({ userAgent: DESKTOP_UA });
  });

  const byName = (cookies) => Object.fromEntries(cookies.map((c) => [c.name, c]));
  const jar = async () => byName(await context.cookies());
  const decision = (cookie) => JSON.parse(decodeURIComponent(cookie.value));
  /**
   * Waits until the jar holds exactly the cookies `expected` (`name@domain`: two cookies of one
   * name on different hosts stay two) and `settled(jar)` holds, then resolves the jar by name.
   * A page's cookie writes reach the browser's jar one at a time, so waiting for one of them
   * and then asserting the others raced with the rest; this waits for all that is asserted.
   */
  const jarBecomes = async (expected, what, settled = () => true) => {
    const want = [...expected].sort();
    let held = [];
    try {
      return await eventually(async () => {
        const cookies = await context.cookies();
        held = cookies.map((c) => `${c.name}@${c.domain}`).sort();
        return held.join() === want.join() && settled(byName(cookies)) && byName(cookies);
      }, what);
    } catch (error) {
      assert.deepEqual(held, want, `timed out waiting for ${what}`);
      throw error;
    }
  };
  const open = async (sub) => {
    const page = await context.newPage();
    await page.goto(`${origin(sub)}/`);
    await page.waitForFunction(() => window.ConsentGate);
    return page;
  };

  it('keeps the choice on the parent domain, so every subdomain knows it', async () => {
    const www = await open('www');
    await www.getByRole('button', { name: 'Accept all', exact: true }).click();
    await www.waitForFunction(() => window.statRan === true);
    // The parent domain holds the choice, the ids and the site-wide cookie; the host-only cookie stays host-only.
    const cookies = await jarBecomes(
      [...['cg_consent', 'cg_vid', 'cg_visit', '_stat'].map((name) => `${name}@.${SITE}`), `_ga_host@www.${SITE}`],
      "the choice, the analytics cookies and the gated script's cookies",
      (all) => decision(all.cg_consent).method === 'accept-all',
    );
    assert.equal(decision(cookies.cg_consent).method, 'accept-all');

    const shop = await open('shop');
    assert.equal(await shop.evaluate(() => window.ConsentGate.getConsent()?.method), 'accept-all');
    assert.equal(await shop.getByRole('button', { name: 'Accept all', exact: true }).count(), 0, 'no banner on the other subdomain');
    await shop.waitForFunction(() => window.statRan === true);
  });

  it('a choice made on one subdomain reaches an open tab of another at once, without a reload', async () => {
    const shop = await open('shop');
    await shop.getByRole('button', { name: 'Accept all', exact: true }).waitFor();
    const www = await open('www');
    await shop.evaluate(() => (window.__loads = (window.__loads ?? 0) + 1));
    await www.getByRole('button', { name: 'Accept all', exact: true }).click();
    await shop.waitForFunction(() => window.ConsentGate.getConsent()?.method === 'accept-all');
    await shop.getByRole('button', { name: 'Accept all', exact: true }).waitFor({ state: 'hidden' });
    await shop.waitForFunction(() => window.statRan === true);
    assert.equal(await shop.evaluate(() => window.__loads), 1, 'the shop page was not reloaded');
    // And back: a withdrawal there stops this one. The gated script ran on both pages, so both reload
    // (reloadOnWithdraw) and www's new page learns the refusal from the cookie. Until the reloaded
    // page has run the SDK there is no window.ConsentGate: wait for its load, not in the middle of it.
    await www.waitForFunction(() => window.statRan === true);
    await Promise.all([www.waitForEvent('load'), shop.waitForEvent('load'), shop.evaluate(() => window.ConsentGate.rejectAll())]);
    assert.equal(await www.evaluate(() => window.ConsentGate.getConsent()?.method), 'reject-all');
    assert.equal(await www.evaluate(() => window.statRan ?? false), false, 'the reloaded www page keeps the script blocked');
  });

  it('gets the consent cookie back from the collector when the browser drops the one the script wrote', async () => {
    // A browser that keeps no script-written cg_consent (Safari shortens them to 7 days): only the
    // collector's Set-Cookie, the answer to POST /consent, can put the cookie into the jar.
    await context.addInitScript(() => {
      const native = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
      Object.defineProperty(Document.prototype, 'cookie', {
        configurable: true,
        get() {
          return native.get.call(this);
        },
        set(value) {
          if (!String(value).startsWith('cg_consent=')) native.set.call(this, value);
        },
      });
    });
    const www = await open('www');
    await www.getByRole('button', { name: 'Accept all', exact: true }).click();
    // The decision follows the paint that closes the banner.
    const state = await (await www.waitForFunction(() => window.ConsentGate.getConsent())).jsonValue();
    const cookie = await eventually(async () => (await jar()).cg_consent, 'cg_consent from the collector');
    assert.equal(cookie.domain, `.${SITE}`);
    assert.equal(cookie.httpOnly, false, 'the SDK must be able to read it');
    assert.deepEqual(decision(cookie), { v: 1, ...state });
    const lifetimeDays = (cookie.expires - Date.parse(state.timestamp) / 1000) / DAY_S;
    assert.ok(Math.abs(lifetimeDays - 182) < 0.01, `182 days from the decision (got ${lifetimeDays})`);

    const stats = await (await fetch(`${collector.url}/stats`, { headers: { authorization: `Bearer ${TOKEN}` } })).json();
    assert.ok(stats.consents.acceptAll >= 1, 'the collector stored the decision as proof of consent');
  });

  it('Reject all deletes the refused cookies on the host and on the parent domain, and keeps the others', async () => {
    await context.addCookies([
      { name: '_stat', value: 'old', domain: `.${SITE}`, path: '/' },
      { name: '_ga_parent', value: 'old', domain: `.${SITE}`, path: '/' },
      { name: '_ga_host', value: 'old', url: origin('www') },
      { name: 'session', value: 'keep', domain: `.${SITE}`, path: '/' },
    ]);
    const www = await open('www');
    await www.getByRole('button', { name: 'Reject all', exact: true }).click();
    const left = await jarBecomes(
      [`cg_consent@.${SITE}`, `session@.${SITE}`],
      'the refused cookies to go, the others to stay',
      (all) => decision(all.cg_consent).method === 'reject-all',
    );
    assert.equal(decision(left.cg_consent).method, 'reject-all');
    assert.equal(await www.evaluate(() => window.statRan ?? false), false, 'the gated script never ran');
  });

  it('a withdrawal on another subdomain deletes what the site set on the parent domain', async () => {
    const www = await open('www');
    await www.getByRole('button', { name: 'Accept all', exact: true }).click();
    await jarBecomes(
      [...['cg_consent', 'cg_vid', 'cg_visit', '_stat'].map((name) => `${name}@.${SITE}`), `_ga_host@www.${SITE}`],
      'the analytics cookies',
    );
    await www.close();

    const shop = await open('shop');
    await shop.waitForFunction(() => window.statRan === true);
    // The gated script already ran on this page, so the withdrawal reloads it (reloadOnWithdraw).
    await Promise.all([shop.waitForEvent('load'), shop.evaluate(() => window.ConsentGate.setConsent({ analytics: false }))]);
    // www's host-only cookie is out of shop's reach; shop's own and every cookie of the parent domain are gone.
    const all = await jarBecomes(
      [`_ga_host@www.${SITE}`, `cg_consent@.${SITE}`],
      "the refused cookies but www's host-only one to go",
      (jarNow) => decision(jarNow.cg_consent).categories.analytics === false,
    );
    assert.equal(decision(all.cg_consent).categories.analytics, false);
    assert.equal(await shop.evaluate(() => window.statRan ?? false), false, 'after the reload the gated script stays blocked');

    // The next page on www deletes its own leftover at load, because the stored choice refuses analytics.
    await open('www');
    await jarBecomes([`cg_consent@.${SITE}`], "www's leftover cookie to go");
  });
});
