// GET /dashboard in Chromium and Firefox (Playwright) against a listening in-process
// collector holding real events (POST /collect with browser user agents) and real
// consent records (POST /consent), read through the real POST /api/query: sign-in,
// a source row filtering every panel, chips, the comparison, CSV export, a reload
// of the URL, keyboard only, the strict CSP, and axe-core on every tab, light and dark.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium, firefox, type Browser, type BrowserContext, type Page } from 'playwright';
import { CHROMIUM_ARGS, findChromium, firefoxLaunchOptions } from '../../scripts/find-browser.mjs';
import { buildDashboard } from '../scripts/dashboard-build.mjs';
import { PANELS } from '../src/dashboard/panels.ts';
import { figuresQuery, panelQuery, type QueryBody } from '../src/dashboard/queries.ts';
import { parseState, type DashboardState } from '../src/dashboard/state.ts';
import { describeStores, FIREFOX_UA, makeConsent, makeEvent, type StoreKind } from './helpers.ts';
import { listenApp, type ListeningAppHandle } from './in-process.ts';

// The callbacks given to page.evaluate run in the browser. The collector's tsconfig
// has no DOM types (it is server code), so what they touch is declared here.
interface AxeResults {
  violations: { id: string; nodes: { target: string[] }[] }[];
}
declare const window: {
  __cspViolations: string[];
  __saved: { name: string; blob: Blob }[];
  axe: { run(context: unknown, options: unknown): Promise<AxeResults> };
};
declare const document: {
  activeElement: { id: string; getAttribute(name: string): string | null; textContent: string | null } | null;
  addEventListener(type: 'securitypolicyviolation', listener: (e: { violatedDirective: string; blockedURI: string }) => void): void;
  documentElement: { scrollWidth: number; clientWidth: number; getAttribute(name: string): string | null };
  querySelectorAll(selector: string): { length: number };
};
declare const sessionStorage: { length: number };
declare class HTMLAnchorElement {
  href: string;
  download: string;
  click(): void;
}

const TOKEN = 'dashboard-admin-token';
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";
const digits = (text: string | null) => (text ?? '').replace(/\D/g, '');

/** The browsers, each on one store: both browsers and both stores, without running everything twice. */
const RUNS: readonly { name: string; store: StoreKind; launch: () => Promise<Browser> }[] = [
  { name: 'Chromium', store: 'sqlite', launch: () => chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS }) },
  { name: 'Firefox', store: 'postgres', launch: () => firefox.launch(firefoxLaunchOptions()) },
];

/** The site: two hostnames, sources by UTM and referrer, a site search, a custom event with a property, two browsers. */
function siteEvents() {
  const www = 'https://www.example.com';
  const visit = (visitorId: string, visitId: string, extra: Record<string, unknown>) => ({ visitorId, visitId, ...extra });
  return [
    makeEvent({
      ...visit('n1', 'n1a', { utm: { source: 'newsletter', medium: 'email', campaign: 'winter' } }),
      url: `${www}/?utm_source=newsletter`,
      path: '/',
    }),
    makeEvent({ ...visit('n1', 'n1a', {}), url: `${www}/pricing`, path: '/pricing', referrer: `${www}/` }),
    makeEvent({
      ...visit('n2', 'n2a', { utm: { source: 'newsletter', medium: 'email', campaign: 'winter' } }),
      url: `${www}/blog/hello`,
      path: '/blog/hello',
    }),
    makeEvent({ ...visit('h1', 'h1a', {}), url: `${www}/docs`, path: '/docs', referrer: 'https://news.ycombinator.com/' }),
    makeEvent({ ...visit('d1', 'd1a', {}), url: `${www}/?q=cookies`, path: '/', search: 'cookies' }),
    makeEvent({ ...visit('d1', 'd1a', {}), type: 'event', name: 'signup', props: { plan: 'pro' }, url: `${www}/docs`, path: '/docs' }),
    makeEvent({ ...visit('s1', 's1a', {}), url: 'https://shop.example.com/cart', path: '/cart' }),
  ];
}

