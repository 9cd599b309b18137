/**
 * Runs a parsed {@link Query} on a store: resolves its range in the reporting
 * time zone, plans its statements (the results, the comparison range, the
 * totals that percentages are shares of), reads them all from one snapshot,
 * and assembles the answer: rounded metrics, labelled dimensions, a
 * comparison for each row, the time labels and the total row count.
 * @packageDocumentation
 */

import type { SqlRow, SqlStatement, Storage } from '../storage/storage.js';
import { dialectOf } from './dialect.js';
import { comparisonRange, isoDay, resolveRange, type ResolvedRange } from './date-range.js';
import { aggregateColumn, type Totals } from './metrics.js';
import { isGoalFilter, QueryError } from './parse.js';
import { planStatement, type PlanInput, type PlannedStatement } from './plan.js';
import type { RollupState } from './rollup-plan.js';
import { bucketCount, bucketKeys, bucketLabel, isCyclic, MAX_BUCKETS } from './time-buckets.js';
import { localDay } from './time-zone.js';
import {
  CONSENT_METRICS,
  POINT_METRICS,
  dimensionKind,
  isLeaf,
  type Dimension,
  type Filter,
  type Metric,
  type Query,
  type TimeDimension,
} from './types.js';

/** A dimension's value in the answer. */
export type DimensionValue = string | number;

/** One row of the answer. */
export interface ResultRow {
  /** Values of the query's dimensions, in its order. */
  dimensions: DimensionValue[];
  /** Values of the query's metrics, in its order. */
  metrics: number[];
  /** With `include.comparison`: the same group in the comparison range, and the change. */
  comparison?: { dimensions: DimensionValue[]; metrics: number[]; change: (number | null)[] };
}

/** The answer of `POST /api/query`. */
export interface QueryAnswer {
  results: ResultRow[];
  meta: {
    /** The reporting time zone. */
    time_zone: string;
    /** The range the results cover: first and last day, or (realtime) the window's instants. */
    date_range: [string, string];
    /** The range of the comparison. */
    comparison_date_range?: [string, string];
    /** Every bucket of the range, with `include.time_labels`. */
    time_labels?: DimensionValue[];
    /** Rows before pagination, with `include.total_rows`. */
    total_rows?: number;
  };
  /** The query as understood, defaults filled in. */
  query: Record<string, unknown>;
}

/** Where and when a query runs. */
export interface RunOptions {
  /** Reporting time zone (IANA). */
  zone: string;
  /** The current time (ms since the epoch). */
  now: number;
}

/** One row of a statement, read: dimension keys and aggregate values. */
interface ReadRow {
  keys: DimensionValue[];
  aggregates: number[][];
}

/** Run `query` on `storage`. Throws a {@link QueryError} for a range too long for its time dimension. */
export async function runQuery(storage: Storage, query: Query, { zone, now }: RunOptions): Promise<QueryAnswer> {
  const dialect = dialectOf(storage.kind);
  const consent = query.metrics.some((m) => CONSENT_METRICS.includes(m));
  const { firstDataDay, rollups } = await prelude(storage, query.dateRange === 'all', consent, zone);
  const range = resolveRange(query.dateRange, zone, now, firstDataDay);
  const compared = query.include.comparison ? comparisonRange(range, query.include.comparison, zone) : null;
  for (const candidate of [range, compared]) checkBuckets(query, candidate);

  const statements: SqlStatement[] = [];
  const add = (statement: SqlStatement): number => statements.push(statement) - 1;
  const timeLabels = query.include.timeLabels;
  const base: PlanInput = { metrics: query.metrics, dimensions: query.dimensions, filters: query.filters, orderBy: query.orderBy };
  const main = planStatement(
    { ...base, page: timeLabels ? undefined : query.pagination, totalRows: query.include.totalRows && !timeLabels },
    range,
    dialect,
    zone,
    rollups,
  );
  const mainIndex = add(main);
  const totalsIndex = (on: ResolvedRange) => addTotals(query, on, dialect, zone, rollups, add);
  const mainTotals = totalsIndex(range);
  let comparison: { plan: PlannedStatement; index: number; totals: TotalsIndex } | null = null;
  if (compared) {
    const plan = planStatement(base, compared, dialect, zone, rollups);
    comparison = { plan, index: add(plan), totals: totalsIndex(compared) };
  }

  const rows = await storage.read(statements);
  const totals = readTotals(rows, mainTotals);
  const mainRows = rows[mainIndex]!;
  let results = mainRows.map((row) => readRow(row, query, main));
  let totalRows = Number(mainRows[0]?.total_rows ?? 0);
  if (timeLabels && range.kind === 'days') {
    results = withEveryBucket(results, query, main, range, zone);
    totalRows = results.length;
    results = sortRows(results, query, main).slice(query.pagination.offset, query.pagination.offset + query.pagination.limit);
  }

  const answer: ResultRow[] = results.map((row) => ({
    dimensions: labels(query.dimensions, row.keys),
    metrics: values(row, main, totals),
  }));
  if (comparison && compared) {
    const previous = rows[comparison.index]!.map((row) => readRow(row, query, comparison.plan));
    const previousTotals = readTotals(rows, comparison.totals);
    const byKey = new Map(previous.map((row) => [alignKey(query, row.keys, compared, zone), row]));
    results.forEach((row, i) => {
      const match = byKey.get(alignKey(query, row.keys, range, zone));
      const metrics = match ? values(match, comparison.plan, previousTotals) : query.metrics.map(() => 0);
      const keys = match?.keys ?? comparedKeys(query, row.keys, range, compared, zone);
      answer[i]!.comparison = {
        dimensions: labels(query.dimensions, keys),
        metrics,
        change: query.metrics.map((metric, m) => change(metric, answer[i]!.metrics[m]!, metrics[m]!)),
      };
    });
  }

  const meta: QueryAnswer['meta'] = { time_zone: zone, date_range: rangeLabel(range) };
  if (compared) meta.comparison_date_range = rangeLabel(compared);
  if (timeLabels && range.kind === 'days') {
    const dimension = query.dimensions[0] as TimeDimension;
    meta.time_labels = bucketKeys(dimension, range, zone).map((key) => bucketLabel(dimension, key));
  }
  if (query.include.totalRows) meta.total_rows = totalRows;
  return { results: answer, meta, query: echo(query) };
}

