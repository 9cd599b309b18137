/**
 * Proof of consent (`POST /consent`, docs/reference.md#proof-of-consent): each decision the visitor makes
 * is sent to the collector, which stores it with the server time, the user
 * agent and the truncated IP address and, when it serves the same site
 * (`--cookie-domain`), re-issues the consent cookie from the server.
 * @packageDocumentation
 */
import { sendBeacon } from './beacon.js';
import type { ResolvedConfig } from './config-types.js';
import type { ConsentState } from './types.js';

/**
 * Sends `state`, exactly the five fields of `ConsentState`, to
 * `{collector}/consent?cookie={cookieName}&days={expiresDays}` as a
 * `text/plain` beacon with the collector's cookies (so its `Set-Cookie` answer
 * is accepted, re-issuing the cookie under the site's name and lifetime).
 */
export function sendConsentRecord(
  { collector, cookieName, expiresDays }: Pick<ResolvedConfig, 'collector' | 'cookieName' | 'expiresDays'>,
  state: ConsentState,
): void {
  if (!collector) return;
  const { id, revision, timestamp, method, categories } = state;
  const url = `${collector}/consent?cookie=${encodeURIComponent(cookieName)}&days=${expiresDays}`;
  sendBeacon(url, JSON.stringify({ id, revision, timestamp, method, categories }), true);
}
