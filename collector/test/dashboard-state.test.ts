// The dashboard's pure parts: its URL state read and written back, the queries
// built from it, and answers turned into rows. No browser: node:test.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PANELS, tabOf } from '../src/dashboard/panels.ts';
import { chartQuery, eventFilters, figuresQuery, panelQuery, realtimeQuery } from '../src/dashboard/queries.ts';
import { toRows } from '../src/dashboard/rows.ts';
import {
  DEFAULT_STATE,
  defaultInterval,
  parseState,
  stateToSearch,
  withFilter,
  withoutFilter,
  type DashboardState,
} from '../src/dashboard/state.ts';

const tab = (panel: string, id: string) =>
  tabOf(
    PANELS.find((p) => p.id === panel)!,
    id,
  );

describe('dashboard URL state', () => {
  it('reads the default view from an empty query string and writes nothing for it', () => {
    assert.deepEqual(parseState(''), DEFAULT_STATE);
    assert.equal(stateToSearch(DEFAULT_STATE), '');
  });

  it('round-trips every part: range, comparison, site, filters with hostile values, metric, interval, tabs, property', () => {
    const state: DashboardState = {
      range: ['2025-03-01', '2025-03-31'],
      comparison: 'year_over_year',
      site: 'shop.example.com',
      filters: [
        { op: 'is', dimension: 'visit:source', value: 'Google' },
        { op: 'contains', dimension: 'event:page', value: '/a|b&c=d?e#f "x" <script>' },
        { op: 'is', dimension: 'event:props:plan', value: '' },
      ],
      metric: 'bounce_rate',
      interval: 'week',
      tabs: { pages: 'entry', sources: 'campaigns' },
      property: 'plan',
    };
    const search = stateToSearch(state);
    assert.deepEqual(parseState(search), state);
    assert.deepEqual(parseState(`?${search}`), state);
    assert.match(search, /range=2025-03-01\.\.2025-03-31/);
  });

  it('falls back part by part on malformed input', () => {
    const state = parseState(
      'range=2025-02-30..2025-03-01&compare=sideways&metric=cookies&interval=minute&f=is|nope|x&f=like|visit:source|x&f=is|visit:os&tab=a.b.c&tab=Pages.x&f=is|visit:browser|Firefox',
    );
    assert.deepEqual(state, { ...DEFAULT_STATE, filters: [{ op: 'is', dimension: 'visit:browser', value: 'Firefox' }] });
    assert.equal(parseState('range=2025-03-02..2025-03-01').range, '30d', 'from after to');
    assert.equal(parseState('range=12mo').range, '12mo');
  });

  it('keeps one filter per dimension and operator; removing takes out exactly that one', () => {
    const google = { op: 'is', dimension: 'visit:source', value: 'Google' } as const;
    const bing = { op: 'is', dimension: 'visit:source', value: 'Bing' } as const;
    const page = { op: 'contains', dimension: 'event:page', value: '/blog' } as const;
    const filters = withFilter(withFilter(withFilter([], google), page), bing);
    assert.deepEqual(filters, [page, bing]);
    assert.deepEqual(withoutFilter(filters, bing), [page]);
    assert.deepEqual(parseState('f=is|visit:source|Google&f=is|visit:source|Bing').filters, [bing]);
  });

  it('picks the chart interval from the range', () => {
    assert.equal(defaultInterval('day'), 'hour');
    assert.equal(defaultInterval('30d'), 'day');
    assert.equal(defaultInterval('12mo'), 'month');
    assert.equal(defaultInterval(['2025-01-01', '2025-01-02']), 'hour');
    assert.equal(defaultInterval(['2025-01-01', '2025-03-01']), 'day');
    assert.equal(defaultInterval(['2025-01-01', '2025-12-31']), 'week');
    assert.equal(defaultInterval(['2023-01-01', '2025-12-31']), 'month');
  });
});

