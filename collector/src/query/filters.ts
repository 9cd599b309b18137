/**
 * The filter tree in SQL, rendered in one place. A condition on one dimension
 * holds when any of its values matches (`is`, `contains`) or none does
 * (`is_not`, `contains_not`); `not`, `and` and `or` combine them. Values are
 * bound parameters; `contains` is a case-sensitive substring test in both
 * stores (no wildcards: `%` and `_` are text like any other).
 *
 * On event rows every condition reads the event or its visit. On visit rows a
 * condition on `event:page` or `event:hostname` reads the visit's entry page
 * or host name; when the tree holds a condition on another event dimension, a
 * visit matches when one of its page views or custom events makes the whole
 * tree hold.
 * @packageDocumentation
 */

import type { SqlBuilder } from './dialect.js';
import { dimensionSql, eventDimensionSql, readFromVisit, type DimensionContext } from './dimensions.js';
import { isLeaf, leaves, type Dimension, type Filter, type FilterLeaf } from './types.js';

/** SQL of one condition on the expression `expr`. */
function leafSql(sql: SqlBuilder, leaf: FilterLeaf, expr: string): string {
  switch (leaf.op) {
    case 'is':
      return `${expr} IN ${sql.list(leaf.values, 'text')}`;
    case 'is_not':
      return `${expr} NOT IN ${sql.list(leaf.values, 'text')}`;
    case 'contains':
    case 'contains_not': {
      const any = leaf.values.map((value) => sql.dialect.contains(expr, sql.param(value, 'text'))).join(' OR ');
      return leaf.op === 'contains' ? `(${any})` : `NOT (${any})`;
    }
  }
}

/** SQL of `filter`, each dimension read with `read`. */
function treeSql(sql: SqlBuilder, filter: Filter, read: (dimension: Dimension) => string): string {
  if (isLeaf(filter)) return leafSql(sql, filter, read(filter.dimension));
  if (filter.op === 'not') return `NOT (${treeSql(sql, filter.filter, read)})`;
  const joiner = filter.op === 'and' ? ' AND ' : ' OR ';
  return `(${filter.filters.map((f) => treeSql(sql, f, read)).join(joiner)})`;
}

/** True when a condition of `filters` needs an event's own columns on visit rows. */
export const needsEvents = (filters: readonly Filter[]): boolean =>
  leaves(filters).some((leaf) => leaf.dimension.startsWith('event:') && !readFromVisit(leaf.dimension));

/**
 * The SQL that `filters` (all of which must hold) add to a `WHERE` on the
 * rows of `context`; `TRUE` (`1 = 1`) without filters.
 */
export function filtersSql(context: DimensionContext, filters: readonly Filter[]): string {
  if (filters.length === 0) return '1 = 1';
  const { sql } = context;
  const tree: Filter = filters.length === 1 ? filters[0]! : { op: 'and', filters: [...filters] };
  if (context.rows !== 'visit' || !needsEvents(filters)) return treeSql(sql, tree, (d) => dimensionSql(context, d));
  const read = (dimension: Dimension): string =>
    dimension.startsWith('event:') && !readFromVisit(dimension) ? eventDimensionSql(sql, dimension) : dimensionSql(context, dimension);
  return `EXISTS (SELECT 1 FROM events e WHERE e.visit_key = v.id AND e.type <> 'engagement' AND ${treeSql(sql, tree, read)})`;
}
