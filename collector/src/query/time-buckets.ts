/**
 * Time dimensions: the SQL that puts a moment in its bucket (an integer key,
 * in the reporting time zone), the key's label in the answer, and every
 * bucket of a range (for `include.time_labels` and to line a comparison up).
 * @packageDocumentation
 */

import type { SqlBuilder } from './dialect.js';
import { isoDay, type ResolvedRange } from './date-range.js';
import { DAY_MS, HOUR_MS, offsetTimeline, toLocal } from './time-zone.js';
import type { TimeDimension } from './types.js';

/** Most buckets one time dimension may have over the range. */
export const MAX_BUCKETS = 10_000;

/**
 * Wall-clock milliseconds of `instant` (an SQL expression of ms since the
 * epoch) in `zone`: the instant plus the offset in force, a `CASE` over the
 * offset changes of the range (none for most ranges, two a year with
 * daylight saving time).
 */
export function localMs(sql: SqlBuilder, instant: string, zone: string, range: ResolvedRange): string {
  const spans = offsetTimeline(zone, range.from, range.to);
  if (spans.length === 1) return `(${instant} + ${sql.param(spans[0]!.offset, 'int')})`;
  const branches = spans
    .slice(1)
    .map((span, i) => `WHEN ${instant} < ${sql.param(span.from, 'int')} THEN ${sql.param(spans[i]!.offset, 'int')}`);
  return `(${instant} + CASE ${branches.join(' ')} ELSE ${sql.param(spans.at(-1)!.offset, 'int')} END)`;
}

/** The integer key of `dimension` for a moment whose wall-clock ms is the SQL expression `local`. */
export function bucketKey(sql: SqlBuilder, dimension: TimeDimension, local: string): string {
  const day = `(${local} / ${DAY_MS})`;
  switch (dimension) {
    case 'time:hour':
      return `(${local} / ${HOUR_MS})`;
    case 'time:day':
      return day;
    case 'time:week':
      // 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays.
      return `(${day} - (${day} + 3) % 7)`;
    case 'time:month':
      return sql.dialect.monthOf(day);
    case 'time:hour_of_day':
      return `((${local} / ${HOUR_MS}) % 24)`;
    case 'time:day_of_week':
      return `((${day} + 3) % 7 + 1)`;
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The answer's value for a bucket key: a date or time text, or a number for hour of day and day of week. */
export function bucketLabel(dimension: TimeDimension, key: number): string | number {
  switch (dimension) {
    case 'time:hour':
      return `${new Date(key * HOUR_MS).toISOString().slice(0, 13).replace('T', ' ')}:00:00`;
    case 'time:day':
    case 'time:week':
      return isoDay(key);
    case 'time:month':
      return `${Math.floor(key / 12)}-${pad((key % 12) + 1)}-01`;
    default:
      return key;
  }
}

const weekOf = (day: number): number => day - ((day + 3) % 7);
const monthOf = (day: number): number => {
  const date = new Date(day * DAY_MS);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
};

/** How many buckets `dimension` has over a range of days (without listing them). */
export function bucketCount(dimension: TimeDimension, range: Extract<ResolvedRange, { kind: 'days' }>): number {
  switch (dimension) {
    case 'time:hour':
      return Math.ceil((range.to - range.from) / HOUR_MS);
    case 'time:day':
      return range.lastDay - range.firstDay + 1;
    case 'time:week':
      return (weekOf(range.lastDay) - weekOf(range.firstDay)) / 7 + 1;
    case 'time:month':
      return monthOf(range.lastDay) - monthOf(range.firstDay) + 1;
    case 'time:hour_of_day':
      return 24;
    case 'time:day_of_week':
      return 7;
  }
}

/**
 * Every bucket key of `dimension` over a range of days, in order. Hours are
 * wall-clock hours: a day that springs forward has 23, one that falls back
 * 24 (its repeated hour is one bucket).
 */
export function bucketKeys(dimension: TimeDimension, range: Extract<ResolvedRange, { kind: 'days' }>, zone: string): number[] {
  const keys: number[] = [];
  switch (dimension) {
    case 'time:hour':
      for (let instant = range.from; instant < range.to; instant += HOUR_MS) {
        const key = Math.floor(toLocal(zone, instant) / HOUR_MS);
        if (keys.at(-1) !== key) keys.push(key);
      }
      return keys;
    case 'time:day':
      for (let day = range.firstDay; day <= range.lastDay; day++) keys.push(day);
      return keys;
    case 'time:week':
      for (let week = weekOf(range.firstDay); week <= range.lastDay; week += 7) keys.push(week);
      return keys;
    case 'time:month':
      for (let month = monthOf(range.firstDay); month <= monthOf(range.lastDay); month++) keys.push(month);
      return keys;
    case 'time:hour_of_day':
      return Array.from({ length: 24 }, (_, hour) => hour);
    case 'time:day_of_week':
      return Array.from({ length: 7 }, (_, i) => i + 1);
  }
}

/** Cyclic dimensions line a comparison up by value; the others by position in the range. */
export const isCyclic = (dimension: TimeDimension): boolean => dimension === 'time:hour_of_day' || dimension === 'time:day_of_week';
