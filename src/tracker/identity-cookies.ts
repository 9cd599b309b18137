/**
 * The visitor's identity cookies as the page sees them before the tracker is
 * loaded: whether a visitor id exists, and deleting both. Kept apart from
 * `visit.ts` (which writes them) so that the first paint carries only this.
 *
 * A withdrawal deletes both cookies, but the collector still holds what it
 * recorded under the visitor id, and the visitor keeps the right to see and
 * erase it (the dialog offers "Your data" once analytics were ever accepted). So the id
 * is kept in `localStorage` (never in a cookie, never sent by itself) until
 * "Delete my data" erases the data, until analytics are allowed again, when
 * the visitor continues under the same id, until `reset()`, or until it
 * expires: it lives as long as a visitor id does (395 days, counted from the
 * withdrawal, the collector's default retention too), stored with it as
 * `<id>.<expiry in ms since the epoch>` (like `cg_visit`'s dotted value). An
 * expired or malformed value is deleted when read.
 * @packageDocumentation
 */
import { createConsentStorage, readCookieJar, type ConsentStorage } from '../core/consent-storage.js';
import { attempt } from '../core/safe.js';
import { KEPT_VISITOR_KEY, VISIT_COOKIE, VISITOR_COOKIE, VISITOR_COOKIE_DAYS } from './identity-facts.js';

export { KEPT_VISITOR_KEY, VISIT_COOKIE, VISIT_IDLE_MINUTES, VISITOR_COOKIE, VISITOR_COOKIE_DAYS } from './identity-facts.js';

const KEPT_MS = VISITOR_COOKIE_DAYS * 86_400_000;

/** Access to `cg_vid` and `cg_visit`, and to the visitor id kept after a withdrawal. */
export interface IdentityCookies {
  /** The visitor-id cookie. */
  visitor: ConsentStorage;
  /** The visit cookie. */
  visit: ConsentStorage;
  /** The id the collector knows this browser by: the cookie's, else the one kept after a withdrawal (unless expired). */
  visitorId(): string | undefined;
  /** Deletes both cookies, keeping the visitor id (395 days) for the visitor's data requests; a page without them costs one `document.cookie` read and no write. */
  clear(): void;
  /** Deletes both cookies and the kept visitor id (the collector erased the data, or `reset()`). */
  erase(): void;
  /** Returns the kept visitor id, if any and not expired, and stops keeping it (analytics are allowed again). */
  takeKept(): string | undefined;
}

/**
 * The identity cookies for `domain` (the consent cookie's domain; `undefined`
 * for the current host). They share the consent cookie's storage helper, so
 * writing and removing use the same attributes and no access ever throws.
 * Only the cookie half of the helper is used: these ids are never mirrored to
 * `localStorage`.
 */
export function identityCookies(domain?: string): IdentityCookies {
  const visitor = createConsentStorage({ name: VISITOR_COOKIE, domain });
  const visit = createConsentStorage({ name: VISIT_COOKIE, domain });
  /** Removes the two cookies that `jar` holds. */
  const removeCookies = (jar = readCookieJar()) => {
    if (jar[VISITOR_COOKIE] !== undefined) visitor.remove();
    if (jar[VISIT_COOKIE] !== undefined) visit.remove();
  };
  const forget = () => attempt(() => localStorage.removeItem(KEPT_VISITOR_KEY), undefined);
  /** The kept id while it has not expired; an expired or malformed value is deleted. */
  const readKept = (): string | undefined => {
    const stored = attempt(() => localStorage.getItem(KEPT_VISITOR_KEY), null);
    const [, id, expires] = /^(.+)\.(\d+)$/.exec(stored ?? '') ?? [];
    if (id && Number(expires) > Date.now()) return id;
    if (stored !== null) forget();
    return undefined;
  };
  const takeKept = () => {
    const id = readKept();
    if (id !== undefined) forget();
    return id;
  };
  return {
    visitor,
    visit,
    visitorId: () => visitor.readCookie() ?? readKept(),
    clear() {
      const jar = readCookieJar();
      const id = jar[VISITOR_COOKIE];
      if (id) attempt(() => localStorage.setItem(KEPT_VISITOR_KEY, `${id}.${Date.now() + KEPT_MS}`), undefined);
      removeCookies(jar);
    },
    erase() {
      removeCookies();
      forget();
    },
    takeKept,
  };
}
