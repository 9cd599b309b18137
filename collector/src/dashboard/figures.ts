/**
 * The top figures: six traffic figures (each a button that plots it in the
 * chart), the opt-in rate, each with its change against the comparison, and
 * the visitors of the last five minutes, refreshed every 30 s while the tab is
 * visible.
 * @packageDocumentation
 */

import { ApiError, isAbort, type Api } from './api.js';
import { toCsv } from './csv.js';
import { element, hiddenText } from './dom.js';
import type { DownloadFile } from './download.js';
import { formatChange, formatMetric } from './format.js';
import { consentFiguresQuery, FIGURE_METRICS, figuresQuery, realtimeQuery, type QueryAnswer, type QueryRow } from './queries.js';
import type { ChartMetric, DashboardState } from './state.js';
import { showDone, showError, showLoading } from './states.js';

/** Names of the figures. */
export const FIGURE_LABELS: Readonly<Record<string, string>> = {
  visitors: 'Unique visitors',
  visits: 'Visits',
  pageviews: 'Page views',
  views_per_visit: 'Views per visit',
  bounce_rate: 'Bounce rate',
  visit_duration: 'Visit duration',
  conversion_rate: 'Conversion rate',
  opt_in_rate: 'Opt-in rate',
  realtime: 'Visitors now',
};

/** How often "visitors now" is asked again while the tab is visible. */
const REALTIME_EVERY_MS = 30_000;

/** What the figures need from the page. */
export interface FiguresHost {
  api: Api;
  state(): DashboardState;
  /** Plot `metric` in the chart. */
  plot(metric: ChartMetric): void;
  fail(error: unknown): boolean;
  /** The days the figures cover (and their comparison's), as the collector resolved the range. */
  resolved(meta: QueryAnswer['meta']): void;
}

const COMPARED_WITH: Readonly<Record<string, string>> = {
  previous_period: 'the previous period',
  year_over_year: 'the same period a year before',
};

/** The figures row. */
export class Figures {
  private traffic: QueryRow | null = null;
  private consent: QueryRow | null = null;
  private realtimeTimer = 0;
  /** The last "visitors now", kept for the next drawing of the figures. */
  private realtimeText = '–';
  private realtimeController = new AbortController();

