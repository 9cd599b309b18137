/**
 * Proof of consent (SPEC §8 `POST /consent`): each decision the visitor makes
 * is sent to the collector, which stores it with the server time, the user
 * agent and the truncated IP address and, when it serves the same site
 * (`--cookie-domain`), re-issues the consent cookie from the server.
 * @packageDocumentation
 */
import { sendBeacon } from './beacon.js';
import type { ConsentState } from './types.js';

/**
 * Sends `state`, exactly the five fields of `ConsentState`, to
 * `{collector}/consent` as a `text/plain` beacon with the collector's cookies
 * (so its `Set-Cookie` answer is accepted).
 */
export function sendConsentRecord(collector: string, state: ConsentState): void {
  const { id, revision, timestamp, method, categories } = state;
  sendBeacon(`${collector}/consent`, JSON.stringify({ id, revision, timestamp, method, categories }), true);
}
