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
import { IS_BOUNCE, VISIT_DURATION } from './metrics.js';
import { bucketKey, localMs } from './time-buckets.js';
import { dayStart, localDays } from './time-zone.js';
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
/** Consent decisions by method: `visits` holds the decisions, `pageviews` those that granted analytics. */
export const CONSENTS = 'consent:method';
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
  /** `[dim, value, prev, n]` rows: returning visitors by the local day they were last seen. */
  returns: [string, string, number, number][];
}

/** The SQL (and how to read it) that counts one day's roll-up rows. */
export interface RollupDayPlan {
  statements: SqlStatement[];
  read(rows: Record<string, unknown>[][]): RollupDay;
}

const VISIT_ROLLED = ROLLED.filter((d) => d.rows === 'visit');
const EVENT_ROLLED = ROLLED.filter((d) => d.rows === 'event');

/** Sums of nothing. */
const zero = (): RollupSums => ({ visits: 0, pageviews: 0, events: 0, bounces: 0, duration: 0, engaged: 0, firsts: 0 });

/**
 * The statements that count day `day` (local, in `zone`) for every rolled
 * dimension, and how their rows become the day's roll-up rows. The day's
 * visits and events are read once, with every dimension's value computed by
 * the same SQL the queries use; so are the earlier sightings of the day's
 * returning visitors (per dimension and value, the latest). The counting is
 * then done here: per value, the sums, the visitors seen for the first time,
 * and the others by the day they were last seen. `firstDay` is the first
 * local day with data (earlier sightings' local days need its offsets).
 */