describe('dashboard queries', () => {
  const state: DashboardState = {
    ...DEFAULT_STATE,
    range: '7d',
    site: 'www.example.com',
    filters: [{ op: 'is', dimension: 'visit:country', value: 'DE' }],
  };

  it('puts the site first, then the chips, on every event query', () => {
    const filters = [
      ['is', 'event:hostname', ['www.example.com']],
      ['is', 'visit:country', ['DE']],
    ];
    assert.deepEqual(eventFilters(state), filters);
    assert.deepEqual(figuresQuery(state), {
      metrics: ['visitors', 'visits', 'pageviews', 'views_per_visit', 'bounce_rate', 'visit_duration'],
      date_range: '7d',
      filters,
      include: { comparison: 'previous_period' },
    });
    assert.deepEqual(realtimeQuery(state), { metrics: ['visitors'], date_range: 'realtime', filters });
    assert.deepEqual(figuresQuery({ ...state, comparison: 'off' }).include, {});
    // A goal (a custom event or a page) brings its conversion rate.
    const goal = { ...state, filters: [{ op: 'is', dimension: 'event:name', value: 'signup' }] } as const;
    assert.deepEqual(figuresQuery(goal).metrics.at(-1), 'conversion_rate');
    assert.equal(figuresQuery(state).metrics.includes('conversion_rate'), false);
  });

  it('asks the chart for every bucket of the range, with the comparison', () => {
    assert.deepEqual(chartQuery({ ...state, metric: 'pageviews', comparison: 'year_over_year' }), {
      metrics: ['pageviews'],
      date_range: '7d',
      dimensions: ['time:day'],
      filters: eventFilters(state),
      include: { comparison: 'year_over_year', time_labels: true },
      pagination: { limit: 10_000 },
    });
    assert.deepEqual(chartQuery({ ...state, interval: 'hour' }).dimensions, ['time:hour']);
  });

  it('builds each tab from its definition: search as contains, derived metrics never asked, consent without event filters', () => {
    assert.deepEqual(panelQuery(tab('sources', 'sources'), state, { search: ' goo ' }), {
      metrics: ['visitors', 'percentage'],
      date_range: '7d',
      dimensions: ['visit:source'],
      filters: [...eventFilters(state), ['contains', 'visit:source', ['goo']]],
      pagination: { limit: 100 },
    });
    assert.deepEqual(panelQuery(tab('visitors', 'type'), state)?.metrics, ['visitors', 'percentage', 'visits']);
    // Countries are searched by name in the page: all of them, no contains filter.
    const countries = panelQuery(tab('locations', 'countries'), state, { search: 'germ' });
    assert.deepEqual([countries?.filters, countries?.pagination], [eventFilters(state), { limit: 300 }]);
    // "No campaign" is not a campaign, a page view not a custom event.
    assert.deepEqual(panelQuery(tab('sources', 'campaigns'), state)?.filters?.at(-1), ['is_not', 'visit:utm_campaign', ['(not set)']]);
    assert.deepEqual(panelQuery(tab('events', 'events'), state)?.filters?.at(-1), ['is_not', 'event:name', ['pageview']]);
    const consent = panelQuery(tab('consent', 'methods'), state);
    assert.deepEqual(consent, { metrics: ['decisions'], date_range: '7d', dimensions: ['consent:method'], pagination: { limit: 100 } });
    assert.deepEqual(panelQuery(tab('visitors', 'times'), state)?.dimensions, ['time:day_of_week', 'time:hour_of_day']);
    assert.equal(panelQuery(tab('consent', 'log'), state), null);
    assert.equal(panelQuery(tab('events', 'properties'), state), null, 'no key chosen');
    assert.deepEqual(panelQuery(tab('events', 'properties'), { ...state, property: 'plan' })?.dimensions, ['event:props:plan']);
  });

  it('turns an answer into rows with visits per visitor and shares worked out', () => {
    const rows = toRows(tab('visitors', 'type'), {
      results: [
        { dimensions: ['new'], metrics: [30, 75, 45] },
        { dimensions: ['returning'], metrics: [10, 25, 40] },
      ],
    });
    assert.deepEqual(rows, [
      { value: 'new', metrics: { visitors: 30, percentage: 75, visits: 45, visits_per_visitor: 1.5 } },
      { value: 'returning', metrics: { visitors: 10, percentage: 25, visits: 40, visits_per_visitor: 4 } },
    ]);
    const shares = toRows(tab('consent', 'methods'), {
      results: [
        { dimensions: ['accept-all'], metrics: [3] },
        { dimensions: ['reject-all'], metrics: [1] },
      ],
    });
    assert.deepEqual(
      shares.map((row) => row.metrics.share),
      [75, 25],
    );
  });
});
