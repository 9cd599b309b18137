/**
 * Date ranges of the query API, resolved in the reporting time zone: local
 * calendar days (numbered from 1970-01-01) and the instants that bound them,
 * and the ranges a query compares itself with.
 * @packageDocumentation
 */

import type { Comparison, DateRangeInput } from './types.js';
import { DAY_MS, dayStart, localDay } from './time-zone.js';

/** How long `realtime` looks back: the last 5 minutes. */
export const REALTIME_MS = 5 * 60_000;

/** A resolved range: whole local days, or (realtime) the last few minutes. */
export type ResolvedRange =
  | {
      kind: 'days';
      /** First local day (days since 1970-01-01 on the wall clock), inclusive. */
      firstDay: number;
      /** Last local day, inclusive. */
      lastDay: number;
      /** Instant the first day starts (ms since the epoch), inclusive. */
      from: number;
      /** Instant the day after the last one starts, exclusive. */
      to: number;
    }
  | { kind: 'realtime'; from: number; to: number };

/** `YYYY-MM-DD` of a local day number. */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The local day number of `YYYY-MM-DD`, or null when it is no real date. */
export function parseIsoDay(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const time = Date.parse(`${text}T00:00:00.000Z`);
  if (!Number.isFinite(time) || isoDay(time / DAY_MS) !== text) return null;
  return time / DAY_MS;
}

/** The range of local days `[firstDay, lastDay]` in `zone`. */
export function daysRange(zone: string, firstDay: number, lastDay: number): ResolvedRange {
  return { kind: 'days', firstDay, lastDay, from: dayStart(zone, firstDay), to: dayStart(zone, lastDay + 1) };
}

/** The day `months` calendar months from `day` (the last day of a shorter month when the date does not exist there). */
export function addMonths(day: number, months: number): number {
  const date = new Date(day * DAY_MS);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastOfMonth = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastOfMonth));
  return target.getTime() / DAY_MS;
}

/** The first day of the month of `day`. */
export function monthStart(day: number): number {
  const date = new Date(day * DAY_MS);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY_MS;
}

/**
 * Resolve `input` at `now` in `zone`. `firstDataDay` is the local day of the
 * earliest stored data (for `all`), null when there is none.
 */
export function resolveRange(input: DateRangeInput, zone: string, now: number, firstDataDay: number | null): ResolvedRange {
  const today = localDay(zone, now);
  switch (input) {
    case 'realtime':
      return { kind: 'realtime', from: now - REALTIME_MS, to: now + 1 };
    case 'day':
      return daysRange(zone, today, today);
    case '7d':
      return daysRange(zone, today - 6, today);
    case '30d':
      return daysRange(zone, today - 29, today);
    case 'month':
      return daysRange(zone, monthStart(today), today);
    case '12mo':
      return daysRange(zone, addMonths(monthStart(today), -11), today);
    case 'all':
      return daysRange(zone, Math.min(firstDataDay ?? today, today), today);
    default:
      return daysRange(zone, parseIsoDay(input[0])!, parseIsoDay(input[1])!);
  }
}

/** The range `range` is compared with: the same length just before, or the same days a year before. */
export function comparisonRange(range: ResolvedRange, comparison: Comparison, zone: string): ResolvedRange {
  if (range.kind === 'realtime') {
    const length = range.to - range.from;
    return comparison === 'previous_period'
      ? { kind: 'realtime', from: range.from - length, to: range.from }
      : { kind: 'realtime', from: range.from - 365 * DAY_MS, to: range.to - 365 * DAY_MS };
  }
  if (comparison === 'previous_period') {
    const days = range.lastDay - range.firstDay + 1;
    return daysRange(zone, range.firstDay - days, range.firstDay - 1);
  }
  return daysRange(zone, addMonths(range.firstDay, -12), addMonths(range.lastDay, -12));
}
