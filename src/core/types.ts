/**
 * Public types shared by the consent core, the elements, the tracker and the
 * collector. This module has no runtime code.
 * @packageDocumentation
 */

/** How a visitor's consent decision was reached (SPEC §3). */
export type ConsentMethod = 'accept-all' | 'reject-all' | 'custom' | 'gpc';

/** A visitor's consent decision, as stored in the `cg_consent` cookie and sent to `POST /consent`. */
export interface ConsentState {
  /** Random consent id (proof of consent), from `crypto.randomUUID()`. */
  id: string;
  /** Policy revision the decision was made under. */
  revision: number;
  /** ISO 8601 time the decision was made. */
  timestamp: string;
  /** How the decision was reached. */
  method: ConsentMethod;
  /** Category name to granted flag; required categories are always `true`. */
  categories: Record<string, boolean>;
}
