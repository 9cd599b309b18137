/**
 * Parse and validate a `POST /api/query` body into one {@link Query}. Anything
 * that cannot be answered is refused here with a {@link QueryError} naming the
 * field, before any SQL exists; later stages trust the value.
 * @packageDocumentation
 */

import { HttpError } from '../http-error.js';
import { WELL_FORMED_TEXT } from '../schemas.js';
import { parseIsoDay } from './date-range.js';
import {
  CONSENT_DIMENSION,
  CONSENT_METRICS,
  EVENT_DIMENSIONS,
  FILTER_OPERATORS,
  METRICS,
  PROPS_PREFIX,
  TIME_DIMENSIONS,
  VISIT_DIMENSIONS,
  dimensionKind,
  isLeaf,
  leaves,
  type Comparison,
  type DateRangeInput,
  type Dimension,
  type Filter,
  type FilterOperator,
  type Metric,
  type OrderBy,
  type Query,
} from './types.js';

/** A query that cannot be answered: 400, the message names the field. */
export class QueryError extends HttpError {
  /** @param field - where in the body, e.g. `filters[0][1]` @param problem - what is wrong with it */
  constructor(field: string, problem: string) {
    super(400, `${field}: ${problem}`);
  }
}

/** Longest range of explicit dates: ten years. */
export const MAX_RANGE_DAYS = 3660;
/** Most rows one page may hold, and the default. */
export const MAX_LIMIT = 10_000;
export const DEFAULT_LIMIT = 100;
/** Bounds that keep any body cheap to validate and to run. */
const MAX_METRICS = METRICS.length;
const MAX_DIMENSIONS = 4;
const MAX_FILTER_LEAVES = 50;
const MAX_FILTER_DEPTH = 8;
const MAX_VALUES = 100;
const MAX_VALUE_LENGTH = 2048;
const MAX_PROP_KEY_LENGTH = 64;
const MAX_OFFSET = 1_000_000_000;

const NAMED_RANGES = ['day', '7d', '30d', 'month', '12mo', 'all', 'realtime'] as const;
const COMPARISONS: readonly Comparison[] = ['previous_period', 'year_over_year'];
const TOP_LEVEL_FIELDS = ['metrics', 'date_range', 'dimensions', 'filters', 'order_by', 'include', 'pagination'];

/** Text both stores compare alike: no U+0000, no lone surrogate (the wire format's own rule). */
const WELL_FORMED = new RegExp(WELL_FORMED_TEXT, 'u');

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const show = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

/** Parse `body` into a {@link Query}; throws a {@link QueryError} naming the first field that is wrong. */
export function parseQuery(body: unknown): Query {
  if (!isObject(body)) throw new QueryError('body', 'must be a JSON object');
  for (const key of Object.keys(body)) {
    if (!TOP_LEVEL_FIELDS.includes(key)) throw new QueryError(key, `unknown field (known: ${TOP_LEVEL_FIELDS.join(', ')})`);
  }
  const metrics = parseMetrics(body.metrics);
  const dateRange = parseDateRange(body.date_range);
  const dimensions = parseDimensions(body.dimensions);
  const filters = parseFilters(body.filters);
  const include = parseInclude(body.include);
  const pagination = parsePagination(body.pagination);
  const query: Query = { metrics, dimensions, filters, dateRange, orderBy: [], include, pagination };
  checkCombination(query);
  query.orderBy = parseOrderBy(body.order_by, query);
  return query;
}

function list(value: unknown, field: string, max: number, required: boolean): unknown[] {
  if (value === undefined && !required) return [];
  if (!Array.isArray(value)) throw new QueryError(field, `must be a list${required ? '' : ' when given'}`);
  if (required && value.length === 0) throw new QueryError(field, 'must not be empty');
  if (value.length > max) throw new QueryError(field, `takes at most ${max} entries`);
  return value;
}

function parseMetrics(value: unknown): Metric[] {
  const metrics = list(value, 'metrics', MAX_METRICS, true);
  return metrics.map((metric, i) => {
    if (typeof metric !== 'string' || !(METRICS as readonly string[]).includes(metric)) {
      throw new QueryError(`metrics[${i}]`, `unknown metric ${show(metric)} (known: ${METRICS.join(', ')})`);
    }
    if (metrics.indexOf(metric) !== i) throw new QueryError(`metrics[${i}]`, `"${metric}" is listed twice`);
    return metric as Metric;
  });
}

