/**
 * The dashboard's entry: sign-in, the controls (site, date range, comparison),
 * the filter chips, and the sections (figures, chart, panels), all drawn from
 * the state in the URL. A change of state aborts what was in flight and draws
 * again; the back button goes back to the previous view.
 * @packageDocumentation
 */

import { ApiError, createApi, isAbort } from './api.js';
import { ChartSection } from './chart-section.js';
import { drawConsentLog } from './consent-log.js';
import { byId, element } from './dom.js';
import { downloadCsv, downloadZipOf, type DownloadFile } from './download.js';
import { Figures } from './figures.js';
import { valueLabel } from './labels.js';
import { Panel, type PanelHost } from './panel.js';
import { dimensionLabel, PANELS } from './panels.js';
import { hostnamesQuery, type QueryAnswer } from './queries.js';
import {
  COMPARISONS,
  INTERVALS,
  isDay,
  parseRange,
  parseState,
  RANGE_PRESETS,
  stateToSearch,
  withFilter,
  withoutFilter,
  type DashboardState,
} from './state.js';
import { createTokenStore } from './token.js';
import { applyTheme, nextTheme, storedTheme } from './theme.js';

const tokens = createTokenStore();
const api = createApi({ token: () => tokens.get(), onAnswer: () => signedIn() });
/** Set while a sign-in waits for its first answer: the page shows the figures once the token is known good. */
let signingIn: { focus: boolean } | null = null;
let state = parseState(location.search);
let generation = new AbortController();
let draws = 0;

const OP_WORDS: Readonly<Record<string, string>> = { is: 'is', is_not: 'is not', contains: 'contains', contains_not: 'does not contain' };

/** Show `text` in the page's alert line (empty hides it). */
function message(text: string): void {
  byId('message').textContent = text;
}

/** A failure that concerns the whole page: a refused token signs out. Returns true when handled. */
function fail(error: unknown): boolean {
  if (error instanceof ApiError && error.kind === 'token') {
    signOut(error.message);
    return true;
  }
  if (error instanceof ApiError && (error.kind === 'throttled' || error.kind === 'unreachable')) {
    message(error.message);
    // A sign-in that got no answer at all: the form stays, with the message.
    if (signingIn) {
      signingIn = null;
      tokens.clear();
      generation.abort();
      return true;
    }
  }
  return false;
}

/** The days of the range as the collector resolved them (for the consent log's export). */
let resolvedDays: readonly [string, string] | null = null;

/** Say which days are shown and compared, in the collector's time zone. */
function showResolvedRange(meta: QueryAnswer['meta']): void {
  resolvedDays = meta?.date_range ?? null;
  const note = byId('range-note');
  if (!meta?.date_range) return void (note.textContent = '');
  const [from, to] = meta.date_range;
  const compared = meta.comparison_date_range ? `, compared with ${meta.comparison_date_range[0]} to ${meta.comparison_date_range[1]}` : '';
  note.textContent = `${from === to ? from : `${from} to ${to}`}${compared}${meta.time_zone ? ` (${meta.time_zone})` : ''}`;
}

const figures = new Figures(byId('figures'), {
  api,
  state: () => state,
  plot: (metric) => update({ ...state, metric }),
  fail,
  resolved: showResolvedRange,
});
const chart = new ChartSection({ api, state: () => state, fail });
const panelHost: PanelHost = {
  api,
  state: () => state,
  addFilter(filter, { openTab } = {}) {
    const tabs = openTab ? { ...state.tabs, [openTab[0]]: openTab[1] } : state.tabs;
    update({ ...state, filters: withFilter(state.filters, filter), tabs });
  },
  openTab(panelId, tabId) {
    const panel = panels.find((p) => p.definition.id === panelId);
    if (!panel) return;
    const tabs = { ...state.tabs };
    if (panel.definition.tabs[0]?.id === tabId) delete tabs[panelId];
    else tabs[panelId] = tabId;
    if ((state.tabs[panelId] ?? panel.definition.tabs[0]?.id) === tabId) return;
    panel.resetTabView();
    state = { ...state, tabs };
    history.replaceState(null, '', urlOf(state));
    void panel.load(state, generation.signal);
  },
  setProperty(key) {
    update({ ...state, property: key });
  },
  fail,
  consentLog: (body) => drawConsentLog(body, api, () => (state.range === 'all' ? null : resolvedDays), fail),
};
const panels = PANELS.map((definition) => new Panel(definition, panelHost));
byId('panels').replaceChildren(...panels.map((panel) => panel.element));

