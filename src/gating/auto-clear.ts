/**
 * What refused categories leave behind, deleted: the cookies of their
 * `autoClear` lists, on the current host and on each of its parent domains,
 * with path `/` and the current path, and the `localStorage` and
 * `sessionStorage` keys their services declare (`storage`). The SDK's own
 * cookie and keys are never deleted.
 * @packageDocumentation
 */
import Cookies from 'js-cookie';
import type { CookieMatcher, ResolvedConfig } from '../core/config-types.js';
import { readCookieJar } from '../core/consent-storage.js';
import { attempt } from '../core/safe.js';
import { KEPT_VISITOR_KEY } from '../tracker/identity-facts.js';

/** Whether a name matches one of `matchers` (exact `name`, or `pattern` as a regular-expression source). */
function matcher(matchers: CookieMatcher[]): (name: string) => boolean {
  const tests = matchers.map((m) =>
    m.name !== undefined ? (name: string) => name === m.name : RegExp.prototype.test.bind(new RegExp(m.pattern!)),
  );
  return (name) => tests.some((test) => test(name));
}

/**
 * Deletes every cookie visible to the page whose name matches one of
 * `matchers`, except `keep` (the consent cookie). Cookies are read and
 * removed through js-cookie; on https pages the removal is `Secure`, so
 * `__Secure-` and `__Host-` cookies go too.
 */
export function clearCookies(matchers: CookieMatcher[], keep: string): void {
  if (!matchers.length) return;
  const matches = matcher(matchers);
  const labels = location.hostname.split('.');
  // undefined is the host-only cookie; then the host and every parent domain but the top level.
  const domains: Array<string | undefined> = [undefined];
  for (let i = 0; i < labels.length - 1 || i === 0; i++) domains.push(labels.slice(i).join('.'));
  const secure = location.protocol === 'https:';
  for (const name of Object.keys(readCookieJar())) {
    if (name === keep || !matches(name)) continue;
    // path '' leaves the attribute out: the page's default path.
    for (const domain of domains) for (const path of ['/', '']) attempt(() => Cookies.remove(name, { path, domain, secure }), undefined);
  }
}

/** Deletes every `localStorage` and `sessionStorage` key that matches one of `matchers`, except those in `keep`. */
export function clearStorage(matchers: CookieMatcher[], keep: string[]): void {
  if (!matchers.length) return;
  const matches = matcher(matchers);
  for (const area of ['localStorage', 'sessionStorage'] as const) {
    attempt(() => {
      const storage = window[area];
      const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i)!);
      for (const key of keys) if (!keep.includes(key) && matches(key)) storage.removeItem(key);
    }, undefined);
  }
}

/**
 * Deletes the `autoClear` cookies and the declared storage keys of every
 * category that `granted` says is not granted. The consent cookie and the
 * kept visitor id stay.
 */
export function clearRefused(config: ResolvedConfig, granted: (category: string) => boolean): void {
  const { autoClear, categories, cookieName } = config;
  // One pass for all refused categories: the cookies are read once, not once per category.
  const refused = (name: string) => !granted(name);
  clearCookies(
    Object.keys(autoClear)
      .filter(refused)
      .flatMap((category) => autoClear[category]!),
    cookieName,
  );
  clearStorage(
    categories.filter(({ name }) => refused(name)).flatMap(({ services }) => services.flatMap((service) => service.storage ?? [])),
    [KEPT_VISITOR_KEY],
  );
}
