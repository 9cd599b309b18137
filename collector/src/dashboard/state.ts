/**
 * The dashboard's state and its URL: date range, comparison, filters, site,
 * the chart's metric and interval, and the open tab of each panel. The URL is
 * the state's only home, so a bookmark or a shared link shows the same view;
 * the admin token never goes in it. Pure: no DOM.
 * @packageDocumentation
 */

/** Date ranges by name, as the query API takes them. */
export const RANGE_PRESETS = ['day', '7d', '30d', 'month', '12mo', 'all'] as const;
/** A named date range. */
export type RangePreset = (typeof RANGE_PRESETS)[number];
/** A named range, or two days `YYYY-MM-DD` (inclusive). */
export type DateRange = RangePreset | readonly [from: string, to: string];

/** What the figures and the chart compare with. */
export const COMPARISONS = ['previous_period', 'year_over_year', 'off'] as const;
/** A comparison mode; `off` sends none. */
export type Comparison = (typeof COMPARISONS)[number];

/** The chart's buckets. */
export const INTERVALS = ['hour', 'day', 'week', 'month'] as const;
/** A chart bucket size. */
export type Interval = (typeof INTERVALS)[number];

/** The figures the chart can plot (the top figures). */
export const CHART_METRICS = ['visitors', 'visits', 'pageviews', 'views_per_visit', 'bounce_rate', 'visit_duration'] as const;
/** A metric the chart can plot. */
export type ChartMetric = (typeof CHART_METRICS)[number];

/** Filter operators the dashboard writes. */
export const FILTER_OPS = ['is', 'is_not', 'contains', 'contains_not'] as const;
/** A filter operator. */
export type FilterOp = (typeof FILTER_OPS)[number];

/** One filter: `dimension` `op` `value` (one value: what a click on a row gives). */
export interface Filter {
  op: FilterOp;
  dimension: string;
  value: string;
}

/** Everything that decides what the dashboard shows. */
export interface DashboardState {
  range: DateRange;
  comparison: Comparison;
  /** The filters shown as chips (the site is apart). */
  filters: readonly Filter[];
  /** One hostname, or null for every site. */
  site: string | null;
  metric: ChartMetric;
  /** The chart's bucket, or null for the range's natural one ({@link defaultInterval}). */
  interval: Interval | null;
  /** Panel id → open tab id, for tabs other than a panel's first. */
  tabs: Readonly<Record<string, string>>;
  /** The custom-event property key whose values are listed. */
  property: string | null;
}

/** The view a first visit shows. */
export const DEFAULT_STATE: DashboardState = Object.freeze({
  range: '30d',
  comparison: 'previous_period',
  filters: [],
  site: null,
  metric: 'visitors',
  interval: null,
  tabs: {},
  property: null,
});

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** `event:…` or `visit:…` (with `event:props:<key>`); the separator `|` is never part of a dimension. */
const FILTER_DIMENSION = /^(event|visit):[a-z_]+(:[^|]{1,64})?$/;
const NAME = /^[a-z][a-z0-9_-]{0,31}$/;

const isOneOf = <T extends string>(list: readonly T[], value: string | null): value is T => list.includes(value as T);

/** True for a real calendar day `YYYY-MM-DD`. */
export function isDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** A range from its URL form (`30d`, `2025-01-01..2025-01-31`); null when malformed. */
export function parseRange(text: string | null): DateRange | null {
  if (text === null) return null;
  if (isOneOf(RANGE_PRESETS, text)) return text;
  const [from, to, extra] = text.split('..');
  if (extra !== undefined || !from || !to || !isDay(from) || !isDay(to) || from > to) return null;
  return [from, to];
}

/** A range in its URL form. */
export function formatRange(range: DateRange): string {
  return typeof range === 'string' ? range : `${range[0]}..${range[1]}`;
}