for (const run of RUNS) {
  describeStores(
    `GET /dashboard in ${run.name}`,
    () => {
      let collector: ListeningAppHandle;
      let browser: Browser;
      before(async () => {
        const directory = mkdtempSync(join(tmpdir(), 'consent-gate-dashboard-'));
        await buildDashboard(directory);
        collector = await listenApp({
          store: run.store,
          options: {
            adminToken: TOKEN,
            allowOrigins: ['https://www.example.com'],
            countryHeader: 'cf-ipcountry',
            dashboardDirectory: pathToFileURL(`${directory}/`),
          },
        });
        const events = siteEvents();
        assert.equal(
          (await collector.request('POST', '/collect', { body: events.slice(0, 3), headers: { 'cf-ipcountry': 'DE' } })).status,
          202,
        );
        assert.equal(
          (
            await collector.request('POST', '/collect', {
              body: events.slice(3, 4),
              headers: { 'user-agent': FIREFOX_UA, 'cf-ipcountry': 'US' },
            })
          ).status,
          202,
        );
        assert.equal(
          (await collector.request('POST', '/collect', { body: events.slice(4), headers: { 'cf-ipcountry': 'FR' } })).status,
          202,
        );
        for (const [i, method] of ['accept-all', 'accept-all', 'accept-all', 'reject-all', 'custom'].entries()) {
          const answer = await collector.request('POST', '/consent', {
            body: makeConsent({ id: `dash-${i}`, method }),
            headers: { origin: 'https://www.example.com' },
          });
          assert.equal(answer.status, 201);
        }
        browser = await run.launch();
      });
      after(async () => {
        // before() may have failed before the browser started.
        await (browser as Browser | undefined)?.close();
        await collector?.stop();
      });

      /** POST /api/query as the page does, for the expected values. */
      async function ask(body: QueryBody) {
        const answer = await collector.request('POST', '/api/query', {
          body,
          contentType: 'application/json',
          headers: { authorization: `Bearer ${TOKEN}` },
        });
        assert.equal(answer.status, 200, `${JSON.stringify(body)} → ${answer.text}`);
        return answer.json as { results: { dimensions: unknown[]; metrics: number[] }[] };
      }

      /** A page on the dashboard that records CSP violations and any request leaving the collector. */
      async function openDashboard(context: BrowserContext, search = '') {
        const page = await context.newPage();
        const foreign: string[] = [];
        page.on('request', (request) => {
          if (!request.url().startsWith(collector.url) && !request.url().startsWith('blob:')) foreign.push(request.url());
        });
        // axe is served from the collector's origin, so the page's CSP (script-src 'self') allows it.
        await page.route(`${collector.url}/__axe.js`, (route) => route.fulfill({ path: AXE_PATH, contentType: 'text/javascript' }));
        await page.addInitScript(() => {
          // The files the page saves: the blob behind each <a download> it clicks.
          window.__saved = [];
          const blobs = new Map<string, Blob>();
          const createObjectURL = URL.createObjectURL.bind(URL);
          URL.createObjectURL = (blob: Blob) => {
            const url = createObjectURL(blob);
            blobs.set(url, blob);
            return url;
          };
          const click = HTMLAnchorElement.prototype.click;
          HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
            const blob = blobs.get(this.href);
            if (this.download && blob) window.__saved.push({ name: this.download, blob });
            click.call(this);
          };
          window.__cspViolations = [];
          document.addEventListener('securitypolicyviolation', (e) =>
            window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
          );
        });
        const response = await page.goto(`${collector.url}/dashboard${search}`);
        assert.equal(response?.status(), 200);
        assert.equal(response?.headers()['content-security-policy'], CSP);
        return { page, foreign };
      }

      /**
       * The file a click makes the page save. Chromium reports the download itself;
       * Playwright's Firefox (WebDriver BiDi) reports none, so there the file is read
       * where the page hands it to the browser: the blob of its `<a download>`.
       */
      async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
        if (run.name === 'Chromium') {
          const [download] = await Promise.all([page.waitForEvent('download'), click()]);
          return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
        }
        await click();
        await page.waitForFunction(() => window.__saved.length > 0);
        return page.evaluate(async () => {
          const { name, blob } = window.__saved.pop()!;
          return { name, text: await blob.text() };
        });
      }

      /** Resolves once every section of a freshly loaded page is drawn. */
      const drawn = (page: Page) => page.locator('html[data-drawn]').waitFor({ state: 'attached' });

      /** Do `action` (which changes the view) and resolve once the page has drawn the new view. */
      async function redrawn(page: Page, action: () => Promise<unknown>) {
        const before = await page.locator('html').getAttribute('data-drawn');
        await action();
        await page.waitForFunction((previous) => {
          const now = document.documentElement.getAttribute('data-drawn');
          return now !== null && now !== previous;
        }, before);
      }

      async function signIn(page: Page) {
        await page.getByLabel('Admin token').fill(TOKEN);
        await redrawn(page, () => page.getByRole('button', { name: 'Show statistics' }).click());
      }

      async function axeViolations(page: Page, selector = 'html') {
        if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ url: `${collector.url}/__axe.js` });
        const result = await page.evaluate(([tags, context]) => window.axe.run(context, { runOnly: { type: 'tag', values: tags } }), [
          AXE_TAGS,
          selector,
        ] as const);
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }

      /** The state the page's URL describes. */
      const stateOf = (page: Page): DashboardState => parseState(new URL(page.url()).search);

      const panel = (page: Page, id: string) => page.locator(`#panel-${id}`);
      const rowLabels = (page: Page, id: string) => panel(page, id).locator('table.breakdown tbody td.label').allTextContents();
      const figure = (page: Page, metric: string) => page.locator(`.figure[data-metric="${metric}"] .figure-value`).textContent();

      /** Every table panel shows, for the open tab, the rows the API gives for the page's state. */
      async function assertPanelsMatchApi(page: Page) {
        const state = stateOf(page);
        for (const definition of PANELS) {
          const tab = definition.tabs.find((t) => t.id === (state.tabs[definition.id] ?? definition.tabs[0]!.id))!;
          if (tab.kind !== 'table') continue;
          const query = panelQuery(tab, state);
          const expected = (await ask(query!)).results.slice(0, 10).map((r) => String(r.dimensions[0]));
          const shown = await rowLabels(page, definition.id);
          assert.equal(shown.length, expected.length, `${definition.id}/${tab.id}: ${shown.join(', ')} vs ${expected.join(', ')}`);
        }
        const figures = (await ask(figuresQuery(state))).results[0]!.metrics;
        assert.equal(digits(await figure(page, 'visitors')), String(figures[0]), 'unique visitors');
        assert.equal(digits(await figure(page, 'pageviews')), String(figures[2]), 'page views');
      }

      it('refuses a wrong token with what to do, and shows no data', async () => {
        const context = await browser.newContext();
        try {
          const { page, foreign } = await openDashboard(context);
          assert.deepEqual(await axeViolations(page), [], 'sign-in form');
          await page.getByLabel('Admin token').fill('wrong-token-of-16-chars');
          await page.getByRole('button', { name: 'Show statistics' }).click();
          await page.getByRole('alert').filter({ hasText: 'CONSENT_GATE_ADMIN_TOKEN' }).waitFor();
          assert.equal(await page.locator('#stats').isHidden(), true);
          assert.equal(await page.evaluate(() => sessionStorage.length), 0);
          // Each wrong attempt costs one wrong token, not one per panel: after three, the right one still works
          // (the collector blocks an address for a minute after 10 wrong tokens).
          for (let attempt = 0; attempt < 3; attempt += 1) {
            await page.getByLabel('Admin token').fill('wrong-token-of-16-chars');
            await page.getByRole('button', { name: 'Show statistics' }).click();
            await page.getByRole('alert').filter({ hasText: 'CONSENT_GATE_ADMIN_TOKEN' }).waitFor();
          }
          await signIn(page);
          assert.equal(await page.locator('#stats').isVisible(), true);
          assert.deepEqual(foreign, []);
        } finally {
          await context.close();
        }
      });

      it('filters every panel by a clicked source, keeps the view in the URL, removes the chip, compares, exports a CSV', async () => {
        const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
        try {
          const { page, foreign } = await openDashboard(context);
          // Keyboard only: the token field is reached with Tab, Enter submits, focus moves to the figures.
          await page.keyboard.press('Tab');
          await page.keyboard.press('Tab');
          assert.equal(await page.evaluate(() => document.activeElement?.id), 'token');
          await page.keyboard.type(TOKEN);
          await redrawn(page, () => page.keyboard.press('Enter'));
          assert.equal(await page.evaluate(() => document.activeElement?.id), 'figures-title');
          await assertPanelsMatchApi(page);
          // Two hostnames: the site switcher.
          assert.equal(await page.getByLabel('Site', { exact: true }).isVisible(), true);

          // Sources → the "Sources" tab → click "newsletter".
          await panel(page, 'sources').getByRole('tab', { name: 'Sources', exact: true }).click();
          await panel(page, 'sources').locator('[aria-busy="false"] table').waitFor();
          await redrawn(page, () => panel(page, 'sources').getByRole('button', { name: 'newsletter' }).click());
          const chip = page.getByRole('button', { name: 'Remove filter: Source is newsletter' });
          assert.equal(await chip.isVisible(), true);
          assert.deepEqual(stateOf(page).filters, [{ op: 'is', dimension: 'visit:source', value: 'newsletter' }]);
          assert.equal(digits(await figure(page, 'visitors')), '2');
          assert.deepEqual((await rowLabels(page, 'pages')).sort(), ['/', '/blog/hello', '/pricing']);
          await assertPanelsMatchApi(page);

          // A reload of the URL shows the same view (the token is kept for the tab, never in the URL).
          const url = page.url();
          assert.doesNotMatch(url, new RegExp(TOKEN));
          await page.reload();
          await drawn(page);
          assert.equal(page.url(), url);
          assert.equal(await chip.isVisible(), true);
          assert.equal(digits(await figure(page, 'visitors')), '2');
          assert.equal(
            await panel(page, 'sources').getByRole('tab', { name: 'Sources', exact: true }).getAttribute('aria-selected'),
            'true',
          );

          // Export the open tab as CSV and read it.
          const { name, text } = await downloaded(page, () => panel(page, 'pages').getByRole('button', { name: 'Export CSV' }).click());
          assert.equal(name, 'pages-top-pages.csv');
          const csv = text.replace(/^\uFEFF/, '');
          const lines = csv.trim().split('\r\n');
          assert.equal(lines[0], 'Page,Visitors,% of total,Page views,Time on page');
          assert.deepEqual(
            lines
              .slice(1)
              .map((line) => line.split(',')[0])
              .sort(),
            ['/', '/blog/hello', '/pricing'],
          );

          // The whole view as one ZIP of CSV files (stored, so names and rows read as text).
          const zip = await downloaded(page, () => page.getByRole('button', { name: 'Export all (ZIP)' }).click());
          assert.equal(zip.name, 'consent-gate-dashboard-30d.zip');
          assert.ok(zip.text.startsWith('PK'), 'a ZIP file');
          for (const file of [
            'top-figures.csv',
            'chart-visitors.csv',
            'sources-sources.csv',
            'pages-top-pages.csv',
            'consent-decisions.csv',
          ]) {
            assert.ok(zip.text.includes(file), file);
          }
          assert.ok(zip.text.includes('Page,Visitors,% of total,Page views,Time on page'));

          // Comparison: off, then the previous period again.
          await redrawn(page, () => page.getByLabel('Compare with').selectOption('off'));
          assert.equal(
            await page
              .locator('.figure-change')
              .first()
              .textContent()
              .then((t) => t === 'last 5 minutes'),
            true,
          );
          assert.equal(await page.locator('#chart-legend li').count(), 1);
          await redrawn(page, () => page.getByLabel('Compare with').selectOption('previous_period'));
          assert.equal(stateOf(page).comparison, 'previous_period');
          assert.match(
            (await page.locator('.figure[data-metric="visitors"] .figure-change').textContent()) ?? '',
            /against the previous period/,
          );
          assert.equal(await page.locator('#chart-legend li').count(), 2);
          assert.equal(await page.locator('#chart-table thead th').count(), 3);

          // Remove the chip: every panel is unfiltered again.
          // (By mouse here: the keyboard test removes one by keyboard. Playwright's Firefox keeps the
          // select's list open after selectOption, and that list would take the key.)
          await redrawn(page, () => chip.click());
          assert.equal(await page.locator('#chips li').count(), 0);
          assert.deepEqual(stateOf(page).filters, []);
          await assertPanelsMatchApi(page);

          assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
          assert.deepEqual(foreign, []);
        } finally {
          await context.close();
        }
      });

      it('works by keyboard alone: tabs, rows, chips, the chart readout', async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        try {
          const { page } = await openDashboard(context);
          await signIn(page);
          // The tab list: arrow keys move the selection.
          const devices = panel(page, 'devices');
          await devices.getByRole('tab', { name: 'Browsers' }).focus();
          await page.keyboard.press('ArrowRight');
          assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Operating systems');
          assert.equal(await devices.getByRole('tab', { name: 'Operating systems' }).getAttribute('aria-selected'), 'true');
          await page.keyboard.press('Home');
          await devices.locator('[aria-busy="false"] table').waitFor();
          // A panel's search: countries by their names.
          const locations = panel(page, 'locations');
          assert.deepEqual((await rowLabels(page, 'locations')).sort(), ['France', 'Germany', 'United States']);
          await locations.getByRole('searchbox', { name: 'Search countries' }).fill('germ');
          await page.waitForFunction(() => document.querySelectorAll('#panel-locations tbody tr').length === 1);
          assert.deepEqual(await rowLabels(page, 'locations'), ['Germany']);
          // A row by keyboard: Tab into the table, Enter filters.
          await devices.getByRole('button', { name: 'Firefox' }).focus();
          await redrawn(page, () => page.keyboard.press('Enter'));
          assert.deepEqual(stateOf(page).filters, [{ op: 'is', dimension: 'visit:browser', value: 'Firefox' }]);
          // The chart: focus, arrow keys, a spoken readout.
          await page.locator('#chart').focus();
          await page.keyboard.press('End');
          const last = await page.locator('#chart-readout').textContent();
          await page.keyboard.press('ArrowLeft');
          const before = await page.locator('#chart-readout').textContent();
          assert.notEqual(before, last);
          assert.match(before ?? '', /unique visitors/);
          assert.equal(await page.locator('#chart-readout').getAttribute('aria-live'), 'polite');
          // The chip, by keyboard.
          await page.getByRole('button', { name: /^Remove filter: Browser is Firefox/ }).focus();
          await redrawn(page, () => page.keyboard.press('Enter'));
          assert.deepEqual(stateOf(page).filters, []);
        } finally {
          await context.close();
        }
      });

      it('has no axe-core violation on any tab of any panel, light and dark, and no sideways scrolling at 400 px', async () => {
        for (const colorScheme of ['light', 'dark'] as const) {
          const context = await browser.newContext({ colorScheme, viewport: { width: 400, height: 800 } });
          try {
            // Under a custom event's filter with a property chosen, so that the Properties tab and the conversion rate show too.
            const { page } = await openDashboard(
              context,
              `?${new URLSearchParams([
                ['f', 'is|event:name|signup'],
                ['prop', 'plan'],
              ])}`,
            );
            await signIn(page);
            assert.equal(await page.locator('.figure[data-metric="conversion_rate"]').isVisible(), true);
            assert.deepEqual(await axeViolations(page), [], `${colorScheme}: the whole page`);
            for (const definition of PANELS) {
              for (const tab of definition.tabs) {
                const button = panel(page, definition.id).getByRole('tab', { name: tab.label, exact: true });
                if (await button.isHidden()) continue;
                await button.click();
                await panel(page, definition.id).locator('.panel-body[aria-busy="false"]').waitFor();
                if (tab.kind === 'properties') assert.deepEqual(await rowLabels(page, definition.id), ['pro']);
                // Every tab's query is one the collector answers (no error state anywhere).
                assert.equal(
                  await panel(page, definition.id).locator('.section-error').count(),
                  0,
                  `${definition.id}/${tab.id} shows an error`,
                );
                assert.deepEqual(await axeViolations(page, `#panel-${definition.id}`), [], `${colorScheme}: ${definition.id}/${tab.id}`);
              }
            }
            assert.equal(
              await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
              true,
              'no sideways scrolling',
            );
            assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
          } finally {
            await context.close();
          }
        }
      });

      it('says what to do when the collector cannot be reached', async () => {
        const context = await browser.newContext();
        try {
          const { page } = await openDashboard(context);
          await signIn(page);
          await page.route(`${collector.url}/api/query`, (route) => route.abort('connectionrefused'));
          await page.getByLabel('Date range').selectOption('7d');
          await page.getByRole('alert').filter({ hasText: 'could not be reached' }).first().waitFor();
        } finally {
          await context.close();
        }
      });
    },
    { stores: [run.store] },
  );
}
