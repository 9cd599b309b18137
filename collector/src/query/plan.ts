/**
 * From a query to one SQL statement per range: the rows each metric is
 * counted over (visits, events with their visit, or consent records) become
 * one grouped subquery each; the subqueries are joined on the dimensions,
 * ordered and paginated in SQL.
 *
 * A visit is counted in the range (and the time bucket) it started in, with
 * all its events: every figure of a visit is in one place, whatever the
 * breakdown. Realtime reads what arrived in the last minutes instead: the
 * events of that window, and the visits they belong to.
 * @packageDocumentation
 */

import { SqlBuilder, type Dialect } from './dialect.js';
import type { ResolvedRange } from './date-range.js';
import { dimensionSql, eventDimensionSql, isNumericDimension, readFromVisit, type DimensionContext } from './dimensions.js';
import { filtersSql } from './filters.js';
import { aggregateColumn, aggregateSql, metricDefinition, type Aggregate, type MetricDefinition, type Scope } from './metrics.js';
import { rolledSubquery, rollupSources, type RollupState } from './rollup-plan.js';
import { dimensionKind, leaves, type Dimension, type Filter, type Metric, type OrderBy } from './types.js';

/** What one statement computes. */
export interface PlanInput {
  metrics: readonly Metric[];
  dimensions: readonly Dimension[];
  filters: readonly Filter[];
  orderBy: readonly OrderBy[];
  /** A page of the ordered rows; all rows without it. */
  page?: { limit: number; offset: number } | undefined;
  /** Add each row's count of all rows (`total_rows`). */
  totalRows?: boolean;
}

/** A planned statement and how to read its rows: dimension `i` is the column `d{i}`. */
export interface PlannedStatement {
  sql: string;
  params: unknown[];
  /** Each metric's definition, in the query's order (its inputs are the row's {@link aggregateColumn} columns). */
  definitions: MetricDefinition[];
}

/** True when the query reads events: an event dimension, or a condition on one. */
export const readsEvents = (dimensions: readonly Dimension[], filters: readonly Filter[]): boolean =>
  dimensions.some((d) => dimensionKind(d) === 'event') || leaves(filters).some((l) => dimensionKind(l.dimension) === 'event');

/** The `WHERE` of visits (`v`) started in a range of days, or seen in the realtime window. */
function visitRange(sql: SqlBuilder, range: ResolvedRange): string {
  if (range.kind === 'days') return `v.started_at >= ${sql.param(range.from, 'int')} AND v.started_at < ${sql.param(range.to, 'int')}`;
  const window = `e2.received_at >= ${sql.param(new Date(range.from).toISOString(), 'timestamp')} AND e2.received_at < ${sql.param(new Date(range.to).toISOString(), 'timestamp')}`;
  return `v.id IN (SELECT e2.visit_key FROM events e2 WHERE ${window})`;
}

/** `FROM` and range of events (`e`) with their visit (`v`): in visits started in the range, or arrived in the realtime window. */
function eventSource(sql: SqlBuilder, range: ResolvedRange): { from: string; where: string } {
  if (range.kind === 'days') {
    return { from: 'visits v JOIN events e ON e.visit_key = v.id', where: visitRange(sql, range) };
  }
  const from = sql.param(new Date(range.from).toISOString(), 'timestamp');
  const to = sql.param(new Date(range.to).toISOString(), 'timestamp');
  return { from: 'events e JOIN visits v ON v.id = e.visit_key', where: `e.received_at >= ${from} AND e.received_at < ${to}` };
}

/** One scope's grouped subquery: dimensions as `d0…`, aggregates as their columns. */
function scopeSubquery(scope: Scope, aggregates: readonly Aggregate[], input: PlanInput, context: Omit<DimensionContext, 'rows'>): string {
  const { sql } = context;
  const dims = input.dimensions;
  const groupBy = dims.length > 0 ? ` GROUP BY ${dims.map((_, i) => i + 1).join(', ')}` : '';
  const aggregateList = aggregates.map((a) => `${aggregateSql(a)} AS ${aggregateColumn(a)}`);
  const select = (dimensionExprs: string[]): string =>
    [...dimensionExprs.map((expr, i) => `${expr} AS d${i}`), ...aggregateList].join(', ');

  if (scope === 'consent') {
    const rows = { ...context, rows: 'consent' as const };
    const from = sql.param(new Date(context.range.from).toISOString(), 'timestamp');
    const to = sql.param(new Date(context.range.to).toISOString(), 'timestamp');
    const exprs = dims.map((d) => dimensionSql(rows, d));
    return `SELECT ${select(exprs)} FROM consents c WHERE c.received_at >= ${from} AND c.received_at < ${to} AND ${filtersSql(rows, input.filters)}${groupBy}`;
  }

  if (scope === 'event') {
    const rows = { ...context, rows: 'event' as const };
    const exprs = dims.map((d) => dimensionSql(rows, d));
    const source = eventSource(sql, context.range);
    const types = aggregates.some((a) => a.name === 'engaged') ? '' : " AND e.type <> 'engagement'";
    return `SELECT ${select(exprs)} FROM ${source.from} WHERE ${source.where}${types} AND ${filtersSql(rows, input.filters)}${groupBy}`;
  }

  const rows = { ...context, rows: 'visit' as const };
  const paired = dims.filter((d) => dimensionKind(d) === 'event' && !readFromVisit(d));
  if (paired.length === 0) {
    const exprs = dims.map((d) => dimensionSql(rows, d));
    return `SELECT ${select(exprs)} FROM visits v WHERE ${visitRange(sql, context.range)} AND ${filtersSql(rows, input.filters)}${groupBy}`;
  }
  // Visits by an event dimension: each visit once per value its page views and custom events
  // have, among the events that match the filters (as events are counted).
  const eventRows = { ...context, rows: 'event' as const };
  const source = eventSource(sql, context.range);
  const pairs = `SELECT DISTINCT e.visit_key AS vid, ${paired.map((d, i) => `${eventDimensionSql(sql, d)} AS p${i}`).join(', ')}
      FROM ${source.from} WHERE ${source.where} AND e.type <> 'engagement' AND ${filtersSql(eventRows, input.filters)}`;
  const exprs = dims.map((d) => (paired.includes(d) ? `p.p${paired.indexOf(d)}` : dimensionSql(rows, d)));
  return `SELECT ${select(exprs)} FROM (${pairs}) p JOIN visits v ON v.id = p.vid${groupBy}`;
}

