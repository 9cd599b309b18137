// GET /dashboard in Chromium (Playwright) against a listening in-process collector: the admin
// token form, figures that match /stats, the per-day chart, the date range,
// the strict CSP, and axe-core in light and dark mode.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-browser.mjs';
import { describeStores, FIREFOX_UA, makeConsent, makeEvent, query } from './helpers.ts';
import { listenApp, type ListeningAppHandle } from './in-process.ts';

// The callbacks given to page.evaluate run in Chromium. The collector's tsconfig
// has no DOM types (it is server code), so what they touch is declared here.
interface AxeResults {
  violations: { id: string; nodes: { target: string[] }[] }[];
}
declare const window: {
  __cspViolations: string[];
  axe: { run(context: unknown, options: unknown): Promise<AxeResults> };
};
declare const document: {
  activeElement: { id: string } | null;
  addEventListener(type: 'securitypolicyviolation', listener: (e: { violatedDirective: string; blockedURI: string }) => void): void;
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
};
declare const sessionStorage: { length: number };

const TOKEN = 'dashboard-admin-token';
const AUTH = { headers: { authorization: `Bearer ${TOKEN}` } };
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";
const DAY_MS = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
const digits = (text: string | null) => (text ?? '').replace(/\D/g, '');

describeStores('GET /dashboard in Chromium', (store) => {
  let collector: ListeningAppHandle;
  let browser: Browser;
  before(async () => {
    collector = await listenApp({ store, options: { adminToken: TOKEN, allowOrigins: ['https://www.example.com'] } });
    const events = [
      makeEvent({ visitorId: 'd1', visitId: 'd1a', path: '/', referrer: 'https://www.google.com/' }),
      makeEvent({ visitorId: 'd1', visitId: 'd1a', path: '/pricing' }),
      makeEvent({ visitorId: 'd2', visitId: 'd2a', path: '/', referrer: 'https://news.ycombinator.com/' }),
      makeEvent({ visitorId: 'd3', visitId: 'd3a', path: '/blog/hello' }),
      makeEvent({ visitorId: 'd4', visitId: 'd4a', path: '/blog/hello' }),
    ];
    assert.equal((await collector.request('POST', '/collect', { body: events })).status, 202);
    assert.equal(
      (
        await collector.request('POST', '/collect', {
          body: makeEvent({ visitorId: 'd5', visitId: 'd5a', path: '/' }),
          headers: { 'user-agent': FIREFOX_UA },
        })
      ).status,
      202,
    );
    await query(collector.db, "UPDATE events SET received_at = ? WHERE visitor_id IN ('d3', 'd4')", [`${day(-3)}T10:00:00.000Z`]);
    for (const [i, method] of ['accept-all', 'accept-all', 'reject-all', 'custom', 'gpc'].entries()) {
      await collector.request('POST', '/consent', {
        body: makeConsent({ id: `dash-${i}`, method }),
        headers: { origin: 'https://www.example.com' },
      });
    }
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  });
  after(async () => {
    // before() may have failed before the browser started.
    await (browser as Browser | undefined)?.close();
    await collector?.stop();
  });

  /** A page on the dashboard that records CSP violations and any request leaving the collector. */
  async function openDashboard(context: BrowserContext) {
    const page = await context.newPage();
    const foreign: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(collector.url)) foreign.push(request.url());
    });
    // axe is served from the collector's origin, so the page's CSP (script-src 'self') allows it.
    await page.route(`${collector.url}/__axe.js`, (route) => route.fulfill({ path: AXE_PATH, contentType: 'text/javascript' }));
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const response = await page.goto(`${collector.url}/dashboard`);
    assert.equal(response?.status(), 200);
    assert.equal(response?.headers()['content-security-policy'], CSP);
    return { page, foreign };
  }

  async function axeViolations(page: Page) {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ url: `${collector.url}/__axe.js` });
    const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  const statOf = (page: Page, key: string) => page.locator(`[data-stat="${key}"]`).textContent();

  it('refuses a wrong token with a message and shows no data', async () => {
    const context = await browser.newContext();
    try {
      const { page, foreign } = await openDashboard(context);
      assert.deepEqual(await axeViolations(page), [], 'login form');
      await page.getByLabel('Admin token').fill('wrong-token');
      await page.getByRole('button', { name: 'Show statistics' }).click();
      await page.getByRole('alert').filter({ hasText: 'refused' }).waitFor();
      assert.equal(await page.locator('#stats').isHidden(), true);
      assert.equal(await statOf(page, 'pageviews'), '');
      assert.equal(await page.locator('#days-chart').count(), 0);
      assert.equal(await page.evaluate(() => sessionStorage.length), 0);
      assert.deepEqual(foreign, []);
    } finally {
      await context.close();
    }
  });

  it('with the right token shows the figures of /stats, a point per day, and a working date range', async () => {
    const context = await browser.newContext();
    try {
      const { page, foreign } = await openDashboard(context);
      // Keyboard only: the token field is the first stop, Enter submits.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'token');
      await page.keyboard.type(TOKEN);
      await page.keyboard.press('Enter');
      await page.locator('#days-chart').waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'overview-title');

      const stats = (await collector.request('GET', '/stats', AUTH)).json;
      for (const key of ['pageviews', 'visitors', 'visits']) assert.equal(digits(await statOf(page, key)), String(stats[key]), key);
      assert.equal(digits(await statOf(page, 'consents')), String(stats.consents.total));
      const points = async (series: string) =>
        ((await page.locator(`#days-chart polyline.${series}`).getAttribute('points')) ?? '').trim().split(/\s+/);
      assert.equal((await points('pageviews')).length, stats.days.length);
      assert.equal((await points('visitors')).length, stats.days.length);
      assert.match(String(await page.locator('#days-chart').getAttribute('aria-label')), new RegExp(`${stats.pageviews} page views`));
      assert.equal(await page.locator('#days-table tbody tr').count(), stats.days.length);
      const topPage = page.locator('#pages-table tbody tr').first();
      assert.deepEqual(await topPage.locator('td').allTextContents(), [stats.topPages[0].path, String(stats.topPages[0].pageviews)]);
      assert.equal(await page.locator('#referrers-table tbody tr').count(), stats.referrers.length);
      assert.equal(await page.locator('#browsers-table tbody tr').count(), stats.browsers.length);
      const acceptRow = await page.locator('#consent-table tbody tr').first().locator('td').allTextContents();
      assert.deepEqual(acceptRow, ['Accepted all', String(stats.consents.acceptAll), '40%']);
      if (store === 'sqlite') await page.screenshot({ path: '/tmp/dashboard.png', fullPage: true });

      await page.getByLabel('From', { exact: true }).fill(day(-3));
      await page.getByLabel('To', { exact: true }).fill(day(-1));
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.waitForFunction(
        () => document.querySelector('#days-chart polyline')?.getAttribute('points')?.trim().split(/\s+/).length === 3,
      );
      const range = (await collector.request('GET', `/stats?from=${day(-3)}&to=${day(-1)}`, AUTH)).json;
      assert.equal(range.pageviews, 2);
      assert.equal(digits(await statOf(page, 'pageviews')), String(range.pageviews));
      assert.equal(digits(await statOf(page, 'visitors')), String(range.visitors));

      assert.deepEqual(await axeViolations(page), [], 'statistics, light');
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.locator('details summary').click();
      assert.deepEqual(await axeViolations(page), [], 'statistics, dark, table open');

      // The token is kept for the tab: a reload shows the figures without asking.
      await page.reload();
      await page.locator('#days-chart').waitFor();
      assert.equal(await page.locator('#login').isHidden(), true);
      await page.getByRole('button', { name: 'Sign out' }).press('Enter');
      assert.equal(await page.locator('#login').isVisible(), true);
      assert.equal(await page.evaluate(() => sessionStorage.length), 0);

      assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
      assert.deepEqual(foreign, []);
    } finally {
      await context.close();
    }
  });
});
