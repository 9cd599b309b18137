/**
 * Visits, kept up to date at ingestion: the events of one write are folded,
 * per visit, into a {@link VisitDelta}, and each delta is merged into the
 * `visits` table in the same transaction as the events (both stores run the
 * same merge, {@link VISIT_MERGE}). A visit is computed once, here, and never
 * again per query: its entry attributes, bounce and duration are the same under
 * every breakdown.
 *
 * A visit exists once one of its page views or custom events arrived; an
 * engagement event only extends a visit that exists (an engagement alone, e.g.
 * from a tab left open past the visit's 30 minutes, makes no visit). The visit
 * keeps what it started with: the attributes of its first page view (of its
 * first custom event until a page view arrives).
 * @packageDocumentation
 */

import type { StoredEvent } from './storage.js';

/** What a visit keeps from the event it started with: column name and how it is read from the event. */
export const VISIT_ENTRY_COLUMNS = [
  ['entry_page', (e) => e.path],
  ['hostname', (e) => e.hostname],
  ['source', (e) => e.source],
  ['referrer', (e) => visitReferrer(e)],
  ['channel', (e) => e.channel],
  ['utm_source', (e) => e.utm?.source ?? null],
  ['utm_medium', (e) => e.utm?.medium ?? null],
  ['utm_campaign', (e) => e.utm?.campaign ?? null],
  ['utm_term', (e) => e.utm?.term ?? null],
  ['utm_content', (e) => e.utm?.content ?? null],
  ['country', (e) => e.country],
  ['isp', (e) => e.isp],
  ['device', (e) => e.device],
  ['browser', (e) => e.browser],
  ['os', (e) => e.os],
  ['screen', (e) => e.screen],
  ['language', (e) => e.language],
] as const satisfies readonly (readonly [string, (event: StoredEvent) => string | null])[];

/** A visit column that holds an entry attribute. */
export type VisitEntryColumn = (typeof VISIT_ENTRY_COLUMNS)[number][0];

/** What one write adds to one visit. */
export interface VisitDelta {
  /** The visit (`visitId`). */
  visitId: string;
  /** Its visitor. */
  visitorId: string;
  /** True when the write holds a page view or a custom event of the visit (it may create it). */
  creates: boolean;
  /** True for the first creating delta of its visitor in this write (only that one may be the visitor's first visit). */
  firstOfVisitor: boolean;
  /** Arrival (ms since the epoch) of the first page view or custom event: when the visit started, if it is new. */
  startedAt: number;
  /** Client time the visit started (`visitStart`, else the first event's `ts`), in ms. */
  startTs: number | null;
  /** Latest client time (`ts`) of the write's events of the visit, engagement included, in ms. */
  lastTs: number | null;
  /** Entry attributes, by column. */
  entry: Record<VisitEntryColumn, string | null>;
  /** Path of the latest page view (by client time, then arrival), or null without page views. */
  exitPage: string | null;
  /** Client time of that page view (0 when it had none). */
  exitTs: number | null;
  /** Page views. */
  pageviews: number;
  /** Custom events. */
  events: number;
}

/**
 * Fold `events` (in arrival order) into one delta per visit, in the order the
 * visits first appear. Events without a visit id have none.
 */
export function visitDeltas(events: readonly StoredEvent[]): VisitDelta[] {
  const byVisit = new Map<string, VisitDelta>();
  for (const event of events) {
    if (event.visitId === null) continue;
    const delta = byVisit.get(event.visitId);
    if (delta) addEvent(delta, event);
    else byVisit.set(event.visitId, newDelta(event));
  }
  const deltas = [...byVisit.values()];
  const seenVisitors = new Set<string>();
  for (const delta of deltas) {
    if (!delta.creates || seenVisitors.has(delta.visitorId)) continue;
    delta.firstOfVisitor = true;
    seenVisitors.add(delta.visitorId);
  }
  return deltas;
}

/** The visit's external referrer as shown: the URL without its scheme and `www.`; null for direct or internal traffic. */
function visitReferrer(event: StoredEvent): string | null {
  if (event.referrerHost === null || !event.referrer) return null;
  return event.referrer.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^www\./i, '');
}

const creating = (event: StoredEvent): boolean => event.type !== 'engagement';

const millis = (iso: string | null): number | null => {
  if (iso === null) return null;
  const time = Date.parse(iso);
  return Number.isFinite(time) ? time : null;
};

