/**
 * Deletes the cookies of refused categories (`autoClear`), on the current
 * host and on each of its parent domains, with path `/` and the current path.
 * @packageDocumentation
 */
import type { CookieMatcher } from '../core/config-types.js';

/**
 * Deletes every cookie visible to the page whose name matches one of
 * `matchers` (exact `name`, or `pattern` as a regular-expression source),
 * except `keep` (the consent cookie).
 */
export function clearCookies(matchers: CookieMatcher[], keep: string): void {
  if (!matchers.length) return;
  const matches = (name: string) => matchers.some((m) => (m.name !== undefined ? m.name === name : new RegExp(m.pattern!).test(name)));
  const labels = location.hostname.split('.');
  // '' is the host-only cookie; then the host and every parent domain but the top level.
  const domains = [''];
  for (let i = 0; i < labels.length - 1 || i === 0; i++) domains.push(`; domain=${labels.slice(i).join('.')}`);
  for (const pair of document.cookie.split(';')) {
    const name = pair.split('=')[0]!.trim();
    if (!name || name === keep || !matches(name)) continue;
    for (const domain of domains) {
      for (const path of ['; path=/', '']) document.cookie = `${name}=; max-age=0${path}${domain}`;
    }
  }
}
