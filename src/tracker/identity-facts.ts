/**
 * The identity cookies' names and lifetimes (docs/reference.md#cookies-and-storage), with no code attached:
 * the tracker writes them, the first paint deletes them, the dialog declares them.
 * @packageDocumentation
 */

/** Name of the visitor-id cookie. */
export const VISITOR_COOKIE = 'cg_vid';
/** Name of the visit cookie. */
export const VISIT_COOKIE = 'cg_visit';
/** Life of `cg_vid` in days, from the first visit. */
export const VISITOR_COOKIE_DAYS = 395;
/** Idle minutes after which a visit ends; `cg_visit` lives this long after the last event. */
export const VISIT_IDLE_MINUTES = 30;
/** `localStorage` key of the visitor id kept after a withdrawal, for the visitor's data requests only (see identity-cookies.ts). */
export const KEPT_VISITOR_KEY = 'cg_vid_kept';