function parseDateRange(value: unknown): DateRangeInput {
  if (value === undefined)
    throw new QueryError('date_range', `is required: one of ${NAMED_RANGES.join(', ')}, or ["YYYY-MM-DD", "YYYY-MM-DD"]`);
  if (typeof value === 'string') {
    if ((NAMED_RANGES as readonly string[]).includes(value)) return value as DateRangeInput;
    throw new QueryError('date_range', `unknown range ${show(value)} (known: ${NAMED_RANGES.join(', ')}, or two dates)`);
  }
  if (!Array.isArray(value) || value.length !== 2) {
    throw new QueryError('date_range', `must be one of ${NAMED_RANGES.join(', ')}, or ["YYYY-MM-DD", "YYYY-MM-DD"]`);
  }
  const days = value.map((day, i) => {
    const parsed = typeof day === 'string' ? parseIsoDay(day) : null;
    if (parsed === null) throw new QueryError(`date_range[${i}]`, `must be a date YYYY-MM-DD, got ${show(day)}`);
    if (parsed < 0) throw new QueryError(`date_range[${i}]`, 'must not be before 1970-01-01');
    return parsed;
  });
  if (days[0]! > days[1]!) throw new QueryError('date_range', 'the first date must not be after the second');
  if (days[1]! - days[0]! >= MAX_RANGE_DAYS) throw new QueryError('date_range', `spans at most ${MAX_RANGE_DAYS} days`);
  return [value[0] as string, value[1] as string];
}

function parseDimension(value: unknown, field: string): Dimension {
  if (typeof value !== 'string') throw new QueryError(field, `must be a dimension name, got ${show(value)}`);
  if (value.startsWith(PROPS_PREFIX)) {
    const key = value.slice(PROPS_PREFIX.length);
    if (key.length === 0 || key.length > MAX_PROP_KEY_LENGTH || !WELL_FORMED.test(key) || key.includes('"') || key.includes('\\')) {
      throw new QueryError(
        field,
        `a property name of 1 to ${MAX_PROP_KEY_LENGTH} characters, without " or \\, must follow "${PROPS_PREFIX}"`,
      );
    }
    return value as Dimension;
  }
  const known: readonly string[] = [...VISIT_DIMENSIONS, ...EVENT_DIMENSIONS, ...TIME_DIMENSIONS, CONSENT_DIMENSION];
  if (!known.includes(value)) throw new QueryError(field, `unknown dimension ${show(value)}`);
  return value as Dimension;
}

function parseDimensions(value: unknown): Dimension[] {
  const dimensions = list(value, 'dimensions', MAX_DIMENSIONS, false).map((d, i) => parseDimension(d, `dimensions[${i}]`));
  dimensions.forEach((dimension, i) => {
    if (dimensions.indexOf(dimension) !== i) throw new QueryError(`dimensions[${i}]`, `"${dimension}" is listed twice`);
  });
  if (dimensions.filter((d) => dimensionKind(d) === 'time').length > 1 && !isHeatmap(dimensions)) {
    throw new QueryError('dimensions', 'take one time dimension (or time:hour_of_day with time:day_of_week)');
  }
  return dimensions;
}

/** Hour of day by day of week: the one pair of time dimensions that goes together. */
const isHeatmap = (dimensions: readonly Dimension[]): boolean =>
  dimensions.filter((d) => dimensionKind(d) === 'time').every((d) => d === 'time:hour_of_day' || d === 'time:day_of_week');

function parseFilters(value: unknown): Filter[] {
  const budget = { leaves: 0 };
  return list(value, 'filters', MAX_FILTER_LEAVES, false).map((filter, i) => parseFilter(filter, `filters[${i}]`, 0, budget));
}

