/**
 * The query API's vocabulary (metrics, dimensions, filters) and the one typed
 * {@link Query} value a request body becomes once parsed and validated
 * (`parse.ts`). Everything after parsing reads only this value.
 * @packageDocumentation
 */

/** Every metric, in the order the documentation lists them. */
export const METRICS = [
  'visitors',
  'visits',
  'pageviews',
  'views_per_visit',
  'bounce_rate',
  'visit_duration',
  'time_on_page',
  'events',
  'percentage',
  'conversion_rate',
  'decisions',
  'opt_in_rate',
] as const;

/** A metric name. */
export type Metric = (typeof METRICS)[number];

/** Metrics computed over consent records (`POST /consent`), not over events. */
export const CONSENT_METRICS: readonly Metric[] = ['decisions', 'opt_in_rate'];

/** Metrics whose change against a comparison period is a difference in points, not a percentage. */
export const POINT_METRICS: readonly Metric[] = ['bounce_rate', 'conversion_rate', 'opt_in_rate', 'percentage'];

/** Dimensions of a visit: what it started with, and how it went. */
export const VISIT_DIMENSIONS = [
  'visit:entry_page',
  'visit:exit_page',
  'visit:source',
  'visit:referrer',
  'visit:channel',
  'visit:utm_source',
  'visit:utm_medium',
  'visit:utm_campaign',
  'visit:utm_term',
  'visit:utm_content',
  'visit:country',
  'visit:isp',
  'visit:device',
  'visit:browser',
  'visit:os',
  'visit:screen',
  'visit:language',
  'visit:visitor_type',
] as const;

/** A visit dimension. */
export type VisitDimension = (typeof VISIT_DIMENSIONS)[number];

/** Dimensions of an event (besides `event:props:<key>`). */
export const EVENT_DIMENSIONS = ['event:page', 'event:hostname', 'event:name', 'event:search'] as const;

/** The prefix of a custom property dimension. */
export const PROPS_PREFIX = 'event:props:';

/** An event dimension, a custom property one included. */
export type EventDimension = (typeof EVENT_DIMENSIONS)[number] | `event:props:${string}`;

/** Time dimensions, in the reporting time zone. */
export const TIME_DIMENSIONS = ['time:hour', 'time:day', 'time:week', 'time:month', 'time:hour_of_day', 'time:day_of_week'] as const;

/** A time dimension. */
export type TimeDimension = (typeof TIME_DIMENSIONS)[number];

/** The consent-record dimension. */
export const CONSENT_DIMENSION = 'consent:method';

/** Any dimension. */
export type Dimension = VisitDimension | EventDimension | TimeDimension | typeof CONSENT_DIMENSION;

/** Filter operators on one dimension. */
export const FILTER_OPERATORS = ['is', 'is_not', 'contains', 'contains_not'] as const;

/** A filter operator on one dimension. */
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** A filter: a condition on one dimension, or a combination of filters. */
export type Filter =
  { op: FilterOperator; dimension: Dimension; values: string[] } | { op: 'not'; filter: Filter } | { op: 'and' | 'or'; filters: Filter[] };

/** A condition on one dimension. */
export type FilterLeaf = Extract<Filter, { dimension: Dimension }>;

/** What the range of a query compares itself with. */
export type Comparison = 'previous_period' | 'year_over_year';

/** `date_range` as the request gave it (normalised: named ranges, or two dates). */
export type DateRangeInput = 'day' | '7d' | '30d' | 'month' | '12mo' | 'all' | 'realtime' | [string, string];

/** One `order_by` entry: a metric or a dimension of the query, and a direction. */
export type OrderBy = [key: Metric | Dimension, direction: 'asc' | 'desc'];

/** A parsed and validated query. */
export interface Query {
  /** Metrics asked for, in the answer's order. */
  metrics: Metric[];
  /** Dimensions to group by, in the answer's order. */
  dimensions: Dimension[];
  /** Filters that must all hold. */
  filters: Filter[];
  /** The date range as given. */
  dateRange: DateRangeInput;
  /** Ordering, defaults filled in. */
  orderBy: OrderBy[];
  /** Extras of the answer. */
  include: { comparison: Comparison | null; timeLabels: boolean; totalRows: boolean };
  /** Page of the results. */
  pagination: { limit: number; offset: number };
}

/** What a dimension is about, which decides where its value is read from. */
export type DimensionKind = 'visit' | 'event' | 'time' | 'consent';

/** The kind of `dimension`. */
export function dimensionKind(dimension: Dimension): DimensionKind {
  if (dimension.startsWith('visit:')) return 'visit';
  if (dimension.startsWith('event:')) return 'event';
  if (dimension.startsWith('time:')) return 'time';
  return 'consent';
}

/** True for a filter on one dimension. */
export const isLeaf = (filter: Filter): filter is FilterLeaf => 'dimension' in filter;

/** Every condition on one dimension in `filters`, however deep. */
export function leaves(filters: readonly Filter[]): FilterLeaf[] {
  return filters.flatMap((filter) => {
    if (isLeaf(filter)) return [filter];
    return filter.op === 'not' ? leaves([filter.filter]) : leaves(filter.filters);
  });
}
