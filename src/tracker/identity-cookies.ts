/**
 * The visitor's identity cookies as the page sees them before the tracker is
 * loaded: whether a visitor id exists, and deleting both. Kept apart from
 * `visit.ts` (which writes them) so that the first paint carries only this.
 *
 * A withdrawal deletes both cookies, but the collector still holds what it
 * recorded under the visitor id, and the visitor keeps the right to see and
 * erase it (SPEC §4: "Your data" once analytics were ever accepted). So the id
 * is kept in `localStorage` (never in a cookie, never sent by itself) until
 * "Delete my data" erases the data, or until analytics are allowed again,
 * when the visitor continues under the same id.
 * @packageDocumentation
 */
import { createConsentStorage, type ConsentStorage } from '../core/consent-storage.js';
import { VISIT_COOKIE, VISITOR_COOKIE } from './identity-facts.js';

export { VISIT_COOKIE, VISIT_IDLE_MINUTES, VISITOR_COOKIE, VISITOR_COOKIE_DAYS } from './identity-facts.js';
/** `localStorage` key of the visitor id kept after a withdrawal, for the visitor's data requests only. */
export const KEPT_VISITOR_KEY = 'cg_vid_kept';

/** Access to `cg_vid` and `cg_visit`, and to the visitor id kept after a withdrawal. */
export interface IdentityCookies {
  /** The visitor-id cookie. */
  visitor: ConsentStorage;
  /** The visit cookie. */
  visit: ConsentStorage;
  /** The id the collector knows this browser by: the cookie's, else the one kept after a withdrawal. */
  visitorId(): string | undefined;
  /** Deletes both cookies, keeping the visitor id for the visitor's data requests; a page without them costs one cookie read and no write. */
  clear(): void;
  /** Deletes both cookies and the kept visitor id (once the collector erased the data). */
  erase(): void;
  /** Returns the kept visitor id, if any, and stops keeping it (analytics are allowed again). */
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
  // Only the mirror half of this one is used: the kept id never becomes a cookie of its own.
  const kept = createConsentStorage({ name: KEPT_VISITOR_KEY });
  const removeCookies = () => {
    for (const cookie of [visitor, visit]) if (cookie.readCookie() !== undefined) cookie.remove();
  };
  const takeKept = () => {
    const id = kept.readMirror();
    if (id !== undefined) kept.remove();
    return id;
  };
  return {
    visitor,
    visit,
    visitorId: () => visitor.readCookie() ?? kept.readMirror(),
    clear() {
      const id = visitor.readCookie();
      if (id) kept.writeMirror(id);
      removeCookies();
    },
    erase() {
      removeCookies();
      takeKept();
    },
    takeKept,
  };
}
