/**
 * Limits shared by the browser SDK and the collector, so both accept the same
 * cookie names and lifetimes. No DOM, no runtime dependencies.
 * @packageDocumentation
 */

/** Cookie and category names: letters, digits, `_` and `-`, 1 to 64 characters. */
export const NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Longest life of the consent cookie in days (`expiresDays`); the shortest is 1. */
export const MAX_EXPIRES_DAYS = 730;

/**
 * Largest policy `revision` (SDK `revision`, `consent.revision` on the wire):
 * PostgreSQL's `integer`, so that every store holds every revision the SDK and
 * the collector accept. The smallest is 0.
 */
export const MAX_REVISION = 2_147_483_647;
