/**
 * From a query's answer to the rows of a table, and from rows to CSV. Pure:
 * no DOM.
 * @packageDocumentation
 */

import { toCsv, type CsvValue } from './csv.js';
import { DERIVED_METRICS, metricHeading, type TabDefinition } from './panels.js';
import { askedMetrics, type QueryAnswer } from './queries.js';

/** One row of a breakdown. */
export interface Row {
  /** The dimension's value as the API gave it (what a filter on the row uses). */
  value: string;
  /** The metrics by name, derived ones included. */
  metrics: Record<string, number | null>;
}

const asText = (value: string | number | null | undefined): string => (value === null || value === undefined ? '' : String(value));

/** The rows of a one-dimension answer for `tab`, derived metrics worked out. */
export function toRows(tab: TabDefinition, answer: QueryAnswer): Row[] {
  const asked = askedMetrics(tab);
  const rows = answer.results.map((result) => ({
    value: asText(result.dimensions[0]),
    metrics: Object.fromEntries(asked.map((metric, i) => [metric, result.metrics[i] ?? null])) as Record<string, number | null>,
  }));
  const first = asked[0];
  const total = first ? rows.reduce((sum, row) => sum + (row.metrics[first] ?? 0), 0) : 0;
  for (const row of rows) {
    for (const metric of tab.metrics) {
      const derive = DERIVED_METRICS[metric];
      if (derive) row.metrics[metric] = derive(row.metrics, total);
    }
  }
  return rows;
}

/** A tab's rows as a CSV file: the label column, then every metric column. */
export function rowsToCsv(tab: TabDefinition, rows: readonly Row[], label: (value: string) => string = (value) => value): string {
  const metrics = tab.metrics;
  const header = [tab.column, ...metrics.map((metric) => metricHeading(tab, metric))];
  return toCsv(
    header,
    rows.map((row): CsvValue[] => [label(row.value), ...metrics.map((metric) => row.metrics[metric] ?? null)]),
  );
}
