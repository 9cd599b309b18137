/**
 * One definition per metric: the aggregates it is computed from, where those
 * are counted (visits, events or consent records), how the answer's number is
 * made of them (rounding in TypeScript, once, for both stores), and how rows
 * are ordered by it in SQL (by the unrounded ratio, so both stores order
 * alike). docs/analytics.md explains each definition.
 *
 * The SQL returns integer aggregates only; every ratio is computed here.
 * @packageDocumentation
 */

import type { Dialect } from './dialect.js';
import type { Metric } from './types.js';

/** The rows an aggregate is counted over. */
export type Scope = 'visit' | 'event' | 'consent';

/**
 * 1 for a bounce of visit `v`, else 0: one page view and no custom event (an engagement report is no
 * interaction). The one definition the raw rows, the roll-ups and their tail of raw rows all count with.
 */
export const IS_BOUNCE = 'CASE WHEN v.pageviews = 1 AND v.events = 0 THEN 1 ELSE 0 END';

/** Visit `v`'s duration in ms: from its first event to its last (0 for a visit of one moment). */
export const VISIT_DURATION = 'CASE WHEN v.last_ts > v.start_ts THEN v.last_ts - v.start_ts ELSE 0 END';

/** Aggregates over visits `v` (each visit counted once). */
export const VISIT_AGGREGATES = {
  visits: 'COUNT(*)',
  visitors: 'COUNT(DISTINCT v.visitor_id)',
  pageviews: 'SUM(v.pageviews)',
  events: 'SUM(v.events)',
  bounces: `SUM(${IS_BOUNCE})`,
  duration: `SUM(${VISIT_DURATION})`,
} as const;

/** Aggregates over events `e` with their visit `v` (engagement events count only for time on page). */
export const EVENT_AGGREGATES = {
  visitors: "COUNT(DISTINCT CASE WHEN e.type <> 'engagement' THEN v.visitor_id END)",
  pageviews: "SUM(CASE WHEN e.type = 'pageview' THEN 1 ELSE 0 END)",
  events: "SUM(CASE WHEN e.type = 'event' THEN 1 ELSE 0 END)",
  engaged: "SUM(CASE WHEN e.type = 'engagement' THEN COALESCE(e.engaged_ms, 0) ELSE 0 END)",
} as const;

/** Aggregates over consent records `c`. */
export const CONSENT_AGGREGATES = {
  decisions: 'COUNT(*)',
  opted: 'SUM(c.analytics)',
} as const;

/** An aggregate of one scope. */
export type Aggregate =
  | { scope: 'visit'; name: keyof typeof VISIT_AGGREGATES }
  | { scope: 'event'; name: keyof typeof EVENT_AGGREGATES }
  | { scope: 'consent'; name: keyof typeof CONSENT_AGGREGATES };

/** The SQL of an aggregate. */
export function aggregateSql(aggregate: Aggregate): string {
  switch (aggregate.scope) {
    case 'visit':
      return VISIT_AGGREGATES[aggregate.name];
    case 'event':
      return EVENT_AGGREGATES[aggregate.name];
    case 'consent':
      return CONSENT_AGGREGATES[aggregate.name];
  }
}

/** Column name of an aggregate in the planned statement's rows, e.g. `visit_bounces`. */
export const aggregateColumn = (aggregate: Aggregate): string => `${aggregate.scope}_${aggregate.name}`;

/** Totals some metrics are a share of. */
export interface Totals {
  /** Visitors of the query without its dimensions (for `percentage`). */
  visitors?: number;
  /** Visitors without the dimensions and the goal filters (for `conversion_rate`). */
  goalBase?: number;
}

/** How one metric is computed. */
export interface MetricDefinition {
  /** The aggregates it needs, in the order `value` and `order` take them. */
  inputs: Aggregate[];
  /** The answer's number from the aggregates' values (and the totals). */
  value(inputs: readonly number[], totals: Totals): number;
  /** SQL ordering rows by the metric, from the aggregates' columns (each never NULL). */
  order(columns: readonly string[], dialect: Dialect): string;
}

