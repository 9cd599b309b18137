/**
 * From the dashboard's state to the bodies of `POST /api/query`: one function
 * per thing the page shows. Pure: no DOM, no fetch.
 * @packageDocumentation
 */

import { DERIVED_METRICS, type TabDefinition } from './panels.js';
import { intervalOf, type DashboardState, type DateRange, type Filter } from './state.js';

/** A filter as the query API takes it. */
export type QueryFilter = readonly [op: string, dimension: string, values: readonly string[]];

/** The body of `POST /api/query`. */
export interface QueryBody {
  metrics: readonly string[];
  date_range: DateRange | 'realtime';
  dimensions?: readonly string[];
  filters?: readonly QueryFilter[];
  order_by?: readonly (readonly [string, 'asc' | 'desc'])[];
  include?: { comparison?: 'previous_period' | 'year_over_year'; time_labels?: boolean; total_rows?: boolean };
  pagination?: { limit: number; offset?: number };
}

/** One row of an answer. */
export interface QueryRow {
  dimensions: (string | number | null)[];
  metrics: (number | null)[];
  comparison?: { metrics: (number | null)[]; change: (number | null)[] };
}

/** What `POST /api/query` answers. */
export interface QueryAnswer {
  results: QueryRow[];
  meta?: {
    /** The range's first and last day, as the collector resolved it in its time zone. */
    date_range?: readonly [string, string];
    comparison_date_range?: readonly [string, string];
    time_zone?: string;
    time_labels?: readonly (string | number)[];
    total_rows?: number;
  };
  query?: Record<string, unknown>;
}

/** The top figures, in the order shown. */
export const FIGURE_METRICS = ['visitors', 'visits', 'pageviews', 'views_per_visit', 'bounce_rate', 'visit_duration'] as const;

/** Rows a panel asks for: enough to scroll, search and export. */
export const PANEL_LIMIT = 100;
/** Rows an export asks for. */
export const EXPORT_LIMIT = 10_000;

const asQueryFilter = (filter: Filter): QueryFilter => [filter.op, filter.dimension, [filter.value]];

/** The filters of every query on events: the chips and the site. */
export function eventFilters(state: DashboardState): QueryFilter[] {
  const filters = state.filters.map(asQueryFilter);
  if (state.site) filters.unshift(['is', 'event:hostname', [state.site]]);
  return filters;
}

/** The `include.comparison` of the state, if any. */
function comparisonOf(state: DashboardState): QueryBody['include'] {
  return state.comparison === 'off' ? {} : { comparison: state.comparison };
}

/** True when a filter names a goal (a custom event or a page), so that a conversion rate can be asked. */
export const hasGoal = (state: DashboardState): boolean =>
  state.filters.some(
    (filter) =>
      (filter.op === 'is' || filter.op === 'contains') && (filter.dimension === 'event:name' || filter.dimension === 'event:page'),
  );

/** The six traffic figures with their comparison, and the conversion rate when a goal is filtered. */
export function figuresQuery(state: DashboardState): QueryBody {
  const metrics = hasGoal(state) ? [...FIGURE_METRICS, 'conversion_rate'] : FIGURE_METRICS;
  return { metrics, date_range: state.range, filters: eventFilters(state), include: comparisonOf(state) };
}

/**
 * The opt-in rate and the number of decisions. Consent records are not linked
 * to visits, so the event filters do not apply to them.
 */
export function consentFiguresQuery(state: DashboardState): QueryBody {
  return { metrics: ['decisions', 'opt_in_rate'], date_range: state.range, include: comparisonOf(state) };
}

/** Visitors in the last five minutes. */
export function realtimeQuery(state: DashboardState): QueryBody {
  return { metrics: ['visitors'], date_range: 'realtime', filters: eventFilters(state) };
}

/** The chart: the chosen metric per bucket, every bucket listed, with the comparison's line. */
export function chartQuery(state: DashboardState): QueryBody {
  return {
    metrics: [state.metric],
    date_range: state.range,
    dimensions: [`time:${intervalOf(state)}`],
    filters: eventFilters(state),
    include: { ...comparisonOf(state), time_labels: true },
    pagination: { limit: 10_000 },
  };
}

/** The hostnames seen in the range (the site switcher appears for more than one). */
export function hostnamesQuery(state: DashboardState): QueryBody {
  return { metrics: ['visitors'], date_range: state.range, dimensions: ['event:hostname'], pagination: { limit: 50 } };
}

/** The metrics a tab asks for: its columns, less the ones the page works out itself. */
export function askedMetrics(tab: TabDefinition): string[] {
  const asked = tab.metrics.filter((metric) => !(metric in DERIVED_METRICS));
  // visits per visitor needs visits beside visitors.
  if (tab.metrics.includes('visits_per_visitor') && !asked.includes('visits')) asked.push('visits');
  return asked;
}

/** Options of a panel's query. */
export interface PanelQueryOptions {
  /** The search box's text: a `contains` filter on the tab's own dimension. */
  search?: string;
  limit?: number;
}

/** The dimension a tab breaks down by (`properties` needs the chosen key). */
export function tabDimension(tab: TabDefinition, state: DashboardState): string | null {
  if (tab.kind === 'properties') return state.property ? `event:props:${state.property}` : null;
  return tab.dimension || null;
}

/**
 * The query of one tab, or null when it has nothing to ask (the consent log,
 * a property tab without a key).
 */
export function panelQuery(
  tab: TabDefinition,
  state: DashboardState,
  { search = '', limit = PANEL_LIMIT }: PanelQueryOptions = {},
): QueryBody | null {
  const dimension = tabDimension(tab, state);
  if (tab.kind === 'consent-log' || dimension === null) return null;
  if (tab.kind === 'heatmap') {
    return {
      metrics: ['pageviews'],
      date_range: state.range,
      dimensions: ['time:day_of_week', 'time:hour_of_day'],
      filters: eventFilters(state),
      pagination: { limit: 7 * 24 },
    };
  }
  if (tab.kind === 'by-day') {
    return { metrics: ['decisions'], date_range: state.range, dimensions: ['time:day', 'consent:method'], pagination: { limit: 10_000 } };
  }
  const filters = tab.consent ? [] : eventFilters(state);
  if (tab.hide) filters.push(['is_not', dimension, tab.hide]);
  const term = search.trim();
  // Countries are searched by their names, which only the page knows: it asks for all of them (fewer than 300) and filters.
  const byName = tab.labels === 'country';
  if (term && tab.search && !byName) filters.push(['contains', dimension, [term]]);
  return {
    metrics: askedMetrics(tab),
    date_range: state.range,
    dimensions: [dimension],
    ...(filters.length > 0 ? { filters } : {}),
    pagination: { limit: byName ? Math.max(limit, 300) : limit },
  };
}
