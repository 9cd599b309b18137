/**
 * A faster `date-time` format check for the schema validator, with exactly
 * the answers of ajv-formats' own (RFC 3339, full mode). Every event carries
 * two times, nearly always in the form `Date.prototype.toISOString` writes
 * (`YYYY-MM-DDTHH:MM:SS.sssZ`): that form is checked character by character,
 * anything else still goes to ajv-formats' check (split, two regular
 * expressions), which was 2–3 % of the collector's CPU time under load.
 * @packageDocumentation
 */

/** The part of an ajv instance this module uses. */
export interface FormatRegistry {
  /** Formats added so far, by name. */
  readonly formats: { readonly [name: string]: unknown };
  /** Add or replace a format. */
  addFormat(name: string, format: { type: 'string'; validate: (value: string) => boolean }): unknown;
}

/**
 * Replace the `date-time` format of `ajv` (as added by ajv-formats) by one
 * that answers the canonical form itself and defers everything else to it.
 * Does nothing when there is no `date-time` format to defer to.
 */
export function speedUpDateTime(ajv: FormatRegistry): void {
  const added = ajv.formats['date-time'];
  const full = typeof added === 'object' && added !== null ? (added as { validate?: unknown }).validate : undefined;
  if (typeof full !== 'function') return;
  const check = full as (value: string) => boolean;
  ajv.addFormat('date-time', { type: 'string', validate: (value) => isCanonicalDateTime(value) || check(value) });
}

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True for a valid `YYYY-MM-DDTHH:MM:SS.sssZ` (capital T and Z, seconds 00–59).
 * False means "not this form or not valid", not "invalid": leap seconds,
 * offsets and other precisions are left to the full check.
 */
export function isCanonicalDateTime(value: string): boolean {
  if (
    value.length !== 24 ||
    value.charCodeAt(4) !== 0x2d || // -
    value.charCodeAt(7) !== 0x2d ||
    value.charCodeAt(10) !== 0x54 || // T
    value.charCodeAt(13) !== 0x3a || // :
    value.charCodeAt(16) !== 0x3a ||
    value.charCodeAt(19) !== 0x2e || // .
    value.charCodeAt(23) !== 0x5a // Z
  ) {
    return false;
  }
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  const leapFebruary = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  // NaN (a non-digit) fails every comparison.
  return (
    year >= 0 &&
    digits(value, 20, 3) >= 0 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= (leapFebruary ? 29 : DAYS_IN_MONTH[month]!) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59
  );
}

/** The number written by the `count` ASCII digits at `start`; NaN if one of them is not a digit. */
function digits(value: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const d = value.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}