/**
 * What a query needs to know before it is planned: the roll-ups' state, and for
 * `all` the local day of the earliest stored visit (or consent record), null without any.
 */
async function prelude(
  storage: Storage,
  all: boolean,
  consent: boolean,
  zone: string,
): Promise<{ firstDataDay: number | null; rollups: RollupState | null }> {
  const dialect = dialectOf(storage.kind);
  const statements: SqlStatement[] = [{ sql: 'SELECT * FROM rollup_state', params: [] }];
  if (all) {
    const sql = consent
      ? `SELECT MIN(${dialect.epochMs('received_at')}) AS first FROM consents`
      : 'SELECT MIN(started_at) AS first FROM visits';
    statements.push({ sql, params: [] });
  }
  const [[state], first] = (await storage.read(statements)) as [SqlRow[], SqlRow[] | undefined];
  const value = first?.[0]?.first;
  return {
    firstDataDay: value === null || value === undefined ? null : localDay(zone, Number(value)),
    rollups: state
      ? {
          timezone: String(state.timezone),
          firstDay: Number(state.first_day),
          rolledUntil: Number(state.rolled_until),
          purgedBefore: Number(state.purged_before),
        }
      : null,
  };
}

/** Refuse a time dimension with more buckets over the range than an answer may hold. */
function checkBuckets(query: Query, range: ResolvedRange | null): void {
  if (!range || range.kind !== 'days') return;
  for (const dimension of query.dimensions) {
    if (dimensionKind(dimension) !== 'time') continue;
    const count = bucketCount(dimension as TimeDimension, range);
    if (count > MAX_BUCKETS) {
      throw new QueryError(
        'dimensions',
        `${dimension} over ${isoDay(range.firstDay)} to ${isoDay(range.lastDay)} has ${count} buckets, more than ${MAX_BUCKETS}: choose a coarser time dimension or a shorter range`,
      );
    }
  }
}

/** Statement indexes of the totals a query's shares need. */
interface TotalsIndex {
  visitors?: number;
  goalBase?: number;
}

/** Plan the totals of `percentage` (the visitors without dimensions) and `conversion_rate` (also without the goal filters). */
function addTotals(
  query: Query,
  range: ResolvedRange,
  dialect: ReturnType<typeof dialectOf>,
  zone: string,
  rollups: RollupState | null,
  add: (statement: SqlStatement) => number,
): TotalsIndex {
  const plan = (filters: readonly Filter[]) =>
    add(planStatement({ metrics: ['visitors'], dimensions: [], filters, orderBy: [['visitors', 'desc']] }, range, dialect, zone, rollups));
  const index: TotalsIndex = {};
  if (query.metrics.includes('percentage')) index.visitors = plan(query.filters);
  if (query.metrics.includes('conversion_rate')) index.goalBase = plan(query.filters.filter((filter) => !isGoalFilter(filter)));
  return index;
}

function readTotals(rows: SqlRow[][], index: TotalsIndex): Totals {
  const first = (i: number | undefined): number | undefined => {
    if (i === undefined) return undefined;
    const row = rows[i]![0];
    return row ? Number(Object.entries(row).find(([column]) => column.endsWith('_visitors'))![1]) : 0;
  };
  return { visitors: first(index.visitors), goalBase: first(index.goalBase) };
}

function readRow(row: SqlRow, query: Query, plan: PlannedStatement): ReadRow {
  return {
    keys: query.dimensions.map((dimension, i) => {
      const key = row[`d${i}`];
      return dimensionKind(dimension) === 'time' ? Number(key) : String(key);
    }),
    aggregates: plan.definitions.map((definition) => definition.inputs.map((input) => Number(row[aggregateColumn(input)] ?? 0))),
  };
}

