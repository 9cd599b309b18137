// report.html as a site owner reads it, from a made-up scan with hostile names
// and long URLs, opened from disk in Chromium: the summary first, relative
// dates, requests grouped by page, no sideways scrolling at 400 px, and every
// string from the site kept as text. (test/scan.test.ts checks the same on
// real scans.)
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { Classifier, UNCLASSIFIED } from '../src/classify.ts';
import { reportHtml } from '../src/outputs/report-html.ts';
import { requestsByPage } from '../src/outputs/report-phase.ts';
import { summarize } from '../src/outputs/report-summary.ts';
import type { ScanResult } from '../src/scan.ts';
import { PHASES, type CookieItem, type PhaseName, type PhaseResult, type Report, type RequestItem } from '../src/types.ts';
import { launchViewer, openReport, shownCounts, shownVerdict, widthWithEverythingOpen } from './helpers/report-page.ts';

const OUT = fileURLToPath(new URL('../tmp/report-html/', import.meta.url));
const SITE = 'https://shop.example/';
const HOSTILE = '<img src=x onerror="document.title=\'pwned\'">';
const LONG = 'x'.repeat(400);
const READ_AT = Date.parse('2025-01-01T00:01:00Z');
const PAGES = [SITE, `${SITE}pricing`, `${SITE}${LONG}`];

const empty = (): PhaseResult => ({ cookies: [], storage: [], requests: [] });
const noDecisions = Object.fromEntries(PHASES.map((p) => [p, '-'])) as Record<PhaseName, string>;

const cookie = (name: string, expires: string | null, category: string, extra: Partial<CookieItem> = {}): CookieItem => ({
  name,
  domain: 'shop.example',
  path: '/',
  expires,
  httpOnly: false,
  sameSite: 'Lax',
  setBy: `${SITE}app.js`,
  via: [],
  category,
  service: category === UNCLASSIFIED ? null : 'Some service',
  ...extra,
});
const request = (url: string, thirdParty: boolean, initiator: string | null = null): RequestItem => ({
  url,
  host: new URL(url).hostname,
  thirdParty,
  type: 'Script',
  initiator,
});
const days = (n: number) => new Date(READ_AT + n * 86_400_000).toISOString();

/** A scan of a site that tracks before consent, with hostile names and URLs everywhere the site decides them. */
function sampleResult(screenshot: Buffer): ScanResult {
  const before: PhaseResult = {
    cookies: [
      cookie('_ga', days(395), 'analytics', { service: 'Google Analytics' }),
      cookie(HOSTILE, null, UNCLASSIFIED, { setBy: `https://t.example/${HOSTILE}/${LONG}.js`, via: [`https://tm.example/${LONG}`] }),
      cookie(LONG, days(1 / 48), 'necessary', { domain: `${LONG}.example`, httpOnly: true, sameSite: 'None' }),
    ],
    storage: [
      { area: 'localStorage', key: `</td>${HOSTILE}`, setBy: null, via: [], category: UNCLASSIFIED, service: null },
      { area: 'indexedDB', key: LONG, setBy: `https://t.example/${LONG}`, via: [], category: 'marketing', service: 'Pixel' },
    ],
    requests: [
      request(SITE, false),
      request(`${SITE}app.js`, false, SITE),
      request(`https://www.google-analytics.com/g/collect?v=2&tid=${LONG}`, true, `${SITE}app.js`),
      request(`${SITE}pricing`, false),
      request(`https://t.example/${HOSTILE}?${LONG}`, true, `javascript:${HOSTILE}`),
      request(`${SITE}${LONG}`, false),
    ],
  };
  const accepted: PhaseResult = { ...before, requests: before.requests.slice(0, 3) };
  const report: Report = {
    url: SITE,
    scannedAt: '2025-01-01T00:00:00.000Z',
    pages: PAGES.map((url) => ({ url, status: 200 })),
    phases: { 'before-consent': before, 'after-reject': empty(), 'after-accept': accepted, gpc: empty() },
    findings: [
      { severity: 'error', phase: 'before-consent', kind: 'cookie', name: '_ga', message: 'Cookie "_ga" (analytics), before consent.' },
      { severity: 'error', phase: 'before-consent', kind: 'request', name: 'www.google-analytics.com', message: 'Request to a tracker.' },
      { severity: 'warning', phase: 'before-consent', kind: 'cookie', name: HOSTILE, message: `Cookie "${HOSTILE}" is unclassified.` },
    ],
    decisions: { ...noDecisions, 'after-reject': 'consent-gate', 'after-accept': 'consent-gate' },
  };
  const pageOf = [PAGES[0]!, PAGES[0]!, PAGES[0]!, PAGES[1]!, PAGES[1]!, PAGES[2]!];
  return {
    report,
    screenshots: Object.fromEntries(PHASES.map((p) => [p, screenshot])),
    declaration: null,
    classifier: new Classifier(null),
    cookiesReadAt: Object.fromEntries(PHASES.map((p) => [p, READ_AT])),
    requestPages: { 'before-consent': pageOf, 'after-accept': pageOf.slice(0, 3) },
  };
}

