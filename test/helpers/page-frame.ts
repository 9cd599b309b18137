/**
 * Another page load of the same site, in a frame: the fixture page running
 * consent-gate (as the current test group builds it) with a given configuration.
 */
import type { ConsentGate } from '../../src/index.ts';
import { waitFor } from './browser.ts';
import { TARGET } from './gate.ts';

/** The window of a page opened with {@link openPage}. */
export type PageWindow = Window & typeof globalThis & { ConsentGate: ConsentGate };

/** Loads the fixture page in a frame, running consent-gate with `config`; `query` is appended to its URL. */
export async function openPage(config: object, query = ''): Promise<PageWindow> {
  const frame = document.createElement('iframe');
  frame.src = `/test/fixtures/page.html?target=${TARGET}&config=${encodeURIComponent(JSON.stringify(config))}${query}`;
  document.body.append(frame);
  const win = frame.contentWindow as PageWindow;
  // A returning visitor (a stored decision) gets no banner element.
  await waitFor(
    () => win.ConsentGate && (win.document.querySelector('consent-banner') || win.ConsentGate.getConsent()),
    'the page in the frame to start',
    5000,
  );
  return win;
}

/** Closes a page opened with {@link openPage}. */
export const closePage = (win: Window) => win.frameElement?.remove();
