/**
 * The reporting time zone (`--timezone`), computed in TypeScript so that both
 * stores bucket time alike: SQLite knows no time zones, and PostgreSQL's own
 * zone data might differ from Node's. A zone is an offset that changes at a
 * few instants a year (daylight saving time); within a range those changes
 * become a short `CASE` over plain integers (ms since the epoch), the same SQL
 * in both stores.
 *
 * Local time is handled as "wall-clock milliseconds": the instant plus the
 * zone's offset at that instant, so that integer division by a day or an hour
 * gives the local calendar day or wall-clock hour.
 * @packageDocumentation
 */

/** Milliseconds in an hour and in a day. */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The default reporting time zone. */
export const DEFAULT_TIME_ZONE = 'UTC';

/** True when `zone` is an IANA time-zone name this runtime knows (e.g. `Europe/Berlin`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** From `from` (ms since the epoch, inclusive) on, local time is the instant plus `offset` ms. */
export interface OffsetSpan {
  /** Start of the span (ms since the epoch); the first span of a timeline starts at minus infinity. */
  from: number;
  /** Offset of local time from UTC, in ms. */
  offset: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter giving the wall-clock fields of an instant in `zone`. */
function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, format);
  }
  return format;
}

/** Offset of `zone` from UTC at `instant` (ms), in ms. */
export function offsetAt(zone: string, instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  // Whole seconds: the formatter has no milliseconds.
  return wall - Math.floor(instant / 1000) * 1000;
}

/** Wall-clock ms of `instant` in `zone`. */
export function toLocal(zone: string, instant: number): number {
  return instant + offsetAt(zone, instant);
}

/**
 * The instant at which the wall clock of `zone` shows `wall` (wall-clock ms).
 * A time skipped by a change to summer time maps to the instant the clock
 * jumped past it; a time shown twice (back to winter time) to its first showing.
 */
export function fromLocal(zone: string, wall: number): number {
  // Two tries settle every real zone: guess with the offset at the wall time read as UTC, then correct.
  let instant = wall - offsetAt(zone, wall);
  const corrected = wall - offsetAt(zone, instant);
  if (corrected !== instant) {
    // Near a change: of the candidates, take the earliest that shows `wall` or later.
    const candidates = [instant, corrected].sort((a, b) => a - b);
    instant = candidates.find((candidate) => toLocal(zone, candidate) >= wall) ?? candidates[1]!;
  }
  return instant;
}

/** The local calendar day (days since 1970-01-01 on the wall clock) of `instant` in `zone`. */
export function localDay(zone: string, instant: number): number {
  return Math.floor(toLocal(zone, instant) / DAY_MS);
}

/** The instant the local day `day` starts in `zone`. */
export function dayStart(zone: string, day: number): number {
  return fromLocal(zone, day * DAY_MS);
}

/**
 * The offsets of `zone` over `[from, to)` (ms): one span per offset in force,
 * found by sampling every 6 hours and then bisecting each change to the
 * millisecond. Changes of real zones are hours or months apart.
 */
export function offsetTimeline(zone: string, from: number, to: number): OffsetSpan[] {
  const step = 6 * HOUR_MS;
  const spans: OffsetSpan[] = [{ from: -Infinity, offset: offsetAt(zone, from) }];
  let previous = from;
  let previousOffset = spans[0]!.offset;
  for (let probe = from + step; previous < to; probe += step) {
    const at = Math.min(probe, to);
    const offset = offsetAt(zone, at);
    if (offset !== previousOffset) {
      // Bisect (previous, at] down to the first second with the new offset.
      let low = previous;
      let high = at;
      while (high - low > 1000) {
        const middle = Math.floor((low + high) / 2000) * 1000;
        if (middle <= low) break;
        if (offsetAt(zone, middle) === previousOffset) low = middle;
        else high = middle;
      }
      spans.push({ from: high, offset });
      previousOffset = offset;
    }
    previous = at;
  }
  return spans;
}
