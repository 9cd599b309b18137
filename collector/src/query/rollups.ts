/**
 * Roll-ups: what the dashboard reads most, counted once per closed day, so
 * that a year is read in thousands of rows instead of millions. The raw
 * visits and events stay the truth; roll-ups are rebuilt from them at will
 * (`rollup-maintainer.ts` keeps them up to date, in the reporting time zone).
 *
 * Per rolled dimension, value and local day (`rollup_days`, and summed per
 * month in `rollup_months`): the visits' sums (visits, page views, custom
 * events, bounces, duration) for a visit dimension, the events' sums (page
 * views, custom events, engaged time) for an event dimension, and `firsts`:
 * the visitors seen with that value that day for the first time ever. Per day
 * in `rollup_returns`: the other visitors seen with the value that day, counted
 * by the day they were last seen with it before (`prev`).
 *
 * That makes distinct visitors exact over any range of days `[A, B]`: a
 * visitor is counted on the first day of the range it was seen, i.e. the day
 * whose previous sighting is before `A` (or that has none): the sum of
 * `firsts` over the range plus the returns of the range with `prev < A`.
 * @packageDocumentation
 */

import type { SqlStatement } from '../storage/storage.js';
import { SqlBuilder, type Dialect } from './dialect.js';
import { daysRange, type ResolvedRange } from './date-range.js';
import { dimensionSql, eventDimensionSql, type DimensionContext } from './dimensions.js';
import { bucketKey, localMs } from './time-buckets.js';
import { DAY_MS, dayStart } from './time-zone.js';
import { VISIT_DIMENSIONS, type Dimension } from './types.js';

/** A dimension kept in the roll-ups: its name there, and whether it is read on visits or on events. */
export interface RolledDimension {
  /** Name in the roll-up tables: a dimension of the query API, or one of {@link TOTAL}, `visit:hostname`, {@link HEATMAP}. */
  name: string;
  /** Visit rows (sums of visits) or event rows (sums of events). */
  rows: 'visit' | 'event';
}

/** The roll-up of everything (no dimension). */
export const TOTAL = '';
/** Day of week and hour of day together (`dow × 24 + hour`): the heatmap. */
export const HEATMAP = 'time:day_of_week×hour_of_day';

/** Every rolled dimension. */
export const ROLLED: readonly RolledDimension[] = [
  { name: TOTAL, rows: 'visit' },
  ...VISIT_DIMENSIONS.map((name) => ({ name, rows: 'visit' as const })),
  { name: 'visit:hostname', rows: 'visit' },
  { name: 'time:hour_of_day', rows: 'visit' },
  { name: 'time:day_of_week', rows: 'visit' },
  { name: HEATMAP, rows: 'visit' },
  ...(['event:page', 'event:hostname', 'event:name', 'event:search'] as const).map((name) => ({ name, rows: 'event' as const })),
];

/** The value of a rolled dimension, as text, in SQL over `v` (and `e` for event rows). */
function valueSql(context: DimensionContext, dimension: RolledDimension): string {
  switch (dimension.name) {
    case TOTAL:
      return "''";
    case 'visit:hostname':
      return "COALESCE(v.hostname, '(not set)')";
    case 'time:hour_of_day':
    case 'time:day_of_week':
      return `CAST(${dimensionSql(context, dimension.name as Dimension)} AS TEXT)`;
    case HEATMAP: {
      const local = localMs(context.sql, 'v.started_at', context.zone, context.range);
      return `CAST(${bucketKey(context.sql, 'time:day_of_week', local)} * 24 + ${bucketKey(context.sql, 'time:hour_of_day', local)} AS TEXT)`;
    }
    default:
      return dimension.rows === 'event'
        ? eventDimensionSql(context.sql, dimension.name as Dimension)
        : dimensionSql(context, dimension.name as Dimension);
  }
}

/** Sums of one rolled dimension value over one day (or month). */
export interface RollupSums {
  visits: number;
  pageviews: number;
  events: number;
  bounces: number;
  duration: number;
  engaged: number;
  firsts: number;
}

/** The roll-up rows of one day. */
export interface RollupDay {
  day: number;
  /** `[dim, value, sums]` rows. */
  sums: [string, string, RollupSums][];
  /** `[dim, value, prev, n]` rows: returning visitors by the day they were last seen. */
  returns: [string, string, number, number][];
}

/** The SQL (and how to read it) that counts one day's roll-up rows. */
export interface RollupDayPlan {
  statements: SqlStatement[];
  read(rows: Record<string, unknown>[][]): RollupDay;
}

