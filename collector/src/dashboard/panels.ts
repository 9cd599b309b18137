/**
 * What each panel shows: its tabs, and for each tab the dimension it breaks
 * down by, the metrics of its columns and how a row filters the dashboard.
 * Data only: the queries are built from it (queries.ts) and the tables drawn
 * from it (table.ts), so a new tab is one entry here. Pure: no DOM.
 * @packageDocumentation
 */

/** How a tab draws its rows. */
export type TabKind =
  /** A table: label, the first metric with a bar behind it, the share, the other metrics. */
  | 'table'
  /** Page views by day of week × hour of day. */
  | 'heatmap'
  /** Consent decisions per day and method. */
  | 'by-day'
  /** One consent record by id; the records of the range as a file. */
  | 'consent-log'
  /** The values of one custom-event property. */
  | 'properties';

/** One tab of a panel. */
export interface TabDefinition {
  id: string;
  label: string;
  kind: TabKind;
  /** The dimension the rows are (for `table`). */
  dimension: string;
  /** Heading of the label column. */
  column: string;
  /** The metrics of the columns; the first one gets the bar. */
  metrics: readonly string[];
  /** True when a click on a row adds a filter on {@link dimension}. */
  filters: boolean;
  /** True when the tab has a search box (a `contains` filter on its dimension). */
  search: boolean;
  /** How labels read: country codes become names. */
  labels?: 'country';
  /** Shown only while the dashboard has a filter on this dimension. */
  needsFilter?: string;
  /** Consent records, not events: the dashboard's filters do not apply. */
  consent?: boolean;
  /** Column headings of this tab that differ from {@link METRIC_LABELS}. */
  headings?: Readonly<Record<string, string>>;
  /** Values left out of the table (an `is_not` filter on its dimension): "no campaign" is not a campaign. */
  hide?: readonly string[];
}

/** A panel: a titled card with tabs. */
export interface PanelDefinition {
  id: string;
  title: string;
  tabs: readonly TabDefinition[];
}

const VISITORS = ['visitors', 'percentage'] as const;
/** What the query API answers for a missing value. */
const NOT_SET = ['(not set)'];

function table(
  id: string,
  label: string,
  dimension: string,
  column: string,
  metrics: readonly string[] = VISITORS,
  extra: Partial<TabDefinition> = {},
): TabDefinition {
  return { id, label, kind: 'table', dimension, column, metrics, filters: true, search: true, ...extra };
}

