/**
 * The storage contract of the collector. The HTTP layer only talks to this
 * interface, so that SQLite (embedded default) and PostgreSQL (scale-out) are
 * interchangeable. Every method is async because a network
 * database needs it; a resolved write promise means "committed, durable".
 * @packageDocumentation
 */

import type { ConsentMethod } from 'consent-gate/protocol';
import type { RollupChange } from './rollup-writes.js';

/** Property values a custom event may carry (SPEC §7 `props`). */
export type PropValue = string | number | boolean;

/** Kinds of analytics events (SPEC §7). */
export type EventType = 'pageview' | 'engagement' | 'event';

/** The campaign tags of the page URL (SPEC §7 `utm`), only those present. */
export interface UtmTags {
  source?: string;
  medium?: string;
  campaign?: string;
  term?: string;
  content?: string;
}

/** One analytics event as stored: the SPEC §7 fields plus what the collector adds. */
export interface StoredEvent {
  /** `pageview`, `engagement` or `event`. */
  type: EventType;
  /** Full page URL. */
  url: string | null;
  /** Page path. */
  path: string | null;
  /** Document title. */
  title: string | null;
  /** `document.referrer` as sent. */
  referrer: string | null;
  /** Site-search term, when the page was a search result page. */
  search: string | null;
  /** The page URL's campaign tags, or null without any. */
  utm: UtmTags | null;
  /** Random visitor id (`cg_vid`). */
  visitorId: string;
  /** Random visit id (`cg_visit`). */
  visitId: string | null;
  /** ISO time the visit started (client clock). */
  visitStart: string | null;
  /** ISO time of the event (client clock). */
  ts: string | null;
  /** Browser language. */
  language: string | null;
  /** Screen size as `WxH`. */
  screen: string | null;
  /** IANA time zone. */
  timezone: string | null;
  /** Visible time on the page in ms (engagement events). */
  engagedMs: number | null;
  /** Custom event name. */
  name: string | null;
  /** Custom event properties. */
  props: Record<string, PropValue> | null;
  /** Id of the consent decision the event was sent under. */
  consentId: string | null;
  /** Policy revision of that consent decision. */
  consentRevision: number | null;
  /** Client IP address, after the `--ip` policy (null with `--ip none`). */
  ip: string | null;
  /** `User-Agent` request header. */
  userAgent: string | null;
  /** Browser name parsed from the user agent at ingestion (for statistics). */
  browser: string | null;
  /** Host of an external referrer (for statistics); null for direct or internal traffic. */
  referrerHost: string | null;
  /** Operating system from the user agent, at ingestion. */
  os: string | null;
  /** Device class from the user agent (`desktop`, `mobile`, `tablet`), at ingestion. */
  device: string | null;
  /** ISO 3166-1 alpha-2 country, from the client address or the operator's country header, at ingestion. */
  country: string | null;
  /** The network's organisation, from the client address, at ingestion. */
  isp: string | null;
  /** Where the page view came from (`utm_source`, the referrer's service, or `Direct / None`), at ingestion. */
  source: string | null;
  /** The acquisition channel, at ingestion. */
  channel: string | null;
  /** Host name of the page URL, in lower case. */
  hostname: string | null;
  /** ISO server time the event arrived. */
  receivedAt: string;
}

/** A proof-of-consent record (SPEC §8 `POST /consent`). */
export interface ConsentRecord {
  /** Consent id chosen by the browser. */
  consentId: string;
  /** Policy revision. */
  revision: number;
  /** ISO time the visitor decided (client clock). */
  timestamp: string;
  /** How the decision was reached. */
  method: ConsentMethod;
  /** Category name to granted flag. */
  categories: Record<string, boolean>;
  /** Truncated client IP, or null with `--ip none`. */
  ip: string | null;
  /** `User-Agent` request header. */
  userAgent: string | null;
  /** ISO server time the record arrived. */
  receivedAt: string;
}

/** An inclusive range of UTC calendar days, both `YYYY-MM-DD`. */
export interface StatsRange {
  /** First day. */
  from: string;
  /** Last day (inclusive). */
  to: string;
}