/** Short names of the scopes' subqueries. */
const ALIAS: Record<Scope, string> = { visit: 'vs', event: 'es', consent: 'cs' };

/**
 * Plan `input` over `range` in `dialect`: one statement whose rows hold the
 * dimensions (`d0…`, keys: text, or integers for time buckets), every
 * aggregate the metrics need (never NULL), and with `totalRows` the number of
 * rows before pagination (`total_rows`). With `rollups`, what they can answer
 * is read from them (`rollup-plan.ts`), the rest from the raw rows.
 */
export function planStatement(
  input: PlanInput,
  range: ResolvedRange,
  dialect: Dialect,
  zone: string,
  rollups: RollupState | null = null,
): PlannedStatement {
  const sql = new SqlBuilder(dialect);
  const eventRows = readsEvents(input.dimensions, input.filters);
  const definitions = input.metrics.map((metric) => metricDefinition(metric, eventRows));
  const byScope = new Map<Scope, Aggregate[]>();
  for (const aggregate of definitions.flatMap((d) => d.inputs)) {
    const list = byScope.get(aggregate.scope) ?? [];
    if (!list.some((a) => a.name === aggregate.name)) list.push(aggregate);
    byScope.set(aggregate.scope, list);
  }
  const context = { sql, zone, range };
  const scopes = [...byScope.keys()];
  const rolled = rollupSources(input.dimensions, input.filters, scopes, range, rollups, zone);
  const subquery = (scope: Scope): string => {
    const source = scope === 'consent' ? undefined : rolled?.[scope];
    return source !== undefined && rollups
      ? rolledSubquery(scope as 'visit' | 'event', source, byScope.get(scope)!, input.dimensions, context, rollups)
      : scopeSubquery(scope, byScope.get(scope)!, input, context);
  };
  const ctes = scopes.map((scope) => `${ALIAS[scope]} AS (${subquery(scope)})`);

  const dims = input.dimensions.map((_, i) => `d${i}`);
  const aliases = scopes.map((scope) => ALIAS[scope]);
  const dimensionColumns = dims.map(
    (d) => (aliases.length === 1 ? `${aliases[0]}.${d}` : `COALESCE(${aliases.map((a) => `${a}.${d}`).join(', ')})`) + ` AS ${d}`,
  );
  const aggregateColumns = scopes.flatMap((scope) =>
    byScope.get(scope)!.map((a) => `COALESCE(${ALIAS[scope]}.${aggregateColumn(a)}, 0) AS ${aggregateColumn(a)}`),
  );
  const joinOn = (alias: string): string =>
    dims.length === 0
      ? ` CROSS JOIN ${alias}`
      : ` FULL JOIN ${alias} ON ${dims.map((d) => `${aliases[0]}.${d} = ${alias}.${d}`).join(' AND ')}`;
  const joined = `${aliases[0]}${aliases.slice(1).map(joinOn).join('')}`;

  const order = orderSql(input, definitions, dialect);
  const window = input.totalRows ? ', COUNT(*) OVER () AS total_rows' : '';
  const page = input.page ? ` LIMIT ${sql.param(input.page.limit, 'int')} OFFSET ${sql.param(input.page.offset, 'int')}` : '';
  const text = `WITH ${ctes.join(', ')}
    SELECT r.*${window} FROM (SELECT ${[...dimensionColumns, ...aggregateColumns].join(', ')} FROM ${joined}) r
    ORDER BY ${order}${page}`;
  return { sql: text, params: sql.params, definitions };
}

/** `ORDER BY`: the query's order, then every dimension ascending, so that ties are broken alike in both stores. */
function orderSql(input: PlanInput, definitions: readonly MetricDefinition[], dialect: Dialect): string {
  const terms: string[] = [];
  const ordered = new Set<string>();
  const dimensionTerm = (dimension: Dimension, direction: 'asc' | 'desc'): string => {
    const column = `r.d${input.dimensions.indexOf(dimension)}`;
    return `${isNumericDimension(dimension) ? column : dialect.byteOrder(column)} ${direction.toUpperCase()}`;
  };
  for (const [key, direction] of input.orderBy) {
    const metricIndex = input.metrics.indexOf(key as Metric);
    if (metricIndex >= 0) {
      const definition = definitions[metricIndex]!;
      terms.push(
        `${definition.order(
          definition.inputs.map((a) => `r.${aggregateColumn(a)}`),
          dialect,
        )} ${direction.toUpperCase()}`,
      );
    } else {
      terms.push(dimensionTerm(key as Dimension, direction));
      ordered.add(key);
    }
  }
  for (const dimension of input.dimensions) if (!ordered.has(dimension)) terms.push(dimensionTerm(dimension, 'asc'));
  return terms.join(', ') || '1';
}
