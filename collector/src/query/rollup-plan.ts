/**
 * Answering from the roll-ups (`rollups.ts`): which queries can be, and the
 * subquery that replaces the raw one for a kind of rows. It returns the same
 * columns as the raw subquery (`plan.ts`), so everything after it (joining,
 * ordering, paginating, rounding) is shared, and both give the same answer:
 * the tests compare them.
 *
 * A range of days `[A, B]` is read from the month rows of the months it covers,
 * the day rows of its other rolled days, and, for the days after the last
 * rolled one (today, usually), from the raw visits and events: the "tail". A
 * visitor is counted once: on the first day of the range it was seen (its
 * previous sighting is before `A`), in the roll-ups or in the tail, where a
 * visitor counts unless it was seen in the range before the tail.
 * @packageDocumentation
 */

import type { SqlBuilder } from './dialect.js';
import { monthStart, type ResolvedRange } from './date-range.js';
import { dimensionSql, eventDimensionSql, type DimensionContext } from './dimensions.js';
import { treeSql } from './filters.js';
import type { Aggregate, Scope } from './metrics.js';
import { aggregateColumn, IS_BOUNCE, VISIT_DURATION } from './metrics.js';
import { CONSENTS, HEATMAP, TOTAL } from './rollups.js';
import { bucketKey, localMs } from './time-buckets.js';
import { DAY_MS, dayStart } from './time-zone.js';
import { dimensionKind, leaves, type Dimension, type Filter, type TimeDimension } from './types.js';

/** What the roll-ups hold (the `rollup_state` row). */
export interface RollupState {
  /** The time zone their days are days of. */
  timezone: string;
  /** First local day with data when they were built. */
  firstDay: number;
  /** Last local day rolled up (every day from `firstDay` to it is). */
  rolledUntil: number;
  /** Days before this one were purged (retention). */
  purgedBefore: number;
}

/** Longest tail (days after the last rolled day) worth reading raw beside the roll-ups. */
const MAX_TAIL_DAYS = 3;

/** The rolled dimension each kind of rows reads for a query, or null when the roll-ups cannot answer it. */
export interface RollupSources {
  visit?: string;
  event?: string;
  consent?: string;
}

const CALENDAR = ['time:day', 'time:week', 'time:month'];

/**
 * The roll-ups a query over `range` reads, or null when they cannot answer it:
 * filters, custom properties, visit figures by an event's name or search term,
 * realtime, another time zone, or a range mostly after the last rolled day.
 */
export function rollupSources(
  dimensions: readonly Dimension[],
  filters: readonly Filter[],
  scopes: readonly Scope[],
  range: ResolvedRange,
  state: RollupState | null,
  zone: string,
): RollupSources | null {
  if (!state || state.timezone !== zone || range.kind !== 'days') return null;
  if (range.firstDay > state.rolledUntil || range.lastDay - state.rolledUntil > MAX_TAIL_DAYS) return null;
  // Consent decisions: by method, by a calendar bucket, or in all; filtered by method only.
  if (scopes.includes('consent')) {
    const fits =
      dimensions.every((d) => d === CONSENTS || CALENDAR.includes(d)) && dimensions.filter((d) => CALENDAR.includes(d)).length <= 1;
    return fits ? { consent: CONSENTS } : null;
  }
  // Filters on the one dimension of the query only: its groups are the roll-ups' values, so a filter keeps some of them.
  const filtered = leaves(filters);
  if (
    filtered.length > 0 &&
    (dimensions.length !== 1 || dimensionKind(dimensions[0]!) === 'time' || filtered.some((l) => l.dimension !== dimensions[0]))
  )
    return null;
  const wants = (sources: RollupSources): RollupSources | null =>
    scopes.every((scope) => (scope === 'visit' ? sources.visit !== undefined : sources.event !== undefined)) ? sources : null;
  if (dimensions.length === 0) return wants({ visit: TOTAL });
  if (dimensions.length === 2) {
    const heatmap = dimensions.includes('time:day_of_week') && dimensions.includes('time:hour_of_day');
    return heatmap ? wants({ visit: HEATMAP }) : null;
  }
  const [dimension] = dimensions as [Dimension];
  if (CALENDAR.includes(dimension)) return wants({ visit: TOTAL });
  if (dimensionKind(dimension) === 'visit' || dimension === 'time:hour_of_day' || dimension === 'time:day_of_week')
    return wants({ visit: dimension });
  if (dimension === 'event:page') return wants({ visit: 'visit:entry_page', event: dimension });
  if (dimension === 'event:hostname') return wants({ visit: 'visit:hostname', event: dimension });
  if (dimension === 'event:name' || dimension === 'event:search') return wants({ event: dimension });
  return null;
}

