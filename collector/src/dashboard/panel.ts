/**
 * One panel: a titled card with tabs (a WAI-ARIA tab list: arrow keys, Home,
 * End), a search box, a table whose rows filter the whole dashboard, its
 * loading, empty and error states, and a CSV export of the open tab.
 * Each tab is a function: state → query → rows → table.
 * @packageDocumentation
 */

import { isAbort, type Api } from './api.js';
import { fileSlug, toCsv } from './csv.js';
import { append, element, hiddenText } from './dom.js';
import { downloadCsv, type DownloadFile } from './download.js';
import { formatMetric } from './format.js';
import { valueLabel, weekdayName } from './labels.js';
import { METRIC_LABELS, metricHeading, tabOf, type PanelDefinition, type TabDefinition } from './panels.js';
import { EXPORT_LIMIT, panelQuery, tabDimension, type QueryAnswer } from './queries.js';
import { rowsToCsv, toRows, type Row } from './rows.js';
import type { DashboardState, Filter } from './state.js';
import { showDone, showEmpty, showError, showLoading } from './states.js';

/** Rows shown before "Show all". */
const SHORT_LIST = 10;

/** What a panel needs from the page. */
export interface PanelHost {
  api: Api;
  state(): DashboardState;
  /** Filter the whole dashboard by a row. */
  addFilter(filter: Filter, options?: { openTab?: [panel: string, tab: string] }): void;
  /** Open another tab (kept in the URL, nothing else reloads). */
  openTab(panel: string, tab: string): void;
  /** Set the custom-event property whose values are listed. */
  setProperty(key: string | null): void;
  /** A failure no single panel can mend (a refused token). */
  fail(error: unknown): boolean;
  /** Draws the consent log tab. */
  consentLog(body: HTMLElement): void;
}

/** A panel of the dashboard. */
export class Panel {
  readonly element: HTMLElement;
  private readonly tabButtons = new Map<string, HTMLButtonElement>();
  private readonly tabPanel: HTMLElement;
  private readonly body: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly searchLabel: HTMLLabelElement;
  private readonly exportButton: HTMLButtonElement;
  private readonly note: HTMLElement;
  private searchTimer = 0;
  private expanded = false;
  private controller = new AbortController();