function entryOf(event: StoredEvent): Record<VisitEntryColumn, string | null> {
  const entry = {} as Record<VisitEntryColumn, string | null>;
  for (const [column, read] of VISIT_ENTRY_COLUMNS) entry[column] = read(event);
  return entry;
}

function newDelta(event: StoredEvent): VisitDelta {
  const ts = millis(event.ts);
  const delta: VisitDelta = {
    visitId: event.visitId!,
    visitorId: event.visitorId,
    creates: false,
    firstOfVisitor: false,
    startedAt: Date.parse(event.receivedAt),
    startTs: millis(event.visitStart) ?? ts,
    lastTs: ts,
    entry: entryOf(event),
    exitPage: null,
    exitTs: null,
    pageviews: 0,
    events: 0,
  };
  count(delta, event, ts);
  return delta;
}

function addEvent(delta: VisitDelta, event: StoredEvent): void {
  const ts = millis(event.ts);
  if (creating(event) && !delta.creates) {
    // The first page view or custom event starts the visit; engagement before it only extends it.
    delta.startedAt = Date.parse(event.receivedAt);
    delta.entry = entryOf(event);
  } else if (event.type === 'pageview' && delta.pageviews === 0) {
    // A page view replaces the attributes a custom event started the visit with.
    delta.entry = entryOf(event);
  }
  delta.startTs ??= millis(event.visitStart) ?? ts;
  if (ts !== null && (delta.lastTs === null || ts > delta.lastTs)) delta.lastTs = ts;
  count(delta, event, ts);
}

function count(delta: VisitDelta, event: StoredEvent, ts: number | null): void {
  if (!creating(event)) return;
  delta.creates = true;
  if (event.type === 'event') {
    delta.events += 1;
    return;
  }
  delta.pageviews += 1;
  const exitTs = ts ?? 0;
  if (delta.exitTs === null || exitTs >= delta.exitTs) {
    delta.exitPage = event.path;
    delta.exitTs = exitTs;
  }
}

/** The columns a creating delta inserts into `visits`, in order (`is_new` is computed by the store). */
export const VISIT_INSERT_COLUMNS = [
  'visit_id',
  'visitor_id',
  'started_at',
  'start_ts',
  'last_ts',
  ...VISIT_ENTRY_COLUMNS.map(([column]) => column),
  'exit_page',
  'exit_ts',
  'pageviews',
  'events',
] as const;

/** A creating delta's values in {@link VISIT_INSERT_COLUMNS} order. */
export function visitInsertParams(d: VisitDelta): unknown[] {
  return [
    d.visitId,
    d.visitorId,
    d.startedAt,
    d.startTs,
    d.lastTs,
    ...VISIT_ENTRY_COLUMNS.map(([column]) => d.entry[column]),
    d.exitPage,
    d.exitTs,
    d.pageviews,
    d.events,
  ];
}

/** The later of the stored and the new `last_ts`. */
const LATER_LAST_TS = 'CASE WHEN visits.last_ts IS NULL OR excluded.last_ts > visits.last_ts THEN excluded.last_ts ELSE visits.last_ts END';

/**
 * `ON CONFLICT (visit_id) DO UPDATE SET …`: how a delta merges into a stored
 * visit, in SQL both stores run (`visits` is the stored row, `excluded` the
 * delta). The visit keeps its start, visitor and new/returning flag; its entry
 * attributes change only from a custom event's to its first page view's.
 */
export const VISIT_MERGE = [
  'start_ts = COALESCE(visits.start_ts, excluded.start_ts)',
  `last_ts = ${LATER_LAST_TS}`,
  ...VISIT_ENTRY_COLUMNS.map(
    ([column]) => `${column} = CASE WHEN visits.pageviews = 0 AND excluded.pageviews > 0 THEN excluded.${column} ELSE visits.${column} END`,
  ),
  ...['exit_page', 'exit_ts'].map(
    (column) =>
      `${column} = CASE WHEN excluded.exit_ts IS NOT NULL AND (visits.exit_ts IS NULL OR excluded.exit_ts >= visits.exit_ts) THEN excluded.${column} ELSE visits.${column} END`,
  ),
  'pageviews = visits.pageviews + excluded.pageviews',
  'events = visits.events + excluded.events',
].join(',\n    ');

/** The `last_ts` an engagement-only delta (`value`) gives a stored visit (`stored`, its `last_ts`). */
export const EXTENDED_LAST_TS = (stored: string, value: string): string =>
  `CASE WHEN ${stored} IS NULL OR ${value} > ${stored} THEN ${value} ELSE ${stored} END`;
