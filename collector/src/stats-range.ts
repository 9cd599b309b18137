/**
 * The day range of `GET /stats`: `from`/`to` as `YYYY-MM-DD` (UTC, inclusive),
 * by default the last 30 days up to today.
 * @packageDocumentation
 */

import { HttpError } from './http-error.js';
import type { StatsRange } from './storage/storage.js';

/** Days in the default range. */
export const DEFAULT_RANGE_DAYS = 30;

/** Longest range one request may ask for. */
export const MAX_RANGE_DAYS = 1000;

const DAY_MS = 86_400_000;

/** Resolve the query string into a range; throws an {@link HttpError} 400 on a bad one. */
export function resolveStatsRange(query: { from?: string; to?: string }, now: Date): StatsRange {
  const to = query.to ?? isoDay(now.getTime());
  const toTime = parseDay(to, 'to');
  const from = query.from ?? isoDay(toTime - (DEFAULT_RANGE_DAYS - 1) * DAY_MS);
  const fromTime = parseDay(from, 'from');
  if (fromTime > toTime) throw new HttpError(400, '"from" must not be after "to"');
  if ((toTime - fromTime) / DAY_MS >= MAX_RANGE_DAYS) {
    throw new HttpError(400, `a range spans at most ${MAX_RANGE_DAYS} days`);
  }
  return { from, to };
}

function parseDay(day: string, name: string): number {
  const time = Date.parse(`${day}T00:00:00.000Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !Number.isFinite(time) || isoDay(time) !== day) {
    throw new HttpError(400, `"${name}" must be a date YYYY-MM-DD`);
  }
  return time;
}

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}