/** The rolled value's SQL as the raw rows read it (the tail), matching how it was rolled up. */
function tailValue(context: DimensionContext, rolled: string): string {
  if (rolled === TOTAL) return "''";
  if (rolled === 'visit:hostname') return "COALESCE(v.hostname, '(not set)')";
  if (rolled === HEATMAP) {
    const local = localMs(context.sql, 'v.started_at', context.zone, context.range);
    return `CAST(${bucketKey(context.sql, 'time:day_of_week', local)} * 24 + ${bucketKey(context.sql, 'time:hour_of_day', local)} AS TEXT)`;
  }
  if (rolled === 'time:hour_of_day' || rolled === 'time:day_of_week') return `CAST(${dimensionSql(context, rolled)} AS TEXT)`;
  return context.rows === 'event' ? eventDimensionSql(context.sql, rolled as Dimension) : dimensionSql(context, rolled as Dimension);
}

/**
 * The keys of the query's dimensions from a rolled value (`value`, text) and a
 * local day (`day`), or, for month rows, a month index (`month`).
 */
function keys(sql: SqlBuilder, dimensions: readonly Dimension[], rolled: string, day: string, month: string | null): string[] {
  return dimensions.map((dimension) => {
    if (rolled === HEATMAP) return dimension === 'time:day_of_week' ? 'CAST(value AS INTEGER) / 24' : 'CAST(value AS INTEGER) % 24';
    if (dimension === 'time:hour_of_day' || dimension === 'time:day_of_week') return 'CAST(value AS INTEGER)';
    if (dimension === 'time:day') return day;
    if (dimension === 'time:week') return `(${day} - (${day} + 3) % 7)`;
    if (dimension === 'time:month') return month ?? sql.dialect.monthOf(day);
    return 'value';
  });
}

/**
 * The first day of the bucket of `day` (SQL) for a calendar dimension: the day
 * itself, its Monday, or its month's first day (a `CASE` over the range's months).
 */
function bucketStart(
  sql: SqlBuilder,
  dimension: Dimension | undefined,
  day: string,
  range: Extract<ResolvedRange, { kind: 'days' }>,
): string | null {
  if (dimension === 'time:day') return day;
  if (dimension === 'time:week') return `(${day} - (${day} + 3) % 7)`;
  if (dimension !== 'time:month') return null;
  const starts: number[] = [];
  for (let start = monthStart(range.firstDay); start <= range.lastDay; start = monthStart(start + 31)) starts.push(start);
  const branches = starts.slice(1).map((start, i) => `WHEN ${day} < ${sql.param(start, 'int')} THEN ${sql.param(starts[i]!, 'int')}`);
  return branches.length === 0 ? sql.param(starts[0]!, 'int') : `CASE ${branches.join(' ')} ELSE ${sql.param(starts.at(-1)!, 'int')} END`;
}

/** Months whose rolled days `[first, min(last, until)]` lie inside `[from, to]`: their month rows answer for them. */
function coveredMonths(from: number, to: number, until: number): { month: number; first: number; last: number }[] {
  const months = [];
  for (let start = monthStart(from); start <= to; start = monthStart(start + 31)) {
    const last = Math.min(monthStart(start + 31) - 1, until);
    if (start >= from && last <= to) {
      const date = new Date(start * DAY_MS);
      months.push({ month: date.getUTCFullYear() * 12 + date.getUTCMonth(), first: start, last });
    }
  }
  return months;
}

/** The aggregate columns a rolled subquery produces, from the union's columns. */
const AGGREGATE_SUMS: Record<string, string> = {
  visits: 'SUM(visits)',
  pageviews: 'SUM(pageviews)',
  events: 'SUM(events)',
  bounces: 'SUM(bounces)',
  duration: 'SUM(duration)',
  engaged: 'SUM(engaged)',
  visitors: 'SUM(visitors)',
  decisions: 'SUM(visits)',
  opted: 'SUM(pageviews)',
};