export function planRollupDay(day: number, zone: string, firstDay: number, dialect: Dialect): RollupDayPlan {
  const from = dayStart(zone, day);
  const to = dayStart(zone, day + 1);
  const span: ResolvedRange = daysRange(zone, Math.min(firstDay, day), day);
  const statements: SqlStatement[] = [];

  // 0: the day's visits, with each visit dimension's value.
  {
    const sql = new SqlBuilder(dialect);
    const context: DimensionContext = { sql, zone, range: span, rows: 'visit' };
    const values = VISIT_ROLLED.map((d, i) => `${valueSql(context, d)} AS c${i}`).join(', ');
    statements.push({
      sql: `SELECT v.visitor_id AS visitor, v.pageviews AS pageviews, v.events AS events,
              ${IS_BOUNCE} AS bounce,
              ${VISIT_DURATION} AS duration, ${values}
            FROM visits v WHERE v.started_at >= ${sql.param(from, 'int')} AND v.started_at < ${sql.param(to, 'int')}`,
      params: sql.params,
    });
  }
  // 1: earlier visits of the day's returning visitors (a new visitor was never seen before), with their values.
  {
    const sql = new SqlBuilder(dialect);
    const context: DimensionContext = { sql, zone, range: span, rows: 'visit' };
    const values = VISIT_ROLLED.map((d, i) => `${valueSql(context, d)} AS c${i}`).join(', ');
    const start = sql.param(from, 'int');
    statements.push({
      sql: `SELECT v.visitor_id AS visitor, v.started_at AS at, ${values} FROM visits v
            WHERE v.started_at < ${start} AND v.visitor_id IN (
              SELECT r.visitor_id FROM visits r WHERE r.started_at >= ${start} AND r.started_at < ${sql.param(to, 'int')} AND r.is_new = 0)`,
      params: sql.params,
    });
  }
  // 2: the day's events (of the visits that started that day), with each event dimension's value.
  {
    const sql = new SqlBuilder(dialect);
    const context: DimensionContext = { sql, zone, range: span, rows: 'event' };
    const values = EVENT_ROLLED.map((d, i) => `${valueSql(context, d)} AS c${i}`).join(', ');
    statements.push({
      sql: `SELECT v.visitor_id AS visitor, e.type AS type, COALESCE(e.engaged_ms, 0) AS engaged, ${values}
            FROM ${dialect.join('visits v', 'events e', 'e.visit_key = v.id')}
            WHERE v.started_at >= ${sql.param(from, 'int')} AND v.started_at < ${sql.param(to, 'int')}`,
      params: sql.params,
    });
  }
  // 3…: per event dimension, the latest earlier sighting of each value by the day's returning visitors.
  for (const dimension of EVENT_ROLLED) {
    const sql = new SqlBuilder(dialect);
    const context: DimensionContext = { sql, zone, range: span, rows: 'event' };
    const start = sql.param(from, 'int');
    statements.push({
      sql: `SELECT v.visitor_id AS visitor, ${valueSql(context, dimension)} AS value, MAX(v.started_at) AS at
            FROM ${dialect.join('visits v', 'events e', 'e.visit_key = v.id')}
            WHERE v.started_at < ${start} AND e.type <> 'engagement' AND v.visitor_id IN (
              SELECT r.visitor_id FROM visits r WHERE r.started_at >= ${start} AND r.started_at < ${sql.param(to, 'int')} AND r.is_new = 0)
            GROUP BY 1, 2`,
      params: sql.params,
    });
  }
  // Last: the consent decisions received that day, by method.
  {
    const sql = new SqlBuilder(dialect);
    statements.push({
      sql: `SELECT c.method AS value, COUNT(*) AS decisions, SUM(c.analytics) AS opted FROM consents c
            WHERE c.received_at >= ${sql.param(new Date(from).toISOString(), 'timestamp')} AND c.received_at < ${sql.param(new Date(to).toISOString(), 'timestamp')}
            GROUP BY 1`,
      params: sql.params,
    });
  }

  return {
    statements,
    read(results) {
      const rolled: RollupDay = { day, sums: [], returns: [] };
      const dayOf = localDays(zone, span.from, span.to);
      // Latest earlier sighting (ms) per dimension, value and visitor.
      const lastSeen = ROLLED.map(() => new Map<string, Map<string, number>>());
      const sighted = (dim: number, value: string, visitor: string, at: number) => {
        let byVisitor = lastSeen[dim]!.get(value);
        if (!byVisitor) lastSeen[dim]!.set(value, (byVisitor = new Map()));
        const previous = byVisitor.get(visitor);
        if (previous === undefined || at > previous) byVisitor.set(visitor, at);
      };
      for (const row of results[1]!) {
        const visitor = String(row.visitor);
        const at = Number(row.at);
        for (let i = 0; i < VISIT_ROLLED.length; i++) sighted(i, String(row[`c${i}`]), visitor, at);
      }
      EVENT_ROLLED.forEach((_, j) => {
        for (const row of results[3 + j]!) sighted(VISIT_ROLLED.length + j, String(row.value), String(row.visitor), Number(row.at));
      });

      /** Count one dimension over the day's rows: sums per value, each visitor once per value. */
      const count = (
        dimension: RolledDimension,
        index: number,
        rows: Record<string, unknown>[],
        add: (sums: RollupSums, row: Record<string, unknown>) => void,
        sighting: (row: Record<string, unknown>) => boolean,
      ) => {
        const sums = new Map<string, { entry: RollupSums; visitors: Set<string> }>();
        const returning = new Map<string, Map<number, number>>();
        const column = index < VISIT_ROLLED.length ? `c${index}` : `c${index - VISIT_ROLLED.length}`;
        const seen = lastSeen[index]!;
        for (const row of rows) {
          const value = String(row[column]);
          let group = sums.get(value);
          if (!group) sums.set(value, (group = { entry: zero(), visitors: new Set() }));
          add(group.entry, row);
          if (!sighting(row)) continue;
          const visitor = String(row.visitor);
          if (group.visitors.has(visitor)) continue;
          group.visitors.add(visitor);
          const previous = seen.get(value)?.get(visitor);
          if (previous === undefined) {
            group.entry.firsts += 1;
          } else {
            const prev = dayOf(previous);
            let byPrev = returning.get(value);
            if (!byPrev) returning.set(value, (byPrev = new Map()));
            byPrev.set(prev, (byPrev.get(prev) ?? 0) + 1);
          }
        }
        for (const [value, { entry }] of sums) rolled.sums.push([dimension.name, value, entry]);
        for (const [value, byPrev] of returning) for (const [prev, n] of byPrev) rolled.returns.push([dimension.name, value, prev, n]);
      };
      VISIT_ROLLED.forEach((dimension, i) =>
        count(
          dimension,
          i,
          results[0]!,
          (sums, row) => {
            sums.visits += 1;
            sums.pageviews += Number(row.pageviews);
            sums.events += Number(row.events);
            sums.bounces += Number(row.bounce);
            sums.duration += Number(row.duration);
          },
          () => true,
        ),
      );
      EVENT_ROLLED.forEach((dimension, j) =>
        count(
          dimension,
          VISIT_ROLLED.length + j,
          results[2]!,
          (sums, row) => {
            if (row.type === 'pageview') sums.pageviews += 1;
            else if (row.type === 'event') sums.events += 1;
            else sums.engaged += Number(row.engaged);
          },
          (row) => row.type !== 'engagement',
        ),
      );
      for (const row of results.at(-1)!) {
        rolled.sums.push([CONSENTS, String(row.value), { ...zero(), visits: Number(row.decisions), pageviews: Number(row.opted) }]);
      }
      return rolled;
    },
  };
}