  constructor(
    readonly definition: PanelDefinition,
    private readonly host: PanelHost,
  ) {
    const id = definition.id;
    const titleId = `panel-${id}-title`;
    const tabList = element('div', { role: 'tablist', 'aria-labelledby': titleId, class: 'tabs' });
    for (const tab of definition.tabs) {
      const button = element(
        'button',
        { type: 'button', role: 'tab', id: `tab-${id}-${tab.id}`, 'aria-controls': `tabpanel-${id}`, 'data-tab': tab.id },
        tab.label,
      );
      button.addEventListener('click', () => host.openTab(id, tab.id));
      this.tabButtons.set(tab.id, button);
      tabList.append(button);
    }
    tabList.addEventListener('keydown', (event) => this.onTabKey(event));
    this.exportButton = element('button', { type: 'button', class: 'secondary small' }, 'Export CSV');
    this.exportButton.addEventListener('click', () => void this.exportOpenTab());
    this.search = element('input', { type: 'search', id: `search-${id}`, autocomplete: 'off', spellcheck: 'false' });
    this.searchLabel = element('label', { for: `search-${id}`, class: 'visually-hidden' });
    this.search.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = window.setTimeout(() => void this.load(host.state()), 250);
    });
    this.body = element('div', { class: 'panel-body', 'aria-busy': 'false' });
    this.note = element('p', { class: 'note', hidden: true });
    this.tabPanel = element(
      'div',
      { role: 'tabpanel', id: `tabpanel-${id}`, class: 'tabpanel' },
      element('div', { class: 'panel-search' }, this.searchLabel, this.search),
      this.note,
      this.body,
    );
    this.element = element(
      'section',
      { class: 'panel', id: `panel-${id}`, 'aria-labelledby': titleId, 'data-panel': id },
      element('div', { class: 'panel-head' }, element('h2', { id: titleId }, definition.title), this.exportButton),
      tabList,
      this.tabPanel,
    );
  }

  /** The open tab for `state`. */
  private openTab(state: DashboardState): TabDefinition {
    const tab = tabOf(this.definition, state.tabs[this.definition.id]);
    return this.isAvailable(tab, state) ? tab : this.definition.tabs[0]!;
  }

  private isAvailable(tab: TabDefinition, state: DashboardState): boolean {
    return !tab.needsFilter || state.filters.some((filter) => filter.dimension === tab.needsFilter && filter.op === 'is');
  }

  /** Load and draw the open tab for `state`; resolves when drawn (or failed). */
  async load(state: DashboardState, outer?: AbortSignal): Promise<void> {
    this.controller.abort();
    this.controller = new AbortController();
    const signal = outer ? AbortSignal.any([outer, this.controller.signal]) : this.controller.signal;
    const tab = this.openTab(state);
    this.drawTabs(tab, state);
    showLoading(this.body);
    try {
      await this.drawTab(tab, state, signal);
    } catch (error) {
      if (isAbort(error) || signal.aborted) return;
      if (this.host.fail(error)) return;
      showError(this.body, error, () => void this.load(this.host.state()));
    }
  }

  /** Forget the search and the "show all" of the previous tab. */
  resetTabView(): void {
    this.search.value = '';
    this.expanded = false;
  }

  private drawTabs(open: TabDefinition, state: DashboardState): void {
    for (const tab of this.definition.tabs) {
      const button = this.tabButtons.get(tab.id)!;
      const selected = tab === open;
      button.hidden = !this.isAvailable(tab, state);
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
      if (selected) this.tabPanel.setAttribute('aria-labelledby', button.id);
    }
    this.search.parentElement!.hidden = !open.search;
    this.search.placeholder = `Search ${open.label.toLowerCase()}`;
    this.searchLabel.textContent = `Search ${open.label.toLowerCase()}`;
    this.exportButton.hidden = open.kind === 'consent-log' || (open.kind === 'properties' && !state.property);
    const filtered = state.filters.length > 0 || state.site !== null;
    this.note.hidden = !(open.consent && filtered && open.kind !== 'consent-log');
    this.note.textContent = 'Consent records are not linked to visits: the filters do not apply to them.';
  }

  private onTabKey(event: KeyboardEvent): void {
    const visible = [...this.tabButtons.values()].filter((button) => !button.hidden);
    const current = visible.indexOf(event.target as HTMLButtonElement);
    if (current < 0) return;
    const next = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: visible.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const button = visible[(next + visible.length) % visible.length]!;
    button.focus();
    button.click();
  }

  private async drawTab(tab: TabDefinition, state: DashboardState, signal: AbortSignal): Promise<void> {
    if (tab.kind === 'consent-log') {
      this.host.consentLog(this.body);
      showDone(this.body);
      return;
    }
    if (tab.kind === 'properties' && !state.property) {
      this.body.replaceChildren(this.propertyForm(state));
      showDone(this.body);
      return;
    }
    const query = panelQuery(tab, state, { search: this.search.value });
    if (!query) return showEmpty(this.body);
    const answer = await this.host.api.query(query, signal);
    if (signal.aborted) return;
    if (answer.results.length === 0) {
      const empty = element(
        'p',
        { class: 'placeholder empty' },
        this.search.value.trim() ? 'Nothing matches this search.' : 'No data for this range and these filters.',
      );
      this.body.replaceChildren(...(tab.kind === 'properties' ? [this.propertyForm(state)] : []), empty);
      showDone(this.body);
      return;
    }
    if (tab.kind === 'heatmap') this.body.replaceChildren(heatmap(answer));
    else if (tab.kind === 'by-day') this.body.replaceChildren(decisionsByDay(answer));
    else {
      const term = this.search.value.trim().toLowerCase();
      const dimension = tabDimension(tab, state) ?? tab.dimension;
      const rows = toRows(tab, answer).filter(
        (row) => !term || tab.labels !== 'country' || `${row.value} ${valueLabel(dimension, row.value)}`.toLowerCase().includes(term),
      );
      if (rows.length === 0) return showEmpty(this.body, 'Nothing matches this search.');
      const table = this.table(tab, state, rows);
      this.body.replaceChildren(...(tab.kind === 'properties' ? [this.propertyForm(state)] : []), ...table);
    }
    showDone(this.body);
  }

  /** The custom-event property chooser: the query API lists values of a key, not the keys. */
  private propertyForm(state: DashboardState): HTMLElement {
    const id = `property-${this.definition.id}`;
    const input = element('input', {
      id,
      name: 'property',
      type: 'text',
      value: state.property ?? '',
      autocomplete: 'off',
      spellcheck: 'false',
      required: true,
    });
    const form = element(
      'form',
      { class: 'inline-form' },
      element('label', { for: id }, 'Property'),
      input,
      element('button', { type: 'submit', class: 'secondary small' }, 'Show values'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.host.setProperty(input.value.trim() || null);
    });
    return form;
  }

  /** The table of a breakdown, and its "show all" button. */
  private table(tab: TabDefinition, state: DashboardState, rows: readonly Row[]): HTMLElement[] {
    const dimension = tabDimension(tab, state) ?? tab.dimension;
    const [barMetric, ...others] = tab.metrics as [string, ...string[]];
    const top = Math.max(1, ...rows.map((row) => row.metrics[barMetric] ?? 0));
    const header = element(
      'tr',
      {},
      element('th', { scope: 'col' }, tab.kind === 'properties' ? `${state.property ?? ''}` : tab.column),
      element('th', { scope: 'col', class: 'num' }, metricHeading(tab, barMetric)),
      ...others.map((metric) =>
        element(
          'th',
          { scope: 'col', class: `num metric-${metric}` },
          metricHeading(tab, metric) === '% of total' ? element('abbr', { title: 'Share of the total' }, '%') : metricHeading(tab, metric),
        ),
      ),
    );
    const body = element('tbody');
    const shown = this.expanded ? rows : rows.slice(0, SHORT_LIST);
    for (const row of shown) {
      const label = valueLabel(dimension, row.value);
      const bar = element('span', { class: 'bar', 'aria-hidden': 'true' });
      // A width through the CSSOM: the strict CSP forbids style attributes in markup, not this.
      bar.style.width = `${((row.metrics[barMetric] ?? 0) / top) * 100}%`;
      const labelCell = element('td', { class: 'label' }, bar);
      if (tab.filters && row.value !== '') {
        const button = element(
          'button',
          { type: 'button', class: 'row-filter', title: `Show only ${tab.column.toLowerCase()} ${label}` },
          label,
        );
        button.addEventListener('click', () => this.filterBy(tab, dimension, row.value));
        labelCell.append(button);
      } else append(labelCell, element('span', { class: 'row-label' }, label));
      const tr = element(
        'tr',
        {},
        labelCell,
        element('td', { class: 'num' }, formatMetric(barMetric, row.metrics[barMetric])),
        ...others.map((metric) => element('td', { class: `num metric-${metric}` }, formatMetric(metric, row.metrics[metric]))),
      );
      if (tab.filters && row.value !== '') tr.classList.add('filterable');
      body.append(tr);
    }
    const caption = element(
      'caption',
      { class: 'visually-hidden' },
      `${this.definition.title}: ${tab.label.toLowerCase()}, by ${(METRIC_LABELS[barMetric] ?? barMetric).toLowerCase()}`,
    );
    const table = element('table', { class: 'breakdown' }, caption, element('thead', {}, header), body);
    table.addEventListener('click', (event) => {
      // A click anywhere on a row does what its button does.
      const row = (event.target as Element).closest('tr.filterable');
      if (row && !(event.target as Element).closest('button')) row.querySelector<HTMLButtonElement>('button.row-filter')?.click();
    });
    const parts: HTMLElement[] = [element('div', { class: 'table-wrap' }, table)];
    if (rows.length > SHORT_LIST) {
      const more = element(
        'button',
        { type: 'button', class: 'secondary small more', 'aria-expanded': String(this.expanded) },
        this.expanded ? 'Show fewer' : `Show all ${rows.length}`,
        rows.length >= 100 && this.expanded ? hiddenText(' (the first 100; search or export for more)') : null,
      );
      more.addEventListener('click', () => {
        this.expanded = !this.expanded;
        this.body.replaceChildren(...(tab.kind === 'properties' ? [this.propertyForm(state)] : []), ...this.table(tab, state, rows));
        this.body.querySelector<HTMLButtonElement>('button.more')?.focus();
      });
      parts.push(more);
    }
    return parts;
  }

  private filterBy(tab: TabDefinition, dimension: string, value: string): void {
    const filter: Filter = { op: 'is', dimension, value };
    // A custom event's row opens its properties.
    this.host.addFilter(filter, tab.dimension === 'event:name' ? { openTab: [this.definition.id, 'properties'] } : {});
  }

  /** Every tab with data as CSV files (for the whole view's ZIP). */
  async files(state: DashboardState, signal: AbortSignal): Promise<DownloadFile[]> {
    const files: DownloadFile[] = [];
    for (const tab of this.definition.tabs) {
      if (!this.isAvailable(tab, state)) continue;
      const file = await this.tabFile(tab, state, signal, '');
      if (file) files.push(file);
    }
    return files;
  }

  private async tabFile(tab: TabDefinition, state: DashboardState, signal: AbortSignal, search: string): Promise<DownloadFile | null> {
    const query = panelQuery(tab, state, { search, limit: EXPORT_LIMIT });
    if (!query) return null;
    const answer = await this.host.api.query(query, signal);
    const name = `${fileSlug(this.definition.title)}-${fileSlug(tab.label)}.csv`;
    if (tab.kind === 'heatmap') {
      return {
        name,
        text: toCsv(
          ['Day of week', 'Hour', 'Page views'],
          answer.results.map((r) => [weekdayName(Number(r.dimensions[0])), Number(r.dimensions[1]), r.metrics[0] ?? null]),
        ),
      };
    }
    if (tab.kind === 'by-day') {
      return {
        name,
        text: toCsv(
          ['Day', 'Decision', 'Decisions'],
          answer.results.map((r) => [
            String(r.dimensions[0] ?? ''),
            valueLabel('consent:method', String(r.dimensions[1] ?? '')),
            r.metrics[0] ?? null,
          ]),
        ),
      };
    }
    const dimension = tabDimension(tab, state) ?? tab.dimension;
    return { name, text: rowsToCsv(tab, toRows(tab, answer), (value) => valueLabel(dimension, value)) };
  }

  private async exportOpenTab(): Promise<void> {
    const state = this.host.state();
    const tab = this.openTab(state);
    this.exportButton.disabled = true;
    try {
      const file = await this.tabFile(tab, state, this.controller.signal, this.search.value.trim());
      if (file) downloadCsv(file);
    } catch (error) {
      if (!isAbort(error) && !this.host.fail(error)) showError(this.body, error, () => void this.load(this.host.state()));
    } finally {
      this.exportButton.disabled = false;
    }
  }
}