const urlOf = (next: DashboardState): string => {
  const search = stateToSearch(next);
  return search ? `?${search}` : location.pathname;
};

/** Go to `next`: a new history entry, and everything drawn again. */
function update(next: DashboardState): void {
  state = next;
  history.pushState(null, '', urlOf(state));
  draw();
}

/** Draw every section for the current state. */
function draw(): void {
  generation.abort();
  generation = new AbortController();
  const signal = generation.signal;
  const number = ++draws;
  drawControls();
  drawChips();
  message('');
  document.documentElement.removeAttribute('data-drawn');
  // Asked in page order: the scheduler sends the first screen's queries first.
  const [figuresDrawn, chartDrawn, sitesDrawn, ...panelsDrawn] = [
    figures.load(state, signal),
    chart.load(state, signal),
    loadSites(signal),
    ...panels.map((panel) => panel.load(state, signal)),
  ];
  // For the bench: what a 1280 × 800 window shows first (figures, chart, the first row of panels) is drawn.
  void Promise.allSettled([figuresDrawn, chartDrawn, sitesDrawn, ...panelsDrawn.slice(0, 2)]).then(() => {
    if (!signal.aborted) performance.mark('dashboard-first-screen');
  });
  void Promise.allSettled([figuresDrawn, chartDrawn, sitesDrawn, ...panelsDrawn]).then(() => {
    if (signal.aborted || number !== draws) return;
    // For the tests and the bench: every section is drawn (or shows its error).
    document.documentElement.setAttribute('data-drawn', String(number));
    performance.mark('dashboard-drawn');
  });
}

function drawControls(): void {
  const range = byId<HTMLSelectElement>('range');
  const custom = typeof state.range !== 'string';
  range.value = custom ? 'custom' : (state.range as string);
  byId('custom-range').hidden = !custom;
  if (custom) {
    byId<HTMLInputElement>('from').value = state.range[0];
    byId<HTMLInputElement>('to').value = state.range[1];
  }
  byId<HTMLSelectElement>('compare').value = state.comparison;
}

function drawChips(): void {
  const chips = state.filters.map((filter) => {
    const text = `${dimensionLabel(filter.dimension)} ${OP_WORDS[filter.op] ?? filter.op} ${valueLabel(filter.dimension, filter.value)}`;
    const button = element(
      'button',
      { type: 'button', class: 'chip', 'aria-label': `Remove filter: ${text}` },
      element('span', {}, text),
      element('span', { class: 'chip-x', 'aria-hidden': 'true' }, '×'),
    );
    button.addEventListener('click', () => {
      const next = withoutFilter(state.filters, filter);
      update({ ...state, filters: next });
      // Focus stays in the chips (or moves to the next control) instead of falling back to the page.
      (byId('chips').querySelector<HTMLButtonElement>('button.chip') ?? byId('range')).focus();
    });
    return element('li', {}, button);
  });
  const list = byId('chips');
  list.replaceChildren(...chips);
  byId('filters').hidden = chips.length === 0;
}

/** The site switcher, shown when the range has events from more than one hostname. */
async function loadSites(signal: AbortSignal): Promise<void> {
  try {
    const answer = await api.query(hostnamesQuery(state), signal);
    const hosts = answer.results.map((r) => String(r.dimensions[0] ?? '')).filter(Boolean);
    if (state.site && !hosts.includes(state.site)) hosts.unshift(state.site);
    const select = byId<HTMLSelectElement>('site');
    select.replaceChildren(element('option', { value: '' }, 'All sites'), ...hosts.map((host) => element('option', { value: host }, host)));
    select.value = state.site ?? '';
    byId('site-field').hidden = hosts.length < 2 && !state.site;
  } catch (error) {
    if (!isAbort(error)) byId('site-field').hidden = !state.site;
  }
}

function showStats(): void {
  byId('login').hidden = true;
  byId('stats').hidden = false;
  byId('sign-out').hidden = false;
}

function signOut(text = ''): void {
  signingIn = null;
  generation.abort();
  figures.stop();
  tokens.clear();
  byId('stats').hidden = true;
  byId('sign-out').hidden = true;
  byId('login').hidden = false;
  message(text);
  byId<HTMLInputElement>('token').value = '';
  byId('token').focus();
}

/**
 * Draw everything with `token`, the sign-in form still showing: the first
 * answer shows the figures (signedIn), a refused token signs out again (fail).
 * No request of its own checks the token first.
 */