/**
 * `numerator / denominator` (integers) rounded to `decimals` decimals, halves
 * up; 0 when the denominator is 0. The division of two exact integers is
 * correctly rounded, so an exact half is seen as one.
 */
export function roundedRatio(numerator: number, denominator: number, decimals: number): number {
  if (denominator === 0) return 0;
  const factor = 10 ** decimals;
  return Math.round((numerator * factor) / denominator) / factor;
}

/** SQL of `a / b` as a double, 0 when `b` is 0. */
const sqlRatio = (a: string, b: string, dialect: Dialect): string => `COALESCE(${dialect.float(a)} / NULLIF(${b}, 0), 0)`;

const count = (aggregate: Aggregate): MetricDefinition => ({
  inputs: [aggregate],
  value: ([n]) => n!,
  order: ([column]) => column!,
});

/**
 * The definition of `metric`. `eventRows` is true when the query reads events
 * (an event dimension, or a condition on one): visitors, page views and custom
 * events are then counted from the events that match, not from whole visits.
 */
export function metricDefinition(metric: Metric, eventRows: boolean): MetricDefinition {
  const visitors: Aggregate = eventRows ? { scope: 'event', name: 'visitors' } : { scope: 'visit', name: 'visitors' };
  switch (metric) {
    case 'visitors':
      return count(visitors);
    case 'visits':
      return count({ scope: 'visit', name: 'visits' });
    case 'pageviews':
      return count(eventRows ? { scope: 'event', name: 'pageviews' } : { scope: 'visit', name: 'pageviews' });
    case 'events':
      return count(eventRows ? { scope: 'event', name: 'events' } : { scope: 'visit', name: 'events' });
    case 'decisions':
      return count({ scope: 'consent', name: 'decisions' });
    case 'views_per_visit':
      return {
        inputs: [
          { scope: 'visit', name: 'pageviews' },
          { scope: 'visit', name: 'visits' },
        ],
        value: ([pageviews, visits]) => roundedRatio(pageviews!, visits!, 2),
        order: ([pageviews, visits], dialect) => sqlRatio(pageviews!, visits!, dialect),
      };
    case 'bounce_rate':
      return {
        inputs: [
          { scope: 'visit', name: 'bounces' },
          { scope: 'visit', name: 'visits' },
        ],
        value: ([bounces, visits]) => roundedRatio(bounces! * 100, visits!, 0),
        order: ([bounces, visits], dialect) => sqlRatio(bounces!, visits!, dialect),
      };
    case 'visit_duration':
      return {
        inputs: [
          { scope: 'visit', name: 'duration' },
          { scope: 'visit', name: 'visits' },
        ],
        // Durations are summed in ms: seconds, rounded, of the mean.
        value: ([ms, visits]) => roundedRatio(ms!, visits! * 1000, 0),
        order: ([ms, visits], dialect) => sqlRatio(ms!, visits!, dialect),
      };
    case 'time_on_page':
      return {
        inputs: [
          { scope: 'event', name: 'engaged' },
          { scope: 'event', name: 'pageviews' },
        ],
        value: ([ms, pageviews]) => roundedRatio(ms!, pageviews! * 1000, 0),
        order: ([ms, pageviews], dialect) => sqlRatio(ms!, pageviews!, dialect),
      };
    case 'percentage':
      return {
        inputs: [visitors],
        value: ([n], totals) => roundedRatio(n! * 100, totals.visitors ?? 0, 1),
        // A share of one total orders as the count.
        order: ([column]) => column!,
      };
    case 'conversion_rate':
      return {
        inputs: [visitors],
        value: ([n], totals) => roundedRatio(n! * 100, totals.goalBase ?? 0, 1),
        order: ([column]) => column!,
      };
    case 'opt_in_rate':
      return {
        inputs: [
          { scope: 'consent', name: 'opted' },
          { scope: 'consent', name: 'decisions' },
        ],
        value: ([opted, decisions]) => roundedRatio(opted! * 100, decisions!, 1),
        order: ([opted, decisions], dialect) => sqlRatio(opted!, decisions!, dialect),
      };
  }
}