  constructor(
    private readonly list: HTMLElement,
    private readonly host: FiguresHost,
  ) {
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && this.realtimeTimer) void this.loadRealtime(host.state());
    });
  }

  /** Load and draw every figure for `state`. */
  async load(state: DashboardState, signal: AbortSignal): Promise<void> {
    showLoading(this.list);
    this.startRealtime(state, signal);
    // Visitors now first: the smallest query (five minutes), so that a sign-in, whose first request goes alone, waits least.
    void this.loadRealtime(state);
    try {
      // The opt-in rate is a figure of its own: without it the traffic figures still show.
      const consentAnswer = this.host.api
        .query(consentFiguresQuery(state), signal)
        // Only a question this collector cannot answer is left out; a refused token, a throttle or no answer at all stop the sign-in.
        .catch((error: unknown) =>
          error instanceof ApiError && (error.kind === 'query' || error.kind === 'server') ? null : Promise.reject(error),
        );
      const [traffic, consent] = await Promise.all([this.host.api.query(figuresQuery(state), signal), consentAnswer]);
      if (signal.aborted) return;
      this.host.resolved(traffic.meta);
      this.traffic = traffic.results[0] ?? { dimensions: [], metrics: FIGURE_METRICS.map(() => 0) };
      this.consent = consent?.results[0] ?? null;
      this.draw(state);
    } catch (error) {
      if (isAbort(error) || signal.aborted || this.host.fail(error)) return;
      showError(this.list, error, () => void this.load(this.host.state(), signal));
    }
  }

  private draw(state: DashboardState): void {
    const compared = COMPARED_WITH[state.comparison];
    const items = FIGURE_METRICS.map((metric, i) => {
      const value = this.traffic?.metrics[i] ?? null;
      const change = this.traffic?.comparison?.change[i];
      const button = element(
        'button',
        { type: 'button', class: 'figure', 'aria-pressed': String(state.metric === metric), 'data-metric': metric },
        ...figureParts(metric, value, compared ? change : undefined, compared),
      );
      button.addEventListener('click', () => this.host.plot(metric));
      return element('li', {}, button);
    });
    if (this.traffic && this.traffic.metrics.length > FIGURE_METRICS.length) {
      const i = FIGURE_METRICS.length;
      items.push(
        element(
          'li',
          {},
          element(
            'div',
            { class: 'figure', 'data-metric': 'conversion_rate' },
            ...figureParts(
              'conversion_rate',
              this.traffic.metrics[i] ?? null,
              compared ? this.traffic.comparison?.change[i] : undefined,
              compared,
            ),
          ),
        ),
      );
    }
    const optIn = this.consent?.metrics[1] ?? null;
    items.push(
      element(
        'li',
        {},
        element(
          'div',
          { class: 'figure', 'data-metric': 'opt_in_rate' },
          ...figureParts('opt_in_rate', optIn, compared ? this.consent?.comparison?.change[1] : undefined, compared),
        ),
      ),
    );
    items.push(
      element(
        'li',
        {},
        element(
          'div',
          { class: 'figure live', 'data-metric': 'realtime' },
          element('span', { class: 'figure-label' }, element('span', { class: 'pulse', 'aria-hidden': 'true' }), FIGURE_LABELS.realtime),
          element('span', { class: 'figure-value', id: 'realtime-value' }, this.realtimeText),
          element('span', { class: 'figure-change flat' }, 'last 5 minutes'),
        ),
      ),
    );
    this.list.replaceChildren(...items);
    showDone(this.list);
  }

  private startRealtime(state: DashboardState, signal: AbortSignal): void {
    clearInterval(this.realtimeTimer);
    this.realtimeTimer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void this.loadRealtime(this.host.state());
    }, REALTIME_EVERY_MS);
    signal.addEventListener('abort', () => {
      clearInterval(this.realtimeTimer);
      this.realtimeTimer = 0;
      this.realtimeController.abort();
    });
    void state;
  }

  /** Stop refreshing (sign-out). */
  stop(): void {
    clearInterval(this.realtimeTimer);
    this.realtimeTimer = 0;
    this.realtimeController.abort();
  }

  private async loadRealtime(state: DashboardState): Promise<void> {
    this.realtimeController.abort();
    this.realtimeController = new AbortController();
    const signal = this.realtimeController.signal;
    try {
      const answer = await this.host.api.query(realtimeQuery(state), signal);
      if (!signal.aborted) this.showRealtime(formatMetric('visitors', answer.results[0]?.metrics[0] ?? 0));
    } catch (error) {
      if (isAbort(error)) return;
      this.showRealtime('unavailable');
      this.host.fail(error);
    }
  }

  private showRealtime(text: string): void {
    this.realtimeText = text;
    const target = document.getElementById('realtime-value');
    if (target) target.textContent = text;
  }

  /** The figures as a CSV file. */
  file(): DownloadFile {
    const rows = FIGURE_METRICS.map((metric, i) => [
      FIGURE_LABELS[metric]!,
      this.traffic?.metrics[i] ?? null,
      this.traffic?.comparison?.metrics[i] ?? null,
      this.traffic?.comparison?.change[i] ?? null,
    ]);
    rows.push([
      FIGURE_LABELS.opt_in_rate!,
      this.consent?.metrics[1] ?? null,
      this.consent?.comparison?.metrics[1] ?? null,
      this.consent?.comparison?.change[1] ?? null,
    ]);
    return { name: 'top-figures.csv', text: toCsv(['Figure', 'Value', 'Compared value', 'Change'], rows) };
  }
}

/** Label, value and change of one figure. */
function figureParts(metric: string, value: number | null, change: number | null | undefined, compared: string | undefined): HTMLElement[] {
  const parts = [
    element('span', { class: 'figure-label' }, FIGURE_LABELS[metric] ?? metric),
    element('span', { class: 'figure-value' }, formatMetric(metric, value)),
  ];
  if (compared) {
    const shown = formatChange(metric, change);
    parts.push(
      element(
        'span',
        { class: `figure-change ${shown.tone}` },
        element('span', { 'aria-hidden': 'true' }, shown.text),
        hiddenText(`${shown.spoken} against ${compared}`),
      ),
    );
  }
  return parts;
}
