/**
 * Writing roll-ups (`query/rollups.ts`), shared by both stores: the SQL that
 * replaces one day's rows and keeps the month rows equal to the sum of their
 * days (the old day is subtracted, the new one added: one day's rows, never a
 * whole month, so a write holds the database briefly), and the state row.
 * @packageDocumentation
 */

import type { RollupDay } from '../query/rollups.js';

/** The summed columns of `rollup_days` and `rollup_months`, in order. */
export const ROLLUP_SUMS = ['visits', 'pageviews', 'events', 'bounces', 'duration', 'engaged', 'firsts'] as const;

/** What the roll-ups hold, as stored in `rollup_state`. */
export interface StoredRollupState {
  timezone: string;
  firstDay: number;
  rolledUntil: number;
  /** Events received from this time (ms) on have not been looked at for changes to rolled days. */
  checkedAt: number;
  purgedBefore: number;
}

/** One write of the roll-up maintainer, applied in one transaction. */
export interface RollupChange {
  /** Drop every roll-up first (new time zone, or rebuilt from scratch). */
  reset?: boolean;
  /** Drop the roll-ups of the days before this one (purged by retention). */
  dropBefore?: number;
  /** Days whose rows are replaced. */
  days: readonly RollupDay[];
  /** The state after this write. */
  state: StoredRollupState;
  /** `rollup_dirty` entries taken care of (their `started_at`), deleted. */
  clean?: readonly number[];
}

/** Month index (year × 12 + month − 1) of a local day. */
export function monthOfDay(day: number): number {
  const date = new Date(day * 86_400_000);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/**
 * Add (`+`) or subtract (`-`) the rows of one day (`day`, a placeholder) to
 * its month's rows (`month`, a placeholder).
 */
export function monthUpsert(sign: '+' | '-', day: string, month: string): string {
  const values = ROLLUP_SUMS.map((column) => (sign === '-' ? `-${column}` : column)).join(', ');
  return `INSERT INTO rollup_months (dim, value, month, ${ROLLUP_SUMS.join(', ')})
    SELECT dim, value, ${month}, ${values} FROM rollup_days WHERE day = ${day}
    ON CONFLICT (dim, month, value) DO UPDATE SET ${ROLLUP_SUMS.map((c) => `${c} = rollup_months.${c} + excluded.${c}`).join(', ')}`;
}

/** Month rows left empty once a day was subtracted. */
export const EMPTY_MONTH_ROWS = (month: string): string =>
  `DELETE FROM rollup_months WHERE month = ${month} AND ${ROLLUP_SUMS.map((c) => `${c} = 0`).join(' AND ')}`;

/** Insert or replace the single state row (`$1…$5` style placeholders given in order). */
export const STATE_UPSERT = (p: readonly string[]): string =>
  `INSERT INTO rollup_state (id, timezone, first_day, rolled_until, checked_at, purged_before) VALUES (1, ${p.join(', ')})
   ON CONFLICT (id) DO UPDATE SET timezone = excluded.timezone, first_day = excluded.first_day, rolled_until = excluded.rolled_until,
     checked_at = excluded.checked_at, purged_before = excluded.purged_before`;

/** Parameters of {@link STATE_UPSERT}. */
export const stateParams = (s: StoredRollupState): unknown[] => [s.timezone, s.firstDay, s.rolledUntil, s.checkedAt, s.purgedBefore];