function signIn(token: string, { focus }: { focus: boolean }): void {
  tokens.set(token);
  signingIn = { focus };
  api.tokenFirst();
  performance.mark('dashboard-sign-in');
  message('');
  draw();
}

/** The token was accepted: show the figures the first time. */
function signedIn(): void {
  if (!signingIn) return;
  const { focus } = signingIn;
  signingIn = null;
  showStats();
  if (focus) byId('figures-title').focus();
}

async function exportAll(): Promise<void> {
  const button = byId<HTMLButtonElement>('export-all');
  button.disabled = true;
  button.textContent = 'Preparing…';
  try {
    const files: DownloadFile[] = [figures.file()];
    const chartFile = chart.file();
    if (chartFile) files.push(chartFile);
    const perPanel = await Promise.all(panels.map((panel) => panel.files(state, generation.signal)));
    files.push(...perPanel.flat());
    const range = typeof state.range === 'string' ? state.range : `${state.range[0]}_${state.range[1]}`;
    await downloadZipOf(`consent-gate-dashboard-${range}.zip`, files);
  } catch (error) {
    if (!isAbort(error) && !fail(error)) message(error instanceof ApiError ? error.message : 'The export failed.');
  } finally {
    button.disabled = false;
    button.textContent = 'Export all (ZIP)';
  }
}

function wireControls(): void {
  byId<HTMLSelectElement>('range').replaceChildren(
    ...RANGE_PRESETS.map((preset) =>
      element(
        'option',
        { value: preset },
        { day: 'Today', '7d': 'Last 7 days', '30d': 'Last 30 days', month: 'This month', '12mo': 'Last 12 months', all: 'All time' }[
          preset
        ],
      ),
    ),
    element('option', { value: 'custom' }, 'Custom range…'),
  );
  byId('range').addEventListener('change', () => {
    const value = byId<HTMLSelectElement>('range').value;
    if (value === 'custom') {
      byId('custom-range').hidden = false;
      byId('from').focus();
      return;
    }
    const range = parseRange(value);
    if (range) update({ ...state, range, interval: null });
  });
  byId('custom-range').addEventListener('submit', (event) => {
    event.preventDefault();
    const from = byId<HTMLInputElement>('from').value;
    const to = byId<HTMLInputElement>('to').value;
    if (!isDay(from) || !isDay(to) || from > to) return message('Choose a start date on or before the end date.');
    update({ ...state, range: [from, to], interval: null });
  });
  byId('compare').addEventListener('change', () => {
    const value = byId<HTMLSelectElement>('compare').value;
    const comparison = COMPARISONS.find((c) => c === value);
    if (comparison) update({ ...state, comparison });
  });
  byId('site').addEventListener('change', () => update({ ...state, site: byId<HTMLSelectElement>('site').value || null }));
  byId('chart-metric').addEventListener('change', () => {
    const metric = byId<HTMLSelectElement>('chart-metric').value;
    if (metric in { visitors: 1, visits: 1, pageviews: 1, views_per_visit: 1, bounce_rate: 1, visit_duration: 1 })
      update({ ...state, metric: metric as DashboardState['metric'] });
  });
  byId('chart-interval').addEventListener('change', () => {
    const value = byId<HTMLSelectElement>('chart-interval').value;
    const interval = INTERVALS.find((i) => i === value);
    if (interval) update({ ...state, interval });
  });
  byId('clear-filters').addEventListener('click', () => {
    update({ ...state, filters: [] });
    byId('range').focus();
  });
  byId('export-all').addEventListener('click', () => void exportAll());
  byId('export-chart').addEventListener('click', () => {
    const file = chart.file();
    if (file) downloadCsv(file);
  });
  byId('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = byId<HTMLInputElement>('token').value.trim();
    if (!value) {
      message('Enter the admin token.');
      return byId('token').focus();
    }
    signIn(value, { focus: true });
  });
  byId('sign-out').addEventListener('click', () => signOut());
  const theme = byId('theme');
  theme.addEventListener('click', () => {
    applyTheme(nextTheme(storedTheme()), theme);
    chart.redraw();
  });
  applyTheme(storedTheme(), theme);
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => chart.redraw());
  window.addEventListener('popstate', () => {
    state = parseState(location.search);
    if (tokens.get()) draw();
  });
}

wireControls();
const saved = tokens.get();
if (saved) signIn(saved, { focus: false });
