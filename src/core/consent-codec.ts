/**
 * Encoding and strict decoding of the stored consent (the `cg_consent`
 * cookie). Anything that is not exactly a valid record — truncated,
 * corrupted, hostile, from another schema — decodes to `null` ("no choice"),
 * never to an exception.
 * @packageDocumentation
 */
import type { Category } from './config-types.js';
import type { ConsentMethod, ConsentState } from './types.js';

/** Version of the stored format; a record of another version is ignored. */
export const SCHEMA_VERSION = 1;

/** Every `ConsentMethod`, in the order of the `ConsentMethod` type. */
export const CONSENT_METHODS: readonly ConsentMethod[] = ['accept-all', 'reject-all', 'custom', 'gpc'];
const MAX_STORED_LENGTH = 4096;

/** Serialises a consent state for storage (the record a server re-issues: no `written`). */
export function encodeConsent(state: ConsentState): string {
  return JSON.stringify({ v: SCHEMA_VERSION, ...state });
}

/** A decoded record: the decision, and the UTC day the page's script last wrote it. */
export interface StoredConsent {
  /** The decision. */
  state: ConsentState;
  /**
   * `YYYY-MM-DD` (UTC) of the script's last write of the cookie. Absent from a
   * cookie the collector re-issued (and from those written by version 0.1.0 and earlier):
   * the script never writes over such a cookie, since Safari would cap the
   * new one at 7 days.
   */
  written: string | undefined;
}

/** Serialises a consent state as the SDK's script stores it: the record and the day of the write (`written`). */
export function encodeStored(state: ConsentState, written: string): string {
  return JSON.stringify({ v: SCHEMA_VERSION, ...state, written });
}

/**
 * A stored record, unchanged but for its `written` day. `raw` must be a
 * record {@link decodeStored} accepted; the categories are kept as stored,
 * not as this page configures them (another subdomain sharing the cookie may
 * configure more).
 */
export function restamp(raw: string, written: string): string {
  return JSON.stringify({ ...(JSON.parse(raw) as object), written });
}

/**
 * Decodes a stored value. Returns `null` unless it is a well-formed record of
 * this schema version; the categories are normalised to the configured ones
 * (required ones granted, unknown ones dropped, missing ones refused).
 */
export function decodeConsent(raw: string | null | undefined, categories: Category[]): ConsentState | null {
  return decodeStored(raw, categories)?.state ?? null;
}

/** Like {@link decodeConsent}, with the day the script last wrote the record (`written`, where present). */
export function decodeStored(raw: string | null | undefined, categories: Category[]): StoredConsent | null {
  if (typeof raw !== 'string' || raw.length > MAX_STORED_LENGTH) return null;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const { v, id, revision, timestamp, method, categories: stored, written } = data as Record<string, unknown>;
  if (
    v !== SCHEMA_VERSION ||
    typeof id !== 'string' ||
    !/^[A-Za-z0-9-]{8,64}$/.test(id) ||
    typeof revision !== 'number' ||
    !Number.isInteger(revision) ||
    typeof timestamp !== 'string' ||
    !/^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(timestamp) ||
    !Number.isFinite(Date.parse(timestamp)) ||
    !CONSENT_METHODS.includes(method as ConsentMethod) ||
    typeof stored !== 'object' ||
    stored === null ||
    Array.isArray(stored) ||
    !Object.values(stored).every((granted) => typeof granted === 'boolean')
  ) {
    return null;
  }
  const state: ConsentState = {
    id,
    revision,
    timestamp,
    method: method as ConsentMethod,
    categories: normaliseChoices(categories, stored as Record<string, boolean>),
  };
  // Only ever compared with today's day: a malformed one is not today, so the record is written anew (and so mended).
  return { state, written: written as string | undefined };
}

/** Maps choices onto the configured categories: required always `true`, others `true` only if chosen. */
export function normaliseChoices(categories: Category[], choices: Record<string, boolean>): Record<string, boolean> {
  const result: Record<string, boolean> = {};
  for (const { name, required } of categories) {
    result[name] = required || (Object.hasOwn(choices, name) && choices[name] === true);
  }
  return result;
}