/** Page views by day of week × hour of day, shaded in six steps; the numbers are there for screen readers and on hover. */
function heatmap(answer: QueryAnswer): HTMLElement {
  const counts = new Map<string, number>();
  for (const result of answer.results)
    counts.set(`${Number(result.dimensions[0])}-${Number(result.dimensions[1])}`, result.metrics[0] ?? 0);
  const top = Math.max(1, ...counts.values());
  const hours = Array.from({ length: 24 }, (_, h) => h);
  const head = element(
    'tr',
    {},
    element('th', { scope: 'col' }, hiddenText('Day')),
    ...hours.map((h) =>
      element(
        'th',
        { scope: 'col', class: h % 3 === 0 ? 'hour' : 'hour minor' },
        element('span', { 'aria-hidden': 'true' }, h % 3 === 0 ? String(h) : ''),
        hiddenText(`${h}:00`),
      ),
    ),
  );
  const body = element('tbody');
  for (let day = 1; day <= 7; day += 1) {
    const name = weekdayName(day);
    const cells = hours.map((hour) => {
      const value = counts.get(`${day}-${hour}`) ?? 0;
      const level = value === 0 ? 0 : Math.min(5, 1 + Math.floor((value / top) * 4.999));
      return element(
        'td',
        { class: `heat heat-${level}`, title: `${name} ${hour}:00 – ${formatMetric('pageviews', value)} page views` },
        hiddenText(formatMetric('pageviews', value)),
      );
    });
    body.append(
      element(
        'tr',
        {},
        element('th', { scope: 'row' }, element('span', { 'aria-hidden': 'true' }, name.slice(0, 3)), hiddenText(name)),
        ...cells,
      ),
    );
  }
  return element(
    'div',
    // Focusable, so that a keyboard can scroll it where it is wider than the screen (it holds nothing else to focus).
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Page views by day of week and hour of day' },
    element(
      'table',
      { class: 'heatmap' },
      element('caption', { class: 'visually-hidden' }, 'Page views by day of week and hour of day'),
      element('thead', {}, head),
      body,
    ),
    element(
      'p',
      { class: 'heat-legend', 'aria-hidden': 'true' },
      'Fewer',
      ...[1, 2, 3, 4, 5].map((level) => element('span', { class: `heat heat-${level}` })),
      'More',
    ),
  );
}

