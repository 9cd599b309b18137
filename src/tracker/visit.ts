/**
 * The visitor's identity cookies, written only while analytics are allowed:
 * `cg_vid` (a random visitor id, 395 days from the first visit) tells
 * returning visitors apart, and `cg_visit` (`visitId.start.lastActivity`,
 * 30 minutes sliding) groups page views into visits. The last activity is
 * kept in the value, not only in the cookie's expiry, so a visit ends after
 * 30 idle minutes of the page's own clock.
 * @packageDocumentation
 */
import { randomId } from '../core/consent-store.js';
import { identityCookies, VISIT_IDLE_MINUTES, VISITOR_COOKIE_DAYS } from './identity-cookies.js';

export { VISIT_COOKIE, VISITOR_COOKIE } from './identity-cookies.js';
/** Idle time after which the next event starts a new visit. */
export const VISIT_IDLE_MS = VISIT_IDLE_MINUTES * 60_000;
const VISITOR_MS = VISITOR_COOKIE_DAYS * 86_400_000;

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
  /** The visitor id the collector knows (the cookie's, else the one kept after a withdrawal); reads only. */
  visitorId(): string | undefined;
  /** Deletes both cookies, keeping the visitor id for the visitor's data requests (a withdrawal). */
  clear(): void;
  /** Deletes both cookies and the kept visitor id (the collector erased the data). */
  erase(): void;
}

/**
 * Creates the identity for `domain` (see {@link identityCookies}). Where
 * cookies are blocked, the ids hold in memory for the page's life.
 */
export function createIdentity(domain?: string): Identity {
  const cookies = identityCookies(domain);
  const { visitor, visit } = cookies;
  let memory: [string?, string?] = [];
  return {
    touch(now) {
      let visitorId = visitor.readCookie() ?? memory[0];
      // Allowed again after a withdrawal: the same visitor, so their data stays theirs to see and erase.
      if (!visitorId) visitor.writeCookie((visitorId = cookies.takeKept() ?? randomId()), new Date(now + VISITOR_MS));
      const [id, start, last] = (visit.readCookie() ?? memory[1] ?? '').split('.');
      const current =
        id && now - Number(last) < VISIT_IDLE_MS ? { visitId: id, visitStart: Number(start) } : { visitId: randomId(), visitStart: now };
      memory = [visitorId, `${current.visitId}.${current.visitStart}.${now}`];
      visit.writeCookie(memory[1]!, new Date(now + VISIT_IDLE_MS));
      return { visitorId, ...current };
    },
    visitorId: () => cookies.visitorId(),
    clear() {
      memory = [];
      cookies.clear();
    },
    erase() {
      memory = [];
      cookies.erase();
    },
  };
}
