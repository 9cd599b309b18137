/**
 * One SQL expression per dimension, where the query reads it: a visit's
 * columns (`v`), an event's (`e`), a consent record's (`c`). A missing value
 * reads as `(not set)` (a source or referrer as `Direct / None`, a custom
 * property as `(none)`), so that it can be grouped, filtered and clicked like
 * any other.
 * @packageDocumentation
 */

import type { SqlBuilder } from './dialect.js';
import type { ResolvedRange } from './date-range.js';
import { bucketKey, localMs } from './time-buckets.js';
import { PROPS_PREFIX, type Dimension, type TimeDimension, type VisitDimension } from './types.js';

/** The value of a missing attribute. */
export const NOT_SET = '(not set)';
/** The source (and referrer) of a visit without an external referrer or `utm_source`. */
export const DIRECT = 'Direct / None';
/** The value of a custom property an event does not have. */
export const NO_PROP = '(none)';

const orNotSet = (column: string, missing = NOT_SET): string => `COALESCE(${column}, '${missing}')`;

/** Visit dimensions: a column of the visit `v`. */
const VISIT_COLUMNS: Record<VisitDimension, string> = {
  'visit:entry_page': orNotSet('v.entry_page'),
  'visit:exit_page': orNotSet('v.exit_page'),
  'visit:source': orNotSet('v.source', DIRECT),
  'visit:referrer': orNotSet('v.referrer', DIRECT),
  'visit:channel': orNotSet('v.channel'),
  'visit:utm_source': orNotSet('v.utm_source'),
  'visit:utm_medium': orNotSet('v.utm_medium'),
  'visit:utm_campaign': orNotSet('v.utm_campaign'),
  'visit:utm_term': orNotSet('v.utm_term'),
  'visit:utm_content': orNotSet('v.utm_content'),
  'visit:country': orNotSet('v.country'),
  'visit:isp': orNotSet('v.isp'),
  'visit:device': orNotSet('v.device'),
  'visit:browser': orNotSet('v.browser'),
  'visit:os': orNotSet('v.os'),
  'visit:screen': orNotSet('v.screen'),
  'visit:language': orNotSet('v.language'),
  'visit:visitor_type': "CASE WHEN v.is_new = 1 THEN 'new' ELSE 'returning' END",
};

/** Where a query reads its rows from, which decides how a dimension is read. */
export interface DimensionContext {
  /** The SQL of each bound value. */
  sql: SqlBuilder;
  /** Reporting time zone. */
  zone: string;
  /** The range: it bounds the time-zone offsets a time dimension needs. */
  range: ResolvedRange;
  /** `visit`: rows are visits; `event`: rows are events with their visit; `consent`: consent records. */
  rows: 'visit' | 'event' | 'consent';
}

/** True for an event dimension that a visit reads from its own columns (its entry page, its host name). */
export const readFromVisit = (dimension: Dimension): boolean => dimension === 'event:page' || dimension === 'event:hostname';

/**
 * The SQL of `dimension` over an event `e` (and its visit `v`). Page views
 * are named `pageview` and engagement events `engagement` (a custom event
 * has its own name).
 */
export function eventDimensionSql(sql: SqlBuilder, dimension: Dimension): string {
  if (dimension.startsWith(PROPS_PREFIX)) {
    const key = sql.param(sql.dialect.propKey(dimension.slice(PROPS_PREFIX.length)), 'text');
    return `COALESCE(${sql.dialect.propValue('e.props', key)}, '${NO_PROP}')`;
  }
  switch (dimension) {
    case 'event:page':
      return orNotSet('e.path');
    case 'event:hostname':
      return orNotSet('e.hostname');
    case 'event:search':
      return orNotSet('e.search');
    case 'event:name':
      return `CASE e.type WHEN 'event' THEN ${orNotSet('e.name')} ELSE e.type END`;
    default:
      throw new Error(`not an event dimension: ${dimension}`);
  }
}

/** The SQL of a time dimension: the bucket of the visit's start (or of a consent record's arrival). */
export function timeDimensionSql(context: DimensionContext, dimension: TimeDimension): string {
  const instant = context.rows === 'consent' ? context.sql.dialect.epochMs('c.received_at') : 'v.started_at';
  return bucketKey(context.sql, dimension, localMs(context.sql, instant, context.zone, context.range));
}

/**
 * The SQL of `dimension` in `context`. On visit rows, `event:page` is the
 * visit's entry page and `event:hostname` its host name; other event
 * dimensions are not read on visit rows (the planner pairs visits with their
 * events for them).
 */
export function dimensionSql(context: DimensionContext, dimension: Dimension): string {
  if (dimension === 'consent:method') return 'c.method';
  if (dimension.startsWith('time:')) return timeDimensionSql(context, dimension as TimeDimension);
  if (dimension.startsWith('visit:')) return VISIT_COLUMNS[dimension as VisitDimension];
  if (context.rows === 'event') return eventDimensionSql(context.sql, dimension);
  if (dimension === 'event:page') return VISIT_COLUMNS['visit:entry_page'];
  if (dimension === 'event:hostname') return orNotSet('v.hostname');
  throw new Error(`${dimension} is not read on visit rows`);
}

/** True when the answer's values of `dimension` are numbers (their SQL keys sort as numbers). */
export const isNumericDimension = (dimension: Dimension): boolean => dimension.startsWith('time:');
