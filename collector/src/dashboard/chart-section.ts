/**
 * The chart's section: which metric (any top figure) by which bucket, the
 * chart itself, a legend, the numbers as a table, and their CSV.
 * @packageDocumentation
 */

import { isAbort, type Api } from './api.js';
import { Chart, type ChartData } from './chart.js';
import { toCsv } from './csv.js';
import { byId, element } from './dom.js';
import type { DownloadFile } from './download.js';
import { FIGURE_LABELS } from './figures.js';
import { formatMetric } from './format.js';
import { chartQuery } from './queries.js';
import { intervalOf, type DashboardState } from './state.js';
import { showDone, showEmpty, showError, showLoading } from './states.js';

const COMPARISON_LABELS: Readonly<Record<string, string>> = { previous_period: 'Previous period', year_over_year: 'Same period last year' };

/** What the chart needs from the page. */
export interface ChartHost {
  api: Api;
  state(): DashboardState;
  fail(error: unknown): boolean;
}

/** The chart, its controls' values and its table. */
export class ChartSection {
  private readonly chart: Chart;
  private data: ChartData | null = null;

  constructor(private readonly host: ChartHost) {
    this.chart = new Chart(byId('chart'), byId('chart-readout'));
  }

  /** Load and draw the chart for `state`. */
  async load(state: DashboardState, signal: AbortSignal): Promise<void> {
    const status = byId('chart-status');
    (byId('chart-metric') as HTMLSelectElement).value = state.metric;
    (byId('chart-interval') as HTMLSelectElement).value = intervalOf(state);
    byId('chart-title').textContent = `${FIGURE_LABELS[state.metric]} per ${intervalOf(state)}`;
    showLoading(status);
    try {
      const answer = await this.host.api.query(chartQuery(state), signal);
      if (signal.aborted) return;
      const compared = state.comparison !== 'off';
      const data: ChartData = {
        labels: answer.results.map((r) => String(r.dimensions[0] ?? '')),
        current: answer.results.map((r) => r.metrics[0] ?? null),
        previous: compared && answer.results.some((r) => r.comparison) ? answer.results.map((r) => r.comparison?.metrics[0] ?? null) : null,
        metric: state.metric,
        interval: intervalOf(state),
        metricLabel: FIGURE_LABELS[state.metric] ?? state.metric,
        comparisonLabel: (COMPARISON_LABELS[state.comparison] ?? '').toLowerCase(),
      };
      this.data = data;
      this.drawLegend(data);
      this.drawTable(data);
      byId('chart').setAttribute(
        'aria-label',
        `${data.metricLabel} per ${intervalOf(state)}, ${data.labels.length} points${data.previous ? `, with the ${data.comparisonLabel}` : ''}. Left and right arrow keys read each point; the numbers are also in the table below.`,
      );
      if (data.labels.length === 0) {
        this.chart.clear();
        showEmpty(status);
        return;
      }
      status.replaceChildren();
      showDone(status);
      this.chart.draw(data);
    } catch (error) {
      if (isAbort(error) || signal.aborted || this.host.fail(error)) return;
      this.chart.clear();
      showError(status, error, () => void this.load(this.host.state(), signal));
    }
  }

  /** Draw again (the colour scheme changed). */
  redraw(): void {
    if (this.data && this.data.labels.length > 0) this.chart.draw(this.data);
  }

  private drawLegend(data: ChartData): void {
    const items = [element('li', {}, element('span', { class: 'key current', 'aria-hidden': 'true' }), data.metricLabel)];
    if (data.previous)
      items.push(
        element(
          'li',
          {},
          element('span', { class: 'key previous', 'aria-hidden': 'true' }),
          COMPARISON_LABELS[this.host.state().comparison] ?? '',
        ),
      );
    byId('chart-legend').replaceChildren(...items);
  }

  private drawTable(data: ChartData): void {
    const head = element(
      'tr',
      {},
      element('th', { scope: 'col' }, 'Period'),
      element('th', { scope: 'col', class: 'num' }, data.metricLabel),
      ...(data.previous ? [element('th', { scope: 'col', class: 'num' }, COMPARISON_LABELS[this.host.state().comparison] ?? '')] : []),
    );
    const rows = data.labels.map((label, i) =>
      element(
        'tr',
        {},
        element('th', { scope: 'row' }, label),
        element('td', { class: 'num' }, formatMetric(data.metric, data.current[i])),
        ...(data.previous ? [element('td', { class: 'num' }, formatMetric(data.metric, data.previous[i]))] : []),
      ),
    );
    const table = byId<HTMLTableElement>('chart-table');
    table.tHead!.replaceChildren(head);
    table.tBodies[0]!.replaceChildren(...rows);
  }

  /** The chart's numbers as a CSV file. */
  file(): DownloadFile | null {
    const data = this.data;
    if (!data) return null;
    const header = ['Period', data.metricLabel, ...(data.previous ? [data.comparisonLabel] : [])];
    const rows = data.labels.map((label, i) => [label, data.current[i] ?? null, ...(data.previous ? [data.previous[i] ?? null] : [])]);
    return { name: `chart-${data.metric}.csv`, text: toCsv(header, rows) };
  }
}
