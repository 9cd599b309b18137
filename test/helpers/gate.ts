/**
 * Starts consent-gate the way the current test group says: from the
 * TypeScript sources through `init(config)` ("src"), or from the minified
 * script-tag build with a JSON configuration block ("dist"). Both entry points
 * then pass the same behaviour tests.
 */
import type { ConsentBanner } from '../../src/ui/banner.ts';
import type { ConsentPreferences } from '../../src/ui/preferences.ts';
import type { ConsentGate, ConsentGateConfig, ConsentState } from '../../src/index.ts';
import { clearCookieJar, nextEvent, waitFor } from './browser.ts';
import { appendScriptTag, SCRIPT_TAG_BUILDS } from './script-tag.ts';

/** `src`, or the built script tag the group runs on (`dist`, `standalone`), set by the test runner's page. */
export const TARGET: 'src' | 'dist' | 'standalone' =
  (window as unknown as { __CG_TARGET?: 'src' | 'dist' | 'standalone' }).__CG_TARGET ?? 'src';

let current: ConsentGate | null = null;
let loads = 0;

/** Loads the minified build with `attributes` as data attributes and `config` as the JSON block. */
export async function loadScriptTag(config: ConsentGateConfig, attributes: Record<string, string> = {}): Promise<ConsentGate> {
  delete window.ConsentGate;
  // A fresh URL per load so every test runs the bundle anew, as a page load would.
  const script = await appendScriptTag(
    document,
    `${SCRIPT_TAG_BUILDS[TARGET] ?? SCRIPT_TAG_BUILDS.dist}?load=${++loads}`,
    config,
    attributes,
  );
  script.remove();
  return waitFor(() => window.ConsentGate, 'window.ConsentGate');
}

/**
 * Starts a fresh instance (stopping the previous one) and waits for the banner to render and
 * for `consent-gate:ready`, which follows the first paint (gating and the tracker start then).
 */
export async function startGate(config: ConsentGateConfig = {}): Promise<ConsentGate> {
  stopGate();
  const ready = nextEvent(document, 'consent-gate:ready', 5000);
  if (TARGET !== 'src') {
    current = await loadScriptTag(config);
  } else {
    const { init } = await import('../../src/index.ts');
    current = init(config);
  }
  await ready;
  await rendered();
  return current;
}

/**
 * Waits until both elements finished rendering. A returning visitor without a
 * floating button gets no banner element, so with a stored decision there may be none.
 */
export async function rendered(): Promise<void> {
  const expectsNoBanner = () => !!current?.getConsent() && !current.config.floatingButton;
  await waitFor(() => banner() ?? expectsNoBanner(), '<consent-banner>');
  await banner()?.updateComplete;
  await preferences()?.updateComplete;
}

/**
 * Clicks a choice in the banner or the dialog and waits for the decision, which
 * follows the next paint (the elements close first); resolves to its state.
 */
export async function choose(button: HTMLElement, doc: Document = document): Promise<ConsentState | null> {
  const changed = nextEvent<CustomEvent<ConsentState | null>>(doc, 'consent-gate:change');
  button.click();
  return (await changed).detail;
}

/** Stops the running instance and removes its elements. */
export function stopGate(): void {
  current?.destroy();
  current = null;
}

/** Stops the instance and forgets every stored choice (cookie jar and storage). */
export async function freshVisitor(): Promise<void> {
  stopGate();
  await clearCookieJar();
  localStorage.clear();
}

/** The `<consent-banner>` element, if present. */
export const banner = () => document.querySelector<ConsentBanner>('consent-banner');

/** The `<consent-preferences>` element, if created. */
export const preferences = () => document.querySelector<ConsentPreferences>('consent-preferences');
