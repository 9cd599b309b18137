/**
 * The visitor's identity cookies, written only while analytics are allowed:
 * `cg_vid` (a random visitor id, 395 days from the first visit) tells
 * returning visitors apart, and `cg_visit` (`visitId.start.lastActivity`,
 * 30 minutes sliding) groups page views into visits. The last activity is
 * kept in the value, not only in the cookie's expiry, so a visit ends after
 * 30 idle minutes of the page's own clock.
 * @packageDocumentation
 */
import { createConsentStorage } from '../core/consent-storage.js';
import { randomId } from '../core/consent-store.js';

/** Name of the visitor-id cookie. */
export const VISITOR_COOKIE = 'cg_vid';
/** Name of the visit cookie. */
export const VISIT_COOKIE = 'cg_visit';
/** Idle time after which the next event starts a new visit. */
export const VISIT_IDLE_MS = 30 * 60_000;
const VISITOR_MS = 395 * 86_400_000;

/** Who is visiting: the ids every event carries. */
export interface Visit {
  /** `cg_vid`. */
  visitorId: string;
  /** The current visit's id. */
  visitId: string;
  /** When the visit started (ms since the epoch). */
  visitStart: number;
}

/** The identity cookies. */
export interface Identity {
  /** The visit at `now` (a new one after 30 idle minutes); writes the cookies, creating them on first use. */
  touch(now: number): Visit;
  /** The stored visitor id, if any; reads only. */
  visitorId(): string | undefined;
  /** Deletes both cookies. */
  clear(): void;
}

/**
 * Creates the identity cookies for `domain` (the consent cookie's domain;
 * `undefined` for the current host). They share the consent cookie's
 * storage helper, so writing and removing use the same attributes and no
 * access ever throws. Where cookies are blocked, the ids hold in memory for
 * the page's life.
 */
export function createIdentity(domain?: string): Identity {
  // Only the cookie half of the helper is used: these ids are never mirrored to localStorage.
  const visitor = createConsentStorage({ name: VISITOR_COOKIE, domain });
  const visit = createConsentStorage({ name: VISIT_COOKIE, domain });
  let memory: [string?, string?] = [];
  return {
    touch(now) {
      let visitorId = visitor.readCookie() ?? memory[0];
      if (!visitorId) visitor.writeCookie((visitorId = randomId()), new Date(now + VISITOR_MS));
      const [id, start, last] = (visit.readCookie() ?? memory[1] ?? '').split('.');
      const current = id && now - Number(last) < VISIT_IDLE_MS ? { visitId: id, visitStart: Number(start) } : { visitId: randomId(), visitStart: now };
      memory = [visitorId, `${current.visitId}.${current.visitStart}.${now}`];
      visit.writeCookie(memory[1]!, new Date(now + VISIT_IDLE_MS));
      return { visitorId, ...current };
    },
    visitorId: () => visitor.readCookie(),
    clear() {
      memory = [];
      // Delete only what exists: a page without these cookies (the usual case
      // before consent) then costs one cookie read and no write at all.
      for (const cookie of [visitor, visit]) if (cookie.readCookie() !== undefined) cookie.remove();
    },
  };
}
