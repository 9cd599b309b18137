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

/**
 * Add (`+`) or subtract (`-`) the returning visitors of one day (`day`) that
 * were last seen before its month (`month`, starting on local day
 * `monthStart`) to the month's returning visitors, by the month last seen.
 */
export function monthReturnsUpsert(sign: '+' | '-', day: string, month: string, monthStart: string): string {
  return `INSERT INTO rollup_month_returns (dim, value, month, prev_month, n)
    SELECT dim, value, ${month}, prev_month, ${sign === '-' ? '-' : ''}SUM(n) FROM rollup_returns
    WHERE day = ${day} AND prev < ${monthStart} GROUP BY dim, value, prev_month
    ON CONFLICT (dim, month, value, prev_month) DO UPDATE SET n = rollup_month_returns.n + excluded.n`;
}

/** Rebuild one month's returning visitors (`month`, days `[from, to)`) from its days. */
export const MONTH_RETURNS_REBUILD = (month: string, from: string, to: string): string =>
  `INSERT INTO rollup_month_returns (dim, value, month, prev_month, n)
   SELECT dim, value, ${month}, prev_month, SUM(n) FROM rollup_returns WHERE day >= ${from} AND day < ${to} AND prev < ${from}
   GROUP BY dim, value, prev_month`;

/** First local day of a month index. */
export const monthFirstDay = (month: number): number => Date.UTC(Math.floor(month / 12), month % 12, 1) / 86_400_000;

/** Month rows left empty once a day was subtracted. */
export const EMPTY_MONTH_ROWS = (month: string): string =>
  `DELETE FROM rollup_months WHERE month = ${month} AND ${ROLLUP_SUMS.map((c) => `${c} = 0`).join(' AND ')}`;

/** Month returns left at zero once a day was subtracted. */
export const EMPTY_MONTH_RETURNS = (month: string): string => `DELETE FROM rollup_month_returns WHERE month = ${month} AND n = 0`;

/** Insert or replace the single state row (`$1…$5` style placeholders given in order). */
export const STATE_UPSERT = (p: readonly string[]): string =>
  `INSERT INTO rollup_state (id, timezone, first_day, rolled_until, checked_at, purged_before) VALUES (1, ${p.join(', ')})
   ON CONFLICT (id) DO UPDATE SET timezone = excluded.timezone, first_day = excluded.first_day, rolled_until = excluded.rolled_until,
     checked_at = excluded.checked_at, purged_before = excluded.purged_before`;

/** Parameters of {@link STATE_UPSERT}. */
export const stateParams = (s: StoredRollupState): unknown[] => [s.timezone, s.firstDay, s.rolledUntil, s.checkedAt, s.purgedBefore];