let browser: Browser;
let result: ScanResult;
let file: string;

before(async () => {
  browser = await launchViewer();
  // A real JPEG of the size the scanner takes, so the thumbnails have their real shape.
  const shotPage = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await shotPage.setContent('<h1 style="font:64px sans-serif">A site</h1>');
  const screenshot = await shotPage.screenshot({ type: 'jpeg', quality: 70 });
  await shotPage.close();
  result = sampleResult(screenshot);
  mkdirSync(OUT, { recursive: true });
  file = join(OUT, 'report.html');
  writeFileSync(file, reportHtml(result));
});

after(async () => {
  await browser?.close();
});

describe('report.html', () => {
  it('opens with the verdict in words and, per phase, the counts of report.json', async () => {
    const page = await openReport(browser, file, 1280, 'light');
    try {
      assert.equal(await page.evaluate('document.querySelector("main > section").id'), 'summary', 'the summary comes first');
      assert.equal(await shownVerdict(page), '2 problems before consent');
      const { phases } = result.report;
      const expected = Object.fromEntries(
        PHASES.map((phase) => [
          phase,
          {
            cookies: phases[phase].cookies.length,
            storage: phases[phase].storage.length,
            thirdPartyRequests: phases[phase].requests.filter((r) => r.thirdParty).length,
            findings: result.report.findings.filter((f) => f.phase === phase).length,
          },
        ]),
      );
      assert.deepEqual(await shownCounts(page), expected);
    } finally {
      await page.close();
    }
  });

  it('words the verdict for a clean scan, for warnings only, and for problems in several phases', () => {
    const base = result.report;
    const findings = (list: Report['findings']): Report => ({ ...base, findings: list });
    const warning = base.findings[2]!;
    const error = base.findings[0]!;
    assert.equal(summarize(findings([])).verdict.headline, 'No tracking before consent');
    const warned = summarize(findings([warning, { ...warning, kind: 'banner', name: 'reject', phase: 'after-reject' }])).verdict;
    assert.deepEqual([warned.level, warned.headline], ['warnings', 'No tracking found before consent, 2 warnings']);
    assert.match(warned.detail, /1 item the scanner could not classify and 1 phase without a button to decide/);
    const spread = summarize(findings([error, { ...error, phase: 'gpc' }, { ...error, phase: 'gpc' }])).verdict;
    assert.deepEqual([spread.level, spread.headline], ['errors', '3 problems without consent']);
    assert.match(spread.detail, /1 before consent and 2 with Global Privacy Control/);
  });

  it('words expiry dates relative to the scan, with the ISO date in the tooltip', async () => {
    const page = await openReport(browser, file, 1280, 'light');
    try {
      const expires = JSON.parse(
        (await page.evaluate(
          `JSON.stringify([...document.querySelectorAll('#before-consent td[data-label="Expires"]')].map((td) => [td.innerText.trim(), td.firstElementChild.title]))`,
        )) as string,
      ) as Array<[string, string]>;
      assert.deepEqual(expires, [
        ['in 13 months', days(395)],
        ['when the browser closes', 'A session cookie: it has no expiry date'],
        ['in 30 minutes', days(1 / 48)],
      ]);
      assert.equal(await page.locator('#before-consent time').first().getAttribute('datetime'), days(395));
    } finally {
      await page.close();
    }
  });

  it('groups the requests by the page that made them, in the order the pages were visited', async () => {
    const groups = requestsByPage(result.report.phases['before-consent'].requests, result.requestPages?.['before-consent'], PAGES);
    assert.deepEqual(
      groups.map((g) => [g.page, g.requests.length]),
      [
        [PAGES[0], 3],
        [PAGES[1], 2],
        [PAGES[2], 1],
      ],
    );
    const page = await openReport(browser, file, 1280, 'light');
    try {
      const shown = JSON.parse(
        (await page.evaluate(
          `JSON.stringify([...document.querySelectorAll('#before-consent details.page')].map((d) => [d.dataset.page, d.querySelectorAll('tbody tr').length, d.open]))`,
        )) as string,
      ) as Array<[string, number, boolean]>;
      // A group with a third-party request starts open; one with only the site's own files, closed.
      assert.deepEqual(shown, [
        [PAGES[0], 3, true],
        [PAGES[1], 2, true],
        [PAGES[2], 1, false],
      ]);
    } finally {
      await page.close();
    }
  });

  // 400 px as on a phone; 820 px just above the width where the tables stop stacking.
  for (const [width, colorScheme] of [
    [400, 'light'],
    [400, 'dark'],
    [820, 'light'],
  ] as const) {
    it(`never scrolls the page sideways at ${width} px (${colorScheme}), with every group and screenshot opened`, async () => {
      const page = await openReport(browser, file, width, colorScheme);
      try {
        const shown = (await page.evaluate('document.documentElement.scrollWidth')) as number;
        assert.ok(shown <= width, `${shown} px wide`);
        const opened = await widthWithEverythingOpen(page);
        assert.ok(opened <= width, `${opened} px wide with everything open`);
      } finally {
        await page.close();
      }
    });
  }

  it("keeps the site's hostile names, keys and URLs as text: no element, no script, the title unchanged", async () => {
    const page = await openReport(browser, file, 1280, 'light');
    try {
      assert.equal(await page.title(), 'Consent scan: 2 problems before consent — https://shop.example/');
      assert.equal(await page.locator('script').count(), 0);
      // The only images are the four screenshots.
      assert.equal(await page.locator('img').count(), PHASES.length);
      assert.equal(await page.locator('img[src^="data:image/jpeg;base64,"]').count(), PHASES.length);
      assert.ok((await page.locator('#before-consent').innerText()).includes(HOSTILE));
      assert.ok((await page.locator('#before-consent').innerText()).includes(`</td>${HOSTILE}`));
    } finally {
      await page.close();
    }
  });

  it('opens each screenshot full size without a script: a thumbnail that expands, and a link to the image file', async () => {
    const page = await openReport(browser, file, 1280, 'light');
    try {
      const thumbnail = page.locator('#after-accept .shot img');
      const small = (await thumbnail.boundingBox())!.width;
      await page.locator('#after-accept .shot summary').press('Enter');
      const large = (await thumbnail.boundingBox())!.width;
      assert.ok(small <= 330 && large > 1000, `${small} px, then ${large} px`);
      assert.equal(await page.locator('#after-accept .shot a').getAttribute('href'), 'screenshot-after-accept.jpg');
    } finally {
      await page.close();
    }
  });
});