/** The union's value columns, in order. */
const VALUE_COLUMNS = ['visits', 'pageviews', 'events', 'bounces', 'duration', 'engaged', 'visitors'] as const;

/** A union part's select list: the keys as `k0…`, then the value columns from `values` (SQL per column). */
function select(keyExprs: readonly string[], values: readonly string[]): string {
  return [...keyExprs.map((k, i) => `${k} AS k${i}`), ...values.map((v, i) => `${v} AS ${VALUE_COLUMNS[i]}`)].join(', ');
}

const ROLLED_VALUES = ['visits', 'pageviews', 'events', 'bounces', 'duration', 'engaged', 'firsts'];

/**
 * The subquery of `scope` read from the rolled dimension `rolled`: the query's
 * dimensions as `d0…` and `aggregates` as their columns, like the raw one.
 */
export function rolledSubquery(
  scope: Scope,
  rolled: string,
  aggregates: readonly Aggregate[],
  dimensions: readonly Dimension[],
  filters: readonly Filter[],
  context: { sql: SqlBuilder; zone: string; range: ResolvedRange },
  state: RollupState,
): string {
  const { sql, zone } = context;
  const range = context.range as Extract<ResolvedRange, { kind: 'days' }>;
  const dim = sql.param(rolled, 'text');
  const rolledEnd = Math.min(range.lastDay, state.rolledUntil);
  const time = dimensions.find((d) => CALENDAR.includes(d));
  const engaged = aggregates.some((a) => a.name === 'engaged');
  // Without engaged time, an event value seen only in engagement events is no group (as in the raw rows).
  const eventRows = scope === 'event' && !engaged ? ' AND pageviews + events > 0' : '';
  // The filters (all on the query's one dimension), on a value as SQL.
  // (The value comes as a function: its SQL may bind parameters, which must not be bound for nothing.)
  const kept = (value: () => string): string =>
    filters.length === 0 ? '' : ` AND ${treeSql(sql, filters.length === 1 ? filters[0]! : { op: 'and', filters: [...filters] }, value)}`;
  const parts: string[] = [];

  // Month rows for the months the range covers (not for day and week buckets), day rows for the other days.
  const months = time === 'time:day' || time === 'time:week' ? [] : coveredMonths(range.firstDay, rolledEnd, state.rolledUntil);
  for (const { month } of months) {
    const monthParam = sql.param(month, 'int');
    parts.push(
      `SELECT ${select(keys(sql, dimensions, rolled, 'NULL', monthParam), ROLLED_VALUES)} FROM rollup_months WHERE dim = ${dim} AND month = ${monthParam}${eventRows}${kept(() => 'value')}`,
    );
  }
  const dayRanges: [number, number][] = [];
  let next = range.firstDay;
  for (const { first, last } of months) {
    if (first > next) dayRanges.push([next, first - 1]);
    next = last + 1;
  }
  if (next <= rolledEnd) dayRanges.push([next, rolledEnd]);
  for (const [first, last] of dayRanges) {
    parts.push(
      `SELECT ${select(keys(sql, dimensions, rolled, 'day', null), ROLLED_VALUES)} FROM rollup_days
       WHERE dim = ${dim} AND day >= ${sql.param(first, 'int')} AND day <= ${sql.param(last, 'int')}${eventRows}${kept(() => 'value')}`,
    );
  }

  // Returning visitors of the rolled days: counted where last seen before the range (or the bucket, or what was
  // purged). A covered month answers from its month rows when that bound is its own first day or a month's.
  if (range.firstDay <= rolledEnd && scope !== 'consent') {
    const lowestDay = Math.max(range.firstDay, state.purgedBefore);
    const aligned = monthStart(lowestDay) === lowestDay;
    const byMonth = months.filter(({ first }) => (time === 'time:month' ? lowestDay <= first : aligned));
    for (const { month } of byMonth) {
      const monthParam = sql.param(month, 'int');
      const before = time === 'time:month' ? monthParam : sql.param(monthIndexOf(lowestDay), 'int');
      parts.push(
        `SELECT ${select(keys(sql, dimensions, rolled, 'NULL', monthParam), ['0', '0', '0', '0', '0', '0', 'n'])} FROM rollup_month_returns
         WHERE dim = ${dim} AND month = ${monthParam} AND prev_month < ${before}${kept(() => 'value')}`,
      );
    }
    const daysLeft: [number, number][] = [];
    let from = range.firstDay;
    for (const { first, last } of byMonth) {
      if (first > from) daysLeft.push([from, first - 1]);
      from = last + 1;
    }
    if (from <= rolledEnd) daysLeft.push([from, rolledEnd]);
    for (const [first, last] of daysLeft) {
      const lowest = sql.param(lowestDay, 'int');
      const start = bucketStart(sql, time, 'day', range);
      const lower = start ? `CASE WHEN ${start} > ${lowest} THEN ${start} ELSE ${lowest} END` : lowest;
      parts.push(
        `SELECT ${select(keys(sql, dimensions, rolled, 'day', null), ['0', '0', '0', '0', '0', '0', 'n'])} FROM rollup_returns
         WHERE dim = ${dim} AND day >= ${sql.param(first, 'int')} AND day <= ${sql.param(last, 'int')} AND prev < ${lower}${kept(() => 'value')}`,
      );
    }
  }

  // The tail: the days after the last rolled one, from the raw rows.
  const tailFirst = Math.max(range.firstDay, state.rolledUntil + 1);
  if (tailFirst <= range.lastDay) {
    parts.push(
      ...(scope === 'consent'
        ? [consentTail(dimensions, { sql, zone, range }, tailFirst, kept)]
        : tailParts(scope, rolled, dimensions, { sql, zone, range }, tailFirst, engaged, time, kept)),
    );
  }

  const columns = dimensions.map((_, i) => `k${i} AS d${i}`);
  const sums = aggregates.map((a) => `${AGGREGATE_SUMS[a.name]} AS ${aggregateColumn(a)}`);
  const groupBy = dimensions.length > 0 ? ` GROUP BY ${dimensions.map((_, i) => i + 1).join(', ')}` : '';
  return `SELECT ${[...columns, ...sums].join(', ')} FROM (${parts.join('\n UNION ALL ')}) AS rolled${groupBy}`;
}

