// report.html as a person sees it: opened from disk in Chromium at a given width
// and colour scheme, and read back (the summary's counts, the page's width).
import { chromium, type Browser, type Page } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS, findChromium } from '../../src/browser.ts';
import type { PhaseName } from '../../src/types.ts';

/** A Chromium for looking at reports. */
export function launchViewer(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
}

/** Opens the report file `path` from disk in a new page of `width` CSS pixels and `colorScheme`. */
export async function openReport(browser: Browser, path: string, width: number, colorScheme: 'light' | 'dark'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 800 }, colorScheme });
  await page.goto(pathToFileURL(path).href);
  return page;
}

/** The page's full width after opening every `<details>` (request groups, screenshots): what scrolls sideways if over the viewport. */
export async function widthWithEverythingOpen(page: Page): Promise<number> {
  return (await page.evaluate(
    `(() => { for (const d of document.querySelectorAll('details')) d.open = true; return document.documentElement.scrollWidth; })()`,
  )) as number;
}

/** The counts the summary shows, per phase. */
export type ShownCounts = Record<PhaseName, { cookies: number; storage: number; thirdPartyRequests: number; findings: number }>;

/** Reads the summary's counts as shown (the text of each cell). */
export async function shownCounts(page: Page): Promise<ShownCounts> {
  return JSON.parse(
    (await page.evaluate(`JSON.stringify(Object.fromEntries([...document.querySelectorAll('#summary tr[data-phase]')].map((tr) => {
      const n = (name) => Number(tr.querySelector('[data-count="' + name + '"]').textContent);
      return [tr.dataset.phase, { cookies: n('cookies'), storage: n('storage'), thirdPartyRequests: n('third-party-requests'), findings: n('findings') }];
    })))`)) as string,
  ) as ShownCounts;
}

/** The verdict's headline as shown. */
export async function shownVerdict(page: Page): Promise<string> {
  return (await page.locator('#summary .verdict .headline').innerText()).trim();
}