/** Every panel, in page order. */
export const PANELS: readonly PanelDefinition[] = [
  {
    id: 'sources',
    title: 'Sources',
    tabs: [
      table('channels', 'Channels', 'visit:channel', 'Channel', VISITORS, { search: false }),
      table('sources', 'Sources', 'visit:source', 'Source'),
      table('campaigns', 'Campaigns', 'visit:utm_campaign', 'UTM campaign', VISITORS, { hide: NOT_SET }),
      table('mediums', 'Mediums', 'visit:utm_medium', 'UTM medium', VISITORS, { hide: NOT_SET }),
      table('utm-sources', 'UTM sources', 'visit:utm_source', 'UTM source', VISITORS, { hide: NOT_SET }),
    ],
  },
  {
    id: 'pages',
    title: 'Pages',
    tabs: [
      table('top', 'Top pages', 'event:page', 'Page', ['visitors', 'percentage', 'pageviews', 'time_on_page']),
      table('entry', 'Entry pages', 'visit:entry_page', 'Entry page', ['visitors', 'percentage', 'visits']),
      table('exit', 'Exit pages', 'visit:exit_page', 'Exit page', ['visitors', 'percentage', 'visits']),
    ],
  },
  {
    id: 'locations',
    title: 'Locations',
    tabs: [
      table('countries', 'Countries', 'visit:country', 'Country', VISITORS, { labels: 'country' }),
      table('isps', 'ISPs', 'visit:isp', 'Network (ISP)'),
    ],
  },
  {
    id: 'devices',
    title: 'Devices',
    tabs: [
      table('browsers', 'Browsers', 'visit:browser', 'Browser'),
      table('oses', 'Operating systems', 'visit:os', 'Operating system'),
      table('devices', 'Devices', 'visit:device', 'Device', VISITORS, { search: false }),
      table('screens', 'Screens', 'visit:screen', 'Screen size'),
    ],
  },
  {
    id: 'searches',
    title: 'Site searches',
    tabs: [table('terms', 'Search terms', 'event:search', 'Search term', ['visitors', 'percentage', 'pageviews'], { hide: NOT_SET })],
  },
  {
    id: 'events',
    title: 'Custom events',
    tabs: [
      // The share of a custom event's visitors among all visitors of the range and filters is its conversion rate.
      table('events', 'Events', 'event:name', 'Event', ['visitors', 'events', 'percentage'], {
        headings: { percentage: 'Conversion rate' },
        // Page views are the event `pageview`: not a custom event.
        hide: ['pageview'],
      }),
      {
        id: 'properties',
        label: 'Properties',
        kind: 'properties',
        dimension: 'event:props:',
        column: 'Value',
        metrics: ['visitors', 'percentage', 'events'],
        filters: true,
        search: false,
        needsFilter: 'event:name',
        // Page views and events without the property.
        hide: ['(none)'],
      },
    ],
  },
  {
    id: 'visitors',
    title: 'Visitors',
    tabs: [
      table('type', 'New and returning', 'visit:visitor_type', 'Visitor', ['visitors', 'percentage', 'visits', 'visits_per_visitor'], {
        search: false,
      }),
      {
        id: 'times',
        label: 'Access times',
        kind: 'heatmap',
        dimension: 'time:day_of_week',
        column: 'Day',
        metrics: ['pageviews'],
        filters: false,
        search: false,
      },
    ],
  },
  {
    id: 'consent',
    title: 'Consent',
    tabs: [
      table('methods', 'Decisions', 'consent:method', 'Decision', ['decisions', 'share'], { filters: false, search: false, consent: true }),
      {
        id: 'days',
        label: 'By day',
        kind: 'by-day',
        dimension: 'time:day',
        column: 'Day',
        metrics: ['decisions'],
        filters: false,
        search: false,
        consent: true,
      },
      {
        id: 'log',
        label: 'Consent log',
        kind: 'consent-log',
        dimension: '',
        column: '',
        metrics: [],
        filters: false,
        search: false,
        consent: true,
      },
    ],
  },
];

/** Column headings of the metrics. */
export const METRIC_LABELS: Readonly<Record<string, string>> = {
  visitors: 'Visitors',
  visits: 'Visits',
  pageviews: 'Page views',
  views_per_visit: 'Views per visit',
  bounce_rate: 'Bounce rate',
  visit_duration: 'Visit duration',
  time_on_page: 'Time on page',
  events: 'Events',
  percentage: '%',
  conversion_rate: 'Conversion rate',
  decisions: 'Decisions',
  opt_in_rate: 'Opt-in rate',
  share: '%',
  visits_per_visitor: 'Visits per visitor',
};

/** Metrics the dashboard works out itself from others of the same row: they are never asked for. */
export const DERIVED_METRICS: Readonly<Record<string, (row: Readonly<Record<string, number | null>>, total: number) => number | null>> = {
  visits_per_visitor: (row) => (row.visitors ? Math.round(((row.visits ?? 0) / row.visitors) * 100) / 100 : null),
  share: (row, total) => (total > 0 ? Math.round(((row.decisions ?? 0) / total) * 1000) / 10 : null),
};

/** The heading of `metric`'s column in `tab`, in full (`%` columns read "% of total"). */
export function metricHeading(tab: TabDefinition, metric: string): string {
  const heading = tab.headings?.[metric];
  if (heading) return heading;
  return metric === 'percentage' || metric === 'share' ? '% of total' : (METRIC_LABELS[metric] ?? metric);
}

/** The panel and tab of `panelId`.`tabId`, or the panel's first tab. */
export function tabOf(panel: PanelDefinition, tabId: string | undefined): TabDefinition {
  return panel.tabs.find((tab) => tab.id === tabId) ?? panel.tabs[0]!;
}

/** Readable names of the dimensions, for the filter chips. */
export const DIMENSION_LABELS: Readonly<Record<string, string>> = Object.fromEntries([
  ...PANELS.flatMap((panel) => panel.tabs.filter((tab) => tab.kind === 'table').map((tab) => [tab.dimension, tab.column])),
  ['event:hostname', 'Site'],
  ['event:name', 'Event'],
]);

/** A readable name for a dimension (`event:props:plan` → `Property plan`). */
export function dimensionLabel(dimension: string): string {
  if (dimension.startsWith('event:props:')) return `Property ${dimension.slice('event:props:'.length)}`;
  return DIMENSION_LABELS[dimension] ?? dimension;
}
