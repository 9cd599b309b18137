/**
 * The visitor's identity cookies as the page sees them before the tracker is
 * loaded: whether a visitor id exists, and deleting both. Kept apart from
 * `visit.ts` (which writes them) so that the first paint carries only this.
 * @packageDocumentation
 */
import { createConsentStorage, type ConsentStorage } from '../core/consent-storage.js';

/** Name of the visitor-id cookie. */
export const VISITOR_COOKIE = 'cg_vid';
/** Name of the visit cookie. */
export const VISIT_COOKIE = 'cg_visit';

/** Access to `cg_vid` and `cg_visit`. */
export interface IdentityCookies {
  /** The visitor-id cookie. */
  visitor: ConsentStorage;
  /** The visit cookie. */
  visit: ConsentStorage;
  /** Deletes both cookies; a page without them costs one cookie read and no write. */
  clear(): void;
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
  return {
    visitor,
    visit,
    clear() {
      for (const cookie of [visitor, visit]) if (cookie.readCookie() !== undefined) cookie.remove();
    },
  };
}