/** A filter from its URL form `op|dimension|value`; null when malformed. */
export function parseFilter(text: string): Filter | null {
  const first = text.indexOf('|');
  const second = text.indexOf('|', first + 1);
  if (first < 0 || second < 0) return null;
  const op = text.slice(0, first);
  const dimension = text.slice(first + 1, second);
  const value = text.slice(second + 1);
  if (!isOneOf(FILTER_OPS, op) || !FILTER_DIMENSION.test(dimension) || value.length > 1000) return null;
  return { op, dimension, value };
}

/**
 * The state a query string describes. Anything malformed falls back to the
 * default of that part alone: a hand-edited link still opens.
 */
export function parseState(search: string): DashboardState {
  const params = new URLSearchParams(search);
  const tabs: Record<string, string> = {};
  for (const entry of params.getAll('tab')) {
    const [panel, tab, extra] = entry.split('.');
    if (extra === undefined && panel && tab && NAME.test(panel) && NAME.test(tab)) tabs[panel] = tab;
  }
  const comparison = params.get('compare');
  const metric = params.get('metric');
  const interval = params.get('interval');
  const site = params.get('site');
  const property = params.get('prop');
  const filters: Filter[] = [];
  for (const text of params.getAll('f')) {
    const filter = parseFilter(text);
    // One filter per dimension and operator: a later one replaces an earlier one.
    if (filter) filters.splice(0, filters.length, ...withFilter(filters, filter));
  }
  return {
    range: parseRange(params.get('range')) ?? DEFAULT_STATE.range,
    comparison: isOneOf(COMPARISONS, comparison) ? comparison : DEFAULT_STATE.comparison,
    filters,
    site: site && site.length <= 253 ? site : null,
    metric: isOneOf(CHART_METRICS, metric) ? metric : DEFAULT_STATE.metric,
    interval: isOneOf(INTERVALS, interval) ? interval : null,
    tabs,
    property: property && property.length <= 64 && !property.includes('|') ? property : null,
  };
}

/** The query string (without `?`) for `state`; defaults are left out. */
export function stateToSearch(state: DashboardState): string {
  const params = new URLSearchParams();
  if (formatRange(state.range) !== DEFAULT_STATE.range) params.set('range', formatRange(state.range));
  if (state.comparison !== DEFAULT_STATE.comparison) params.set('compare', state.comparison);
  if (state.site) params.set('site', state.site);
  for (const filter of state.filters) params.append('f', `${filter.op}|${filter.dimension}|${filter.value}`);
  if (state.metric !== DEFAULT_STATE.metric) params.set('metric', state.metric);
  if (state.interval) params.set('interval', state.interval);
  for (const [panel, tab] of Object.entries(state.tabs).sort(([a], [b]) => (a < b ? -1 : 1))) params.append('tab', `${panel}.${tab}`);
  if (state.property) params.set('prop', state.property);
  return params.toString();
}

/** `filters` with `filter` added; one on the same dimension and operator is replaced. */
export function withFilter(filters: readonly Filter[], filter: Filter): Filter[] {
  return [...filters.filter((f) => f.dimension !== filter.dimension || f.op !== filter.op), filter];
}

/** `filters` without `filter`. */
export function withoutFilter(filters: readonly Filter[], filter: Filter): Filter[] {
  return filters.filter((f) => f.dimension !== filter.dimension || f.op !== filter.op || f.value !== filter.value);
}

/** Whole days from `from` to `to`, both included. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The chart's natural bucket for a range: hours for a day, days up to three months, then weeks, then months. */
export function defaultInterval(range: DateRange): Interval {
  if (typeof range === 'string')
    return ({ day: 'hour', '7d': 'day', '30d': 'day', month: 'day', '12mo': 'month', all: 'month' } as const)[range];
  const days = daysBetween(range[0], range[1]);
  return days <= 2 ? 'hour' : days <= 92 ? 'day' : days <= 366 ? 'week' : 'month';
}

/** The bucket the chart uses for `state`. */
export const intervalOf = (state: DashboardState): Interval => state.interval ?? defaultInterval(state.range);