/** The tail's rows: each visit's (or event's) sums, and each visitor not seen earlier in the range (or bucket). */
function tailParts(
  scope: 'visit' | 'event',
  rolled: string,
  dimensions: readonly Dimension[],
  context: { sql: SqlBuilder; zone: string; range: Extract<ResolvedRange, { kind: 'days' }> },
  tailFirst: number,
  engaged: boolean,
  time: Dimension | undefined,
  kept: (value: () => string) => string,
): string[] {
  const { sql, zone, range } = context;
  const rows = scope === 'visit' ? 'visits v' : sql.dialect.join('visits v', 'events e', 'e.visit_key = v.id');
  const dimensionContext: DimensionContext = { sql, zone, range, rows: scope };
  const tailFrom = dayStart(zone, tailFirst);
  const inTail = `v.started_at >= ${sql.param(tailFrom, 'int')} AND v.started_at < ${sql.param(range.to, 'int')}`;
  const notEngagement = scope === 'event' ? " AND e.type <> 'engagement'" : '';
  // Calendar buckets of the tail's rows, as columns b0…
  const bucketColumns = dimensions
    .map((d, i) => (CALENDAR.includes(d) ? `, ${dimensionSql({ ...dimensionContext, rows: 'visit' }, d as TimeDimension)} AS b${i}` : ''))
    .join('');
  const keyOf = (alias: string): string[] =>
    dimensions.map((dimension, i) => {
      if (rolled === HEATMAP)
        return dimension === 'time:day_of_week' ? `CAST(${alias}.value AS INTEGER) / 24` : `CAST(${alias}.value AS INTEGER) % 24`;
      if (dimension === 'time:hour_of_day' || dimension === 'time:day_of_week') return `CAST(${alias}.value AS INTEGER)`;
      return CALENDAR.includes(dimension) ? `${alias}.b${i}` : `${alias}.value`;
    });
  const sums =
    scope === 'visit'
      ? `1 AS visits, v.pageviews AS pageviews, v.events AS events, ${IS_BOUNCE} AS bounces,
         ${VISIT_DURATION} AS duration, 0 AS engaged`
      : `0 AS visits, CASE WHEN e.type = 'pageview' THEN 1 ELSE 0 END AS pageviews, CASE WHEN e.type = 'event' THEN 1 ELSE 0 END AS events,
         0 AS bounces, 0 AS duration, CASE WHEN e.type = 'engagement' THEN COALESCE(e.engaged_ms, 0) ELSE 0 END AS engaged`;
  const types = scope === 'event' && !engaged ? notEngagement : '';
  const sumsPart = `SELECT ${select(keyOf('t'), ['t.visits', 't.pageviews', 't.events', 't.bounces', 't.duration', 't.engaged', '0'])}
    FROM (SELECT ${tailValue(dimensionContext, rolled)} AS value${bucketColumns}, ${sums} FROM ${rows}
          WHERE ${inTail}${types}${kept(() => tailValue(dimensionContext, rolled))}) t`;

  // A visitor of the tail counts unless it was seen with the value since the range's (or the bucket's) start.
  const bucketIndex = dimensions.findIndex((d) => CALENDAR.includes(d));
  let lower: string;
  if (!time || bucketIndex < 0) {
    lower = sql.param(dayStart(zone, range.firstDay), 'int');
  } else {
    const starts = new Map<number, number>();
    for (let day = tailFirst; day <= range.lastDay; day++) {
      const key = time === 'time:day' ? day : time === 'time:week' ? day - ((day + 3) % 7) : monthIndexOf(day);
      const start = time === 'time:day' ? day : time === 'time:week' ? day - ((day + 3) % 7) : monthStart(day);
      if (!starts.has(key)) starts.set(key, dayStart(zone, Math.max(start, range.firstDay)));
    }
    lower = `CASE q.b${bucketIndex} ${[...starts].map(([key, instant]) => `WHEN ${sql.param(key, 'int')} THEN ${sql.param(instant, 'int')}`).join(' ')} END`;
  }
  // The value first: grouping by the visitor first tempts SQLite to read every visit in visitor order.
  const groupBy = [
    '2',
    '1',
    ...dimensions.flatMap((d, i) =>
      CALENDAR.includes(d) ? [String(3 + dimensions.slice(0, i).filter((x) => CALENDAR.includes(x)).length)] : [],
    ),
  ];
  const visitorsPart = `SELECT ${select(keyOf('q'), ['0', '0', '0', '0', '0', '0', '1'])}
    FROM (SELECT v.visitor_id AS visitor_id, ${tailValue(dimensionContext, rolled)} AS value${bucketColumns}, MAX(v.is_new) AS first_visit
          FROM ${rows} WHERE ${inTail}${notEngagement}${kept(() => tailValue(dimensionContext, rolled))} GROUP BY ${groupBy.join(', ')}) q
    WHERE q.first_visit = 1 OR NOT EXISTS (
      SELECT 1 FROM ${rows} WHERE v.visitor_id = q.visitor_id AND v.started_at >= ${lower}
        AND v.started_at < ${sql.param(tailFrom, 'int')}${notEngagement} AND ${tailValue(dimensionContext, rolled)} = q.value)`;
  return [sumsPart, visitorsPart];
}

/** The consent decisions of the tail, one row each. */
function consentTail(
  dimensions: readonly Dimension[],
  context: { sql: SqlBuilder; zone: string; range: Extract<ResolvedRange, { kind: 'days' }> },
  tailFirst: number,
  kept: (value: () => string) => string,
): string {
  const { sql, zone, range } = context;
  const dimensionContext: DimensionContext = { sql, zone, range, rows: 'consent' };
  const keyExprs = dimensions.map((d) => (d === CONSENTS ? 'c.method' : dimensionSql(dimensionContext, d)));
  const from = sql.param(new Date(dayStart(zone, tailFirst)).toISOString(), 'timestamp');
  const to = sql.param(new Date(range.to).toISOString(), 'timestamp');
  return `SELECT ${select(keyExprs, ['1', 'c.analytics', '0', '0', '0', '0', '0'])} FROM consents c
    WHERE c.received_at >= ${from} AND c.received_at < ${to}${kept(() => 'c.method')}`;
}

/** Month index (year × 12 + month − 1) of a local day. */
function monthIndexOf(day: number): number {
  const date = new Date(day * DAY_MS);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}
