/**
 * Server-side re-issue of the `cg_consent` cookie (docs/collector.md#consent-records-and-the-consent-cookie): Safari caps
 * cookies written by JavaScript at 7 days, one set by the server keeps the
 * policy's full lifetime.
 * @packageDocumentation
 */

import { serialize } from 'cookie';
import { encodeConsent, type ConsentState } from 'consent-gate/protocol';

/** Name of the consent cookie (the SDK's default `cookieName`). */
export const CONSENT_COOKIE = 'cg_consent';

/** Life of the consent cookie in days, counted from the decision (the SDK's default `expiresDays`). */
export const CONSENT_COOKIE_DAYS = 182;

/** Tolerated client clock lead: a decision "from the future" beyond this gets no cookie. */
export const CLOCK_SKEW_MS = 60_000;

/**
 * Longest `name=value` the collector re-issues. Browsers keep at most 4096
 * bytes of name and value and drop a longer cookie silently; staying well
 * under leaves room for the site's other cookies in the same `Cookie` header
 * of every request. A decision with very many or very long category names
 * then keeps the cookie the SDK wrote itself.
 */
export const MAX_CONSENT_COOKIE_BYTES = 3072;

const DAY_MS = 86_400_000;

/** `__Secure-` cookies are kept only when set over https (RFC 6265bis; browsers compare case-insensitively). */
const SECURE_PREFIX = /^__secure-/i;

/** `__Host-` cookies must not carry `Domain`, and the re-issued cookie always does: never kept. */
const HOST_PREFIX = /^__host-/i;

/** Where and how the cookie is set. */
export interface ConsentCookieOptions {
  /** `Domain` attribute, e.g. `example.com`. */
  domain: string;
  /** The cookie's name: the site's `cookieName` (default {@link CONSENT_COOKIE}). */
  name?: string;
  /** Its life in days from the decision: the site's `expiresDays` (default {@link CONSENT_COOKIE_DAYS}). */
  days?: number;
  /** Add `Secure` (the request came over https). */
  secure: boolean;
  /** Server time of the request. */
  now: Date;
}

/**
 * The `Set-Cookie` value re-issuing the consent cookie (`name`, default
 * `cg_consent`) for a decision, or null where a browser would not keep it or
 * should not get it: the decision lies in the future or its `days` (default
 * 182) are over (the cookie's lifetime counts from the decision and is never
 * extended by a visit), the name has a `__Host-` prefix, or a `__Secure-`
 * prefix without https, or `name=value` exceeds {@link MAX_CONSENT_COOKIE_BYTES}.
 * The value is the same encoded JSON (`{ v: 1, ...state }`) the browser stores.
 */
export function consentCookie(state: ConsentState, options: ConsentCookieOptions): string | null {
  const { name = CONSENT_COOKIE, days = CONSENT_COOKIE_DAYS } = options;
  if (HOST_PREFIX.test(name) || (SECURE_PREFIX.test(name) && !options.secure)) return null;
  const decidedAt = Date.parse(state.timestamp);
  const expires = decidedAt + days * DAY_MS;
  const now = options.now.getTime();
  if (!Number.isFinite(decidedAt) || decidedAt > now + CLOCK_SKEW_MS || expires <= now) return null;
  const { id, revision, timestamp, method, categories } = state;
  const value = encodeURIComponent(encodeConsent({ id, revision, timestamp, method, categories }));
  // Name and value are ASCII here (the name pattern, percent-encoding): characters are bytes.
  if (name.length + 1 + value.length > MAX_CONSENT_COOKIE_BYTES) return null;
  return serialize(name, value, {
    encode: (encoded) => encoded,
    domain: options.domain,
    path: '/',
    expires: new Date(expires),
    sameSite: 'lax',
    secure: options.secure,
  });
}