function parseFilter(value: unknown, field: string, depth: number, budget: { leaves: number }): Filter {
  if (depth > MAX_FILTER_DEPTH) throw new QueryError(field, `filters nest at most ${MAX_FILTER_DEPTH} deep`);
  if (!Array.isArray(value) || value.length === 0 || typeof value[0] !== 'string') {
    throw new QueryError(field, 'must be [operator, dimension, [values]], ["not", filter], ["and", [filters]] or ["or", [filters]]');
  }
  const [op] = value as [string];
  if (op === 'not') {
    if (value.length !== 2) throw new QueryError(field, 'must be ["not", filter]');
    return { op, filter: parseFilter(value[1], `${field}[1]`, depth + 1, budget) };
  }
  if (op === 'and' || op === 'or') {
    if (value.length !== 2 || !Array.isArray(value[1]) || value[1].length === 0)
      throw new QueryError(field, `must be ["${op}", [filters]] with at least one filter`);
    return { op, filters: (value[1] as unknown[]).map((f, i) => parseFilter(f, `${field}[1][${i}]`, depth + 1, budget)) };
  }
  if (!(FILTER_OPERATORS as readonly string[]).includes(op)) {
    throw new QueryError(`${field}[0]`, `unknown operator ${show(op)} (known: ${[...FILTER_OPERATORS, 'not', 'and', 'or'].join(', ')})`);
  }
  if (value.length !== 3) throw new QueryError(field, `must be ["${op}", dimension, [values]]`);
  if (++budget.leaves > MAX_FILTER_LEAVES) throw new QueryError(field, `at most ${MAX_FILTER_LEAVES} conditions in all`);
  const dimension = parseDimension(value[1], `${field}[1]`);
  if (dimensionKind(dimension) === 'time')
    throw new QueryError(`${field}[1]`, 'time dimensions cannot be filtered: set date_range instead');
  const values = value[2];
  if (!Array.isArray(values) || values.length === 0 || values.length > MAX_VALUES) {
    throw new QueryError(`${field}[2]`, `must be a list of 1 to ${MAX_VALUES} values`);
  }
  values.forEach((v, i) => {
    if (typeof v !== 'string' || v.length > MAX_VALUE_LENGTH || !WELL_FORMED.test(v)) {
      throw new QueryError(`${field}[2][${i}]`, `must be text of at most ${MAX_VALUE_LENGTH} characters, got ${show(v)}`);
    }
  });
  return { op: op as FilterOperator, dimension, values: values as string[] };
}

function parseInclude(value: unknown): Query['include'] {
  const include = { comparison: null as Comparison | null, timeLabels: false, totalRows: false };
  if (value === undefined) return include;
  if (!isObject(value)) throw new QueryError('include', 'must be an object');
  for (const [key, v] of Object.entries(value)) {
    if (key === 'comparison') {
      if (v !== null && !COMPARISONS.includes(v as Comparison)) {
        throw new QueryError('include.comparison', `must be ${COMPARISONS.join(' or ')}, got ${show(v)}`);
      }
      include.comparison = v as Comparison | null;
    } else if (key === 'time_labels' || key === 'total_rows') {
      if (typeof v !== 'boolean') throw new QueryError(`include.${key}`, 'must be true or false');
      include[key === 'time_labels' ? 'timeLabels' : 'totalRows'] = v;
    } else {
      throw new QueryError(`include.${key}`, 'unknown option (known: comparison, time_labels, total_rows)');
    }
  }
  return include;
}

function parsePagination(value: unknown): Query['pagination'] {
  const pagination = { limit: DEFAULT_LIMIT, offset: 0 };
  if (value === undefined) return pagination;
  if (!isObject(value)) throw new QueryError('pagination', 'must be an object { limit, offset }');
  for (const [key, v] of Object.entries(value)) {
    if (key === 'limit') {
      if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > MAX_LIMIT)
        throw new QueryError('pagination.limit', `must be an integer from 1 to ${MAX_LIMIT}`);
      pagination.limit = v as number;
    } else if (key === 'offset') {
      if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > MAX_OFFSET)
        throw new QueryError('pagination.offset', `must be an integer from 0 to ${MAX_OFFSET}`);
      pagination.offset = v as number;
    } else {
      throw new QueryError(`pagination.${key}`, 'unknown option (known: limit, offset)');
    }
  }
  return pagination;
}

