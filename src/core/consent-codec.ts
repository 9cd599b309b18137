/**
 * Encoding and strict decoding of the stored consent (`cg_consent` cookie and
 * its `localStorage` mirror). Anything that is not exactly a valid record —
 * truncated, corrupted, hostile, from another schema — decodes to `null`
 * ("no choice"), never to an exception.
 * @packageDocumentation
 */
import type { Category } from './config-types.js';
import type { ConsentMethod, ConsentState } from './types.js';

/** Version of the stored format; a record of another version is ignored. */
export const SCHEMA_VERSION = 1;

/** Every `ConsentMethod`, in the order of the `ConsentMethod` type. */
export const CONSENT_METHODS: readonly ConsentMethod[] = ['accept-all', 'reject-all', 'custom', 'gpc'];
const MAX_STORED_LENGTH = 4096;

/** Serialises a consent state for storage. */
export function encodeConsent(state: ConsentState): string {
  return JSON.stringify({ v: SCHEMA_VERSION, ...state });
}

/**
 * Decodes a stored value. Returns `null` unless it is a well-formed record of
 * this schema version; the categories are normalised to the configured ones
 * (required ones granted, unknown ones dropped, missing ones refused).
 */
export function decodeConsent(raw: string | null | undefined, categories: Category[]): ConsentState | null {
  if (typeof raw !== 'string' || raw.length > MAX_STORED_LENGTH) return null;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const { v, id, revision, timestamp, method, categories: stored } = data as Record<string, unknown>;
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
  return {
    id,
    revision,
    timestamp,
    method: method as ConsentMethod,
    categories: normaliseChoices(categories, stored as Record<string, boolean>),
  };
}

/** Maps choices onto the configured categories: required always `true`, others `true` only if chosen. */
export function normaliseChoices(categories: Category[], choices: Record<string, boolean>): Record<string, boolean> {
  const result: Record<string, boolean> = {};
  for (const { name, required } of categories) {
    result[name] = required || (Object.prototype.hasOwnProperty.call(choices, name) && choices[name] === true);
  }
  return result;
}
