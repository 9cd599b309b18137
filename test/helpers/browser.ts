/**
 * What a browser observes: the real cookie jar, accessible names, focus and
 * elements inside shadow roots. Bounded polling only, never sleeps.
 */
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';

/** A cookie as the browser context stores it. */
export interface JarCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'Strict' | 'Lax' | 'None';
}

/** Every cookie in the browser context's jar. */
export const cookieJar = () => executeServerCommand<JarCookie[], undefined>('cookie-jar');

/** Empties the browser context's jar. */
export const clearCookieJar = () => executeServerCommand('clear-cookie-jar');

/** How many visible elements have `role` and exactly the accessible name `name` (computed by Playwright). */
export const countByRole = (role: string, name: string) =>
  executeServerCommand<number, { role: string; name: string }>('count-role', { role, name }) as Promise<number>;

/** The focused element, through shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The first element matching `[part~=name]` in `host`'s shadow root. */
export function part<T extends HTMLElement = HTMLElement>(host: Element | null, name: string): T {
  const found = host?.shadowRoot?.querySelector<T>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part "${name}" in <${host?.localName ?? 'missing host'}>`);
  return found;
}

/** All elements matching `[part~=name]` in `host`'s shadow root. */
export function parts<T extends HTMLElement = HTMLElement>(host: Element | null, name: string): T[] {
  return [...(host?.shadowRoot?.querySelectorAll<T>(`[part~="${name}"]`) ?? [])];
}

/** Polls `check` once per animation frame until it returns a truthy value (at most `timeoutMs`). */
export async function waitFor<T>(check: () => T, what: string, timeoutMs = 3000): Promise<Exclude<T, false | null | undefined | 0 | ''>> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value as Exclude<T, false | null | undefined | 0 | ''>;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/** Resolves with the next `type` event dispatched on `target`. */
export function nextEvent<T extends Event = CustomEvent>(target: EventTarget, type: string, timeoutMs = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} event within ${timeoutMs} ms`)), timeoutMs);
    target.addEventListener(
      type,
      (event) => {
        clearTimeout(timer);
        resolve(event as T);
      },
      { once: true },
    );
  });
}

/** Whether an element is rendered (has a box). */
export const isShown = (element: Element | null | undefined) => !!element && element.getClientRects().length > 0;

/**
 * Tabs until keyboard focus is back in the page (at most `maxTabs` presses).
 * Tabbing past the last element moves focus into the browser's own UI; Firefox
 * then delivers keys to the page without activating anything, so a test that
 * tabs around must leave focus in the page for the next one.
 */
export async function tabBackIntoPage(maxTabs = 8): Promise<void> {
  for (let i = 0; i < maxTabs && !(document.hasFocus() && deepActive() && deepActive() !== document.body); i += 1) {
    await sendKeys({ press: 'Tab' });
  }
}
