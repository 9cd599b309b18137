/**
 * The chart: one metric per time bucket, the comparison as a second, dashed
 * line, drawn by uPlot (canvas; it styles its elements through the CSSOM, which
 * the page's strict `style-src 'self'` allows). The canvas is focusable: the
 * arrow keys (and Home, End) move from bucket to bucket and a live region reads
 * each point out; the numbers are also in a table beside it.
 * @packageDocumentation
 */

import uPlot from 'uplot';
import { formatCompact, formatMetric } from './format.js';
import type { Interval } from './state.js';

/** What the chart draws. */
export interface ChartData {
  /** Bucket labels as the API gives them (`2025-05-01`, `2025-05-01 13:00:00`, …). */
  labels: readonly string[];
  current: readonly (number | null)[];
  /** The comparison's values, bucket by bucket; null without a comparison. */
  previous: readonly (number | null)[] | null;
  metric: string;
  interval: Interval;
  /** `Visitors`. */
  metricLabel: string;
  /** `previous period` / `same period last year`. */
  comparisonLabel: string;
}

/** A short label for an axis tick: `13:00` (hours), `3 May` (days, weeks by their Monday), `May 2025` (months). */
export function tickLabel(label: string, interval: Interval): string {
  const parts = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):\d{2})?/.exec(label);
  if (!parts) return label;
  const [, year, month, day, hour] = parts;
  if (interval === 'hour' && hour !== undefined) return `${hour}:00`;
  const date = new Date(Date.UTC(+year!, +month! - 1, +day!));
  return interval === 'month'
    ? date.toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' })
    : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** The readout of bucket `i`: `2025-05-03: 120 visitors; previous period 98`. */
export function pointText(data: ChartData, i: number): string {
  const value = `${formatMetric(data.metric, data.current[i])} ${data.metricLabel.toLowerCase()}`;
  const previous = data.previous ? `; ${data.comparisonLabel} ${formatMetric(data.metric, data.previous[i])}` : '';
  return `${data.labels[i] ?? ''}: ${value}${previous}`;
}

const cssVar = (name: string): string => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || 'currentColor';

/** A uPlot chart with a keyboard cursor and a live readout. */
export class Chart {
  private plot: uPlot | null = null;
  private data: ChartData | null = null;
  private index = -1;
  private readonly resize = new ResizeObserver(() => this.fit());

  constructor(
    private readonly host: HTMLElement,
    private readonly readout: HTMLElement,
  ) {
    host.addEventListener('keydown', (event) => this.onKey(event));
    host.addEventListener('focus', () => {
      if (this.data && this.index < 0) this.moveTo(this.data.labels.length - 1);
    });
    this.resize.observe(host);
  }

  /** Draw `data`, replacing what was drawn. */
  draw(data: ChartData): void {
    this.data = data;
    this.index = -1;
    this.readout.textContent = '';
    this.plot?.destroy();
    const x = data.labels.map((_, i) => i);
    const series: uPlot.AlignedData = [x, [...data.current], ...(data.previous ? [[...data.previous]] : [])];
    const metric = data.metric;
    const current = cssVar('--chart-current');
    const opts: uPlot.Options = {
      width: Math.max(200, this.host.clientWidth),
      height: 240,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 7 } },
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
      series: [
        {},
        { label: data.metricLabel, stroke: current, width: 2, fill: cssVar('--chart-fill'), points: { show: data.labels.length <= 62 } },
        ...(data.previous
          ? [{ label: data.comparisonLabel, stroke: cssVar('--chart-previous'), width: 1.5, dash: [6, 4], points: { show: false } }]
          : []),
      ],
      axes: [
        {
          stroke: cssVar('--muted'),
          grid: { show: false },
          ticks: { stroke: cssVar('--border') },
          values: (_u, splits) =>
            splits.map((i) => (Number.isInteger(i) && data.labels[i] !== undefined ? tickLabel(data.labels[i], data.interval) : '')),
          space: 60,
        },
        {
          stroke: cssVar('--muted'),
          grid: { stroke: cssVar('--border'), width: 1 },
          ticks: { show: false },
          values: (_u, splits) => splits.map((value) => formatCompact(metric, value)),
          size: 56,
        },
      ],
      hooks: {
        setCursor: [
          (u) => {
            const i = u.cursor.idx;
            if (i !== null && i !== undefined && i !== this.index) {
              this.index = i;
              this.readout.textContent = pointText(data, i);
            }
          },
        ],
      },
    };
    this.plot = new uPlot(opts, series, this.host);
  }

  /** Remove the chart (an error or an empty range shows instead). */
  clear(): void {
    this.plot?.destroy();
    this.plot = null;
    this.data = null;
    this.readout.textContent = '';
  }

  private fit(): void {
    if (this.plot) this.plot.setSize({ width: Math.max(200, this.host.clientWidth), height: 240 });
  }

  private moveTo(i: number): void {
    const data = this.data;
    if (!data || !this.plot || data.labels.length === 0) return;
    const index = Math.min(Math.max(0, i), data.labels.length - 1);
    const value = data.current[index] ?? 0;
    this.plot.setCursor({ left: this.plot.valToPos(index, 'x'), top: this.plot.valToPos(value, 'y') });
    this.index = index;
    this.readout.textContent = pointText(data, index);
  }

  private onKey(event: KeyboardEvent): void {
    const last = (this.data?.labels.length ?? 0) - 1;
    const moves: Record<string, number> = {
      ArrowLeft: this.index - 1,
      ArrowRight: this.index + 1,
      Home: 0,
      End: last,
      PageUp: this.index - 7,
      PageDown: this.index + 7,
    };
    const target = moves[event.key];
    if (target === undefined || last < 0) return;
    event.preventDefault();
    this.moveTo(this.index < 0 ? last : target);
  }
}