/** Aggregated statistics for a range (SPEC §8 `GET /stats`). */
export interface Stats extends StatsRange {
  /** Number of `pageview` events. */
  pageviews: number;
  /** Distinct visitor ids. */
  visitors: number;
  /** Distinct visit ids. */
  visits: number;
  /** Mean of (last event `ts` − `visitStart`) over the visits, in whole seconds. */
  avgVisitSeconds: number;
  /** Most viewed paths. */
  topPages: { path: string; pageviews: number }[];
  /** External referrer hosts by the visits they started. */
  referrers: { referrer: string; visits: number }[];
  /** Browsers by distinct visitors. */
  browsers: { browser: string; visitors: number }[];
  /** One entry per day of the range, zeros included. */
  days: { date: string; pageviews: number; visitors: number }[];
  /** Consent decisions received in the range (`POST /consent` records). */
  consents: ConsentStats;
}

/** Consent decisions by method. */
export interface ConsentCounts {
  /** All decisions. */
  total: number;
  /** `accept-all` decisions. */
  acceptAll: number;
  /** `reject-all` decisions. */
  rejectAll: number;
  /** `custom` decisions (some categories chosen). */
  custom: number;
  /** `gpc` decisions (refusal signalled by Global Privacy Control). */
  gpc: number;
}

/** Consent decisions of a range: totals, shares and one entry per day. */
export interface ConsentStats extends ConsentCounts {
  /** Each method's fraction of `total` (0 to 1, four decimals; all 0 without decisions). */
  shares: Omit<ConsentCounts, 'total'>;
  /** One entry per day of the range, zeros included. */
  days: ({ date: string } & ConsentCounts)[];
}

/** Rows removed by a retention purge. */
export interface PurgeResult {
  /** Events removed. */
  events: number;
  /** Consent records removed. */
  consents: number;
  /** Visits removed (those that started before the cutoff). */
  visits: number;
}

/** One SQL statement of a read: text in the store's dialect and its bound parameters. */
export interface SqlStatement {
  /** The statement, with the store's placeholders (`$p1…` for SQLite, `$1…` for PostgreSQL). */
  sql: string;
  /** Values bound to the placeholders, in order. */
  params: readonly unknown[];
}

/** A result row as the driver gives it. */
export type SqlRow = Record<string, unknown>;

/**
 * What the collector needs from a database. Writes resolve only once committed.
 */
export interface Storage {
  /** Short name for `/health`, which is also the SQL dialect of {@link Storage.read}. */
  readonly kind: 'sqlite' | 'postgres';
  /** Store events atomically: all or none. */
  insertEvents(events: readonly StoredEvent[]): Promise<void>;
  /** Store one proof-of-consent record. */
  insertConsent(record: ConsentRecord): Promise<void>;
  /**
   * Every stored event of a visitor, oldest first, one page (at most a few
   * hundred events) at a time: a history of any length is read in bounded
   * memory, and never in one long blocking call. Nothing for an unknown id.
   */
  visitorEvents(visitorId: string): AsyncIterable<StoredEvent[]>;
  /**
   * Erase every event of a visitor, a bounded number of rows per transaction;
   * resolves once all are gone. Unknown ids are not an error.
   */
  deleteVisitor(visitorId: string): Promise<void>;
  /** Remove events and consent records received before `cutoff`. */
  purgeReceivedBefore(cutoff: Date): Promise<PurgeResult>;
  /** Aggregate statistics over a range of days (by `receivedAt`, UTC). */
  stats(range: StatsRange): Promise<Stats>;
  /**
   * Run read-only statements (the query engine's), all on one snapshot of the
   * data, and resolve the rows of each. They must not block the collector's
   * other work: SQLite runs them on a thread of its own.
   */
  read(statements: readonly SqlStatement[]): Promise<SqlRow[][]>;
  /** Apply one change of the roll-ups (`query/rollup-maintainer.ts`) in one short transaction. */
  writeRollups(change: RollupChange): Promise<void>;
  /**
   * Take the right to maintain the roll-ups, so that only one collector on a
   * database does; resolves a function that gives it back, or null when
   * another collector holds it.
   */
  lockRollups(): Promise<(() => Promise<void>) | null>;
  /** Flush pending writes and release the database. */
  close(): Promise<void>;
}
