/**
 * Times in words for people: lifetimes ("13 months"), expiry dates relative to
 * the scan ("in 13 months", "when the browser closes") and the scan's date.
 * Computed when the outputs are written, so the files stay static.
 * @packageDocumentation
 */

/** A unit {@link roundedDuration} may pick, largest first. */
export type DurationUnit = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';

const UNITS: Array<[DurationUnit, number]> = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
];

/**
 * `seconds` (more than 0) in the largest unit that says it within 5 %: 395 days are
 * 13 months, not 1 year — a cookie of 13 months is worded as its site declares it.
 */
export function roundedDuration(seconds: number): { value: number; unit: DurationUnit } {
  for (const [unit, size] of UNITS) {
    const value = Math.round(seconds / size);
    if (value >= 1 && Math.abs(value * size - seconds) <= seconds * 0.05) return { value, unit };
  }
  return { value: Math.max(1, Math.round(seconds)), unit: 'second' };
}

/** A lifetime in words ("13 months", "session", "expired") from an expiry date, counted from `from` (ms). */
export function lifetime(expires: string | null, from: number): string {
  if (!expires) return 'session';
  const seconds = (Date.parse(expires) - from) / 1000;
  if (!(seconds > 0)) return 'expired';
  const { value, unit } = roundedDuration(seconds);
  return `${value} ${unit}${value === 1 ? '' : 's'}`;
}

/** When a cookie expires, in words relative to `from` (ms), and as the ISO date (`null` for a session cookie). */
export interface ExpiryInWords {
  /** "in 13 months", "when the browser closes", "already expired". */
  text: string;
  /** The expiry date (ISO 8601), or `null` for a session cookie. */
  iso: string | null;
}

const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'always' });

/** The expiry date `expires` (ISO 8601, or `null` for a session cookie) in words, relative to `from` (ms). */
export function expiryInWords(expires: string | null, from: number): ExpiryInWords {
  if (!expires) return { text: 'when the browser closes', iso: null };
  const at = Date.parse(expires);
  if (Number.isNaN(at)) return { text: expires, iso: expires };
  const seconds = (at - from) / 1000;
  if (!(seconds > 0)) return { text: 'already expired', iso: new Date(at).toISOString() };
  const { value, unit } = roundedDuration(seconds);
  return { text: RELATIVE.format(value, unit), iso: new Date(at).toISOString() };
}

const DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

/** An ISO date as a person reads it, in UTC (the reader's time zone is not known when the file is written). */
export function dateInWords(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : `${DATE.format(at)} UTC`;
}