const values = (row: ReadRow, plan: PlannedStatement, totals: Totals): number[] =>
  plan.definitions.map((definition, i) => definition.value(row.aggregates[i]!, totals));

function labels(dimensions: readonly Dimension[], keys: readonly DimensionValue[]): DimensionValue[] {
  return keys.map((key, i) => {
    const dimension = dimensions[i]!;
    return dimensionKind(dimension) === 'time' ? bucketLabel(dimension as TimeDimension, key as number) : key;
  });
}

/** The rows of a query whose one dimension is a time dimension, with a zero row for each bucket without data. */
function withEveryBucket(
  rows: ReadRow[],
  query: Query,
  plan: PlannedStatement,
  range: Extract<ResolvedRange, { kind: 'days' }>,
  zone: string,
): ReadRow[] {
  const byKey = new Map(rows.map((row) => [row.keys[0], row]));
  const zero = plan.definitions.map((definition) => definition.inputs.map(() => 0));
  return bucketKeys(query.dimensions[0] as TimeDimension, range, zone).map((key) => byKey.get(key) ?? { keys: [key], aggregates: zero });
}

/** Sort rows as the SQL orders them (the query's order, then the dimensions ascending). */
function sortRows(rows: ReadRow[], query: Query, plan: PlannedStatement): ReadRow[] {
  const sortValue = (row: ReadRow, key: string): DimensionValue => {
    const metric = query.metrics.indexOf(key as Metric);
    if (metric < 0) return row.keys[query.dimensions.indexOf(key as Dimension)]!;
    const inputs = row.aggregates[metric]!;
    if (plan.definitions[metric]!.inputs.length === 1) return inputs[0]!;
    return inputs[1] === 0 ? 0 : inputs[0]! / inputs[1]!;
  };
  const order: [string, 'asc' | 'desc'][] = [...query.orderBy, ...query.dimensions.map((d): [string, 'asc'] => [d, 'asc'])];
  return [...rows].sort((a, b) => {
    for (const [key, direction] of order) {
      const x = sortValue(a, key);
      const y = sortValue(b, key);
      if (x !== y) return (x < y ? -1 : 1) * (direction === 'asc' ? 1 : -1);
    }
    return 0;
  });
}

/** A row's key for lining it up with the comparison: time buckets by position in their range (cyclic ones by value). */
function alignKey(query: Query, keys: readonly DimensionValue[], range: ResolvedRange, zone: string): string {
  return JSON.stringify(
    keys.map((key, i) => {
      const dimension = query.dimensions[i]!;
      if (dimensionKind(dimension) !== 'time' || isCyclic(dimension as TimeDimension) || range.kind !== 'days') return key;
      return bucketKeys(dimension as TimeDimension, range, zone).indexOf(key as number);
    }),
  );
}

/** The comparison range's keys of a row without a match there: the bucket at the same position. */
function comparedKeys(
  query: Query,
  keys: readonly DimensionValue[],
  range: ResolvedRange,
  compared: ResolvedRange,
  zone: string,
): DimensionValue[] {
  return keys.map((key, i) => {
    const dimension = query.dimensions[i]!;
    if (dimensionKind(dimension) !== 'time' || isCyclic(dimension as TimeDimension) || range.kind !== 'days' || compared.kind !== 'days')
      return key;
    const position = bucketKeys(dimension as TimeDimension, range, zone).indexOf(key as number);
    return bucketKeys(dimension as TimeDimension, compared, zone)[position] ?? key;
  });
}

/** Change against the comparison: points for rates and shares, else percent (100 from zero to anything, 0 from zero to zero). */
export function change(metric: Metric, current: number, previous: number): number | null {
  if (POINT_METRICS.includes(metric)) return Math.round((current - previous) * 10) / 10;
  if (previous === 0) return current === 0 ? 0 : 100;
  return Math.round(((current - previous) / previous) * 100);
}

function rangeLabel(range: ResolvedRange): [string, string] {
  if (range.kind === 'days') return [isoDay(range.firstDay), isoDay(range.lastDay)];
  return [new Date(range.from).toISOString(), new Date(range.to).toISOString()];
}

/** A filter in the request's form. */
function filterJson(filter: Filter): unknown[] {
  if (isLeaf(filter)) return [filter.op, filter.dimension, filter.values];
  if (filter.op === 'not') return ['not', filterJson(filter.filter)];
  return [filter.op, filter.filters.map(filterJson)];
}

/** The query as understood, in the request's form: it can be sent again as it is. */
function echo(query: Query): Record<string, unknown> {
  return {
    metrics: query.metrics,
    date_range: query.dateRange,
    dimensions: query.dimensions,
    filters: query.filters.map(filterJson),
    order_by: query.orderBy,
    include: { comparison: query.include.comparison, time_labels: query.include.timeLabels, total_rows: query.include.totalRows },
    pagination: query.pagination,
  };
}