/** A top-level filter that names a goal: what `conversion_rate` counts the visitors of. */
export const isGoalFilter = (filter: Filter): boolean =>
  isLeaf(filter) &&
  (filter.op === 'is' || filter.op === 'contains') &&
  (filter.dimension === 'event:name' || filter.dimension === 'event:page');

/** Combinations of metrics, dimensions, filters and options that have no answer. */
function checkCombination(query: Query): void {
  const { metrics, dimensions, filters, include, dateRange } = query;
  const consentMetrics = metrics.filter((m) => CONSENT_METRICS.includes(m));
  const allLeaves = leaves(filters);
  if (consentMetrics.length > 0) {
    const other = metrics.find((m) => !CONSENT_METRICS.includes(m));
    if (other)
      throw new QueryError('metrics', `"${other}" counts events and "${consentMetrics[0]}" consent records: ask for them in two queries`);
    const dimension = dimensions.find((d) => d !== CONSENT_DIMENSION && dimensionKind(d) !== 'time');
    if (dimension)
      throw new QueryError(
        'dimensions',
        `"${dimension}" does not apply to consent records (${consentMetrics.join(', ')}): use ${CONSENT_DIMENSION} or a time dimension`,
      );
    const leaf = allLeaves.find((l) => l.dimension !== CONSENT_DIMENSION);
    if (leaf)
      throw new QueryError('filters', `"${leaf.dimension}" does not apply to consent records: only ${CONSENT_DIMENSION} filters them`);
  } else {
    if (dimensions.includes(CONSENT_DIMENSION))
      throw new QueryError('dimensions', `${CONSENT_DIMENSION} goes only with the metrics ${CONSENT_METRICS.join(', ')}`);
    if (allLeaves.some((l) => l.dimension === CONSENT_DIMENSION)) {
      throw new QueryError('filters', `${CONSENT_DIMENSION} filters go only with the metrics ${CONSENT_METRICS.join(', ')}`);
    }
  }
  if (metrics.includes('time_on_page') && !dimensions.includes('event:page') && !allLeaves.some((l) => l.dimension === 'event:page')) {
    throw new QueryError('metrics', 'time_on_page needs event:page as a dimension or in a filter');
  }
  if (metrics.includes('percentage') && dimensions.length === 0) throw new QueryError('metrics', 'percentage needs a dimension');
  if (metrics.includes('conversion_rate') && !filters.some(isGoalFilter)) {
    throw new QueryError('metrics', 'conversion_rate needs a goal: a top-level "is" or "contains" filter on event:name or event:page');
  }
  const time = dimensions.filter((d) => dimensionKind(d) === 'time');
  if (dateRange === 'realtime' && time.length > 0)
    throw new QueryError('dimensions', `${time[0]} needs a range of days: realtime covers the last 5 minutes`);
  if (include.timeLabels && (time.length !== 1 || dimensions.length !== 1)) {
    throw new QueryError('include.time_labels', 'needs one time dimension, and no other dimension');
  }
}

function parseOrderBy(value: unknown, query: Query): OrderBy[] {
  const keys: readonly string[] = [...query.metrics, ...query.dimensions];
  const orderBy = list(value, 'order_by', keys.length, false).map((entry, i): OrderBy => {
    const field = `order_by[${i}]`;
    if (!Array.isArray(entry) || entry.length !== 2) throw new QueryError(field, 'must be [metric or dimension, "asc" or "desc"]');
    const [key, direction] = entry as [unknown, unknown];
    if (typeof key !== 'string' || !keys.includes(key))
      throw new QueryError(`${field}[0]`, `must be one of the query's metrics or dimensions, got ${show(key)}`);
    if (direction !== 'asc' && direction !== 'desc') throw new QueryError(`${field}[1]`, `must be "asc" or "desc", got ${show(direction)}`);
    return [key as OrderBy[0], direction];
  });
  orderBy.forEach(([key], i) => {
    if (orderBy.findIndex(([other]) => other === key) !== i) throw new QueryError(`order_by[${i}]`, `"${key}" is listed twice`);
  });
  if (orderBy.length > 0) return orderBy;
  const time = query.dimensions.find((d) => dimensionKind(d) === 'time');
  return time ? [[time, 'asc']] : [[query.metrics[0]!, 'desc']];
}