/** Consent decisions per day, one column per method. */
function decisionsByDay(answer: QueryAnswer): HTMLElement {
  const methods = ['accept-all', 'reject-all', 'custom', 'gpc'];
  const days = new Map<string, Record<string, number>>();
  for (const result of answer.results) {
    const day = String(result.dimensions[0] ?? '');
    const method = String(result.dimensions[1] ?? '');
    const counts = days.get(day) ?? {};
    counts[method] = (counts[method] ?? 0) + (result.metrics[0] ?? 0);
    days.set(day, counts);
  }
  const header = element(
    'tr',
    {},
    element('th', { scope: 'col' }, 'Day'),
    ...methods.map((m) => element('th', { scope: 'col', class: 'num' }, valueLabel('consent:method', m))),
    element('th', { scope: 'col', class: 'num' }, 'Total'),
  );
  const body = element('tbody');
  for (const [day, counts] of [...days].sort(([a], [b]) => (a < b ? 1 : -1))) {
    const total = methods.reduce((sum, m) => sum + (counts[m] ?? 0), 0);
    if (total === 0) continue;
    body.append(
      element(
        'tr',
        {},
        element('th', { scope: 'row' }, day),
        ...methods.map((m) => element('td', { class: 'num' }, formatMetric('decisions', counts[m] ?? 0))),
        element('td', { class: 'num' }, formatMetric('decisions', total)),
      ),
    );
  }
  return element(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Consent decisions per day and method' },
    element(
      'table',
      { class: 'breakdown by-day' },
      element('caption', { class: 'visually-hidden' }, 'Consent decisions per day and method'),
      element('thead', {}, header),
      body,
    ),
  );
}