const VISIT_SUMS = `COUNT(*) AS visits, SUM(v.pageviews) AS pageviews, SUM(v.events) AS events,
  SUM(CASE WHEN v.pageviews = 1 AND v.events = 0 THEN 1 ELSE 0 END) AS bounces,
  SUM(CASE WHEN v.last_ts > v.start_ts THEN v.last_ts - v.start_ts ELSE 0 END) AS duration, 0 AS engaged`;
const EVENT_SUMS = `0 AS visits, SUM(CASE WHEN e.type = 'pageview' THEN 1 ELSE 0 END) AS pageviews,
  SUM(CASE WHEN e.type = 'event' THEN 1 ELSE 0 END) AS events, 0 AS bounces, 0 AS duration,
  SUM(CASE WHEN e.type = 'engagement' THEN COALESCE(e.engaged_ms, 0) ELSE 0 END) AS engaged`;

/**
 * The statements that count day `day` (local, in `zone`) for every rolled
 * dimension: per dimension, the sums by value, and the visitors by value and
 * the local day they were last seen with it before (none: first time).
 * `firstDay` is the first local day with data: sightings are looked up from there.
 */
export function planRollupDay(day: number, zone: string, firstDay: number, dialect: Dialect): RollupDayPlan {
  const statements: SqlStatement[] = [];
  const from = dayStart(zone, day);
  const to = dayStart(zone, day + 1);
  // Offsets from the first day with data: earlier sightings' local days and values need them.
  const span: ResolvedRange = daysRange(zone, Math.min(firstDay, day), day);
  for (const dimension of ROLLED) {
    const sql = new SqlBuilder(dialect);
    const context: DimensionContext = { sql, zone, range: span, rows: dimension.rows };
    const value = valueSql(context, dimension);
    const start = sql.param(from, 'int');
    const end = sql.param(to, 'int');
    const rows = dimension.rows === 'visit' ? 'visits v' : 'visits v JOIN events e ON e.visit_key = v.id';
    const sums = dimension.rows === 'visit' ? VISIT_SUMS : EVENT_SUMS;
    statements.push({
      sql: `SELECT ${value} AS value, ${sums} FROM ${rows} WHERE v.started_at >= ${start} AND v.started_at < ${end} GROUP BY 1`,
      params: sql.params,
    });

    const pairs = new SqlBuilder(dialect);
    const pairContext: DimensionContext = { sql: pairs, zone, range: span, rows: dimension.rows };
    const pairStart = pairs.param(from, 'int');
    const pairEnd = pairs.param(to, 'int');
    const notEngagement = dimension.rows === 'event' ? " AND e.type <> 'engagement'" : '';
    const sighting = valueSql(pairContext, dimension);
    const earlier = valueSql(pairContext, dimension);
    const local = localMs(pairs, 'p.prev_ms', zone, span);
    // A visitor whose first visit is this day was never seen before: no look-up.
    statements.push({
      sql: `SELECT p.value, ${local} / ${DAY_MS} AS prev, COUNT(*) AS n FROM (
          SELECT q.value, CASE WHEN q.first_visit = 1 THEN NULL ELSE (
            SELECT MAX(v.started_at) FROM ${rows}
            WHERE v.visitor_id = q.visitor_id AND v.started_at < ${pairStart}${notEngagement} AND ${earlier} = q.value) END AS prev_ms
          FROM (SELECT v.visitor_id, ${sighting} AS value, MAX(v.is_new) AS first_visit FROM ${rows}
                WHERE v.started_at >= ${pairStart} AND v.started_at < ${pairEnd}${notEngagement} GROUP BY 1, 2) q
        ) p GROUP BY 1, 2`,
      params: pairs.params,
    });
  }
  return {
    statements,
    read(results) {
      const rolled: RollupDay = { day, sums: [], returns: [] };
      ROLLED.forEach((dimension, i) => {
        const firsts = new Map<string, number>();
        for (const row of results[i * 2 + 1]!) {
          const value = String(row.value);
          if (row.prev === null || row.prev === undefined) firsts.set(value, Number(row.n));
          else rolled.returns.push([dimension.name, value, Number(row.prev), Number(row.n)]);
        }
        for (const row of results[i * 2]!) {
          const value = String(row.value);
          rolled.sums.push([
            dimension.name,
            value,
            {
              visits: Number(row.visits),
              pageviews: Number(row.pageviews ?? 0),
              events: Number(row.events ?? 0),
              bounces: Number(row.bounces ?? 0),
              duration: Number(row.duration ?? 0),
              engaged: Number(row.engaged ?? 0),
              firsts: firsts.get(value) ?? 0,
            },
          ]);
        }
      });
      return rolled;
    },
  };
}
