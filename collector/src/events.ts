/**
 * Mapping between the wire format of an event (SPEC §7) and the stored record.
 * @packageDocumentation
 */

import type { Enricher } from './enrichment/index.js';
import type { EventType, PropValue, StoredEvent, UtmTags } from './storage/storage.js';

/** An event as the browser sends it, after schema validation. */
export interface WireEvent {
  type: EventType;
  url: string;
  path: string;
  title?: string;
  referrer?: string;
  search?: string;
  utm?: UtmTags;
  visitorId: string;
  visitId: string;
  visitStart?: string;
  ts: string;
  language?: string;
  screen?: string;
  timezone?: string;
  engagedMs?: number;
  name?: string;
  props?: Record<string, PropValue>;
  consent?: { id?: string; revision?: number; analytics?: unknown };
}

/** What the collector adds to every event of one request. */
export interface ArrivalContext {
  /** IP address after the `--ip` policy. */
  ip: string | null;
  /** `User-Agent` header. */
  userAgent: string | null;
  /** Browser name parsed from the user agent. */
  browser: string | null;
  /** Operating system parsed from the user agent. */
  os: string | null;
  /** Device class parsed from the user agent. */
  device: string | null;
  /** Country of the client address (or of the operator's country header), looked up before the `--ip` policy. */
  country: string | null;
  /** The network's organisation, looked up before the `--ip` policy. */
  isp: string | null;
  /** Source and channel of each page view (the enricher, or a stand-in in tests of this module). */
  enricher: Pick<Enricher, 'acquisition'>;
  /** ISO server time. */
  receivedAt: string;
}

/** Fields the collector derives for statistics: they are no part of the visitor's own data (`GET /visitor/:id`). */
type DerivedField = 'browser' | 'referrerHost' | 'os' | 'device' | 'country' | 'isp' | 'source' | 'channel' | 'hostname';

/** An event as returned to its visitor by `GET /visitor/:id`. */
export type VisitorEvent = Omit<StoredEvent, 'consentId' | 'consentRevision' | DerivedField> & {
  consent: { id: string | null; revision: number | null; analytics: true };
};

/** True when the event carries analytics consent (`consent.analytics === true`). */
export function hasAnalyticsConsent(event: WireEvent): boolean {
  return event.consent?.analytics === true;
}

/** Build the stored record, enriched once; client times are normalised to UTC ISO strings. */
export function toStoredEvent(event: WireEvent, arrival: ArrivalContext): StoredEvent {
  const utm = event.utm && Object.keys(event.utm).length > 0 ? event.utm : null;
  const acquisition = arrival.enricher.acquisition(event.referrer, event.url, utm ?? undefined);
  return {
    type: event.type,
    url: event.url,
    path: event.path,
    title: event.title ?? null,
    referrer: event.referrer ?? null,
    search: event.search ?? null,
    utm,
    visitorId: event.visitorId,
    visitId: event.visitId,
    visitStart: normaliseTime(event.visitStart),
    ts: normaliseTime(event.ts),
    language: event.language ?? null,
    screen: event.screen ?? null,
    timezone: event.timezone ?? null,
    engagedMs: event.engagedMs ?? null,
    name: event.name ?? null,
    props: event.props ?? null,
    consentId: event.consent?.id ?? null,
    consentRevision: event.consent?.revision ?? null,
    ip: arrival.ip,
    userAgent: arrival.userAgent,
    browser: arrival.browser,
    referrerHost: externalHost(event.referrer, event.url),
    os: arrival.os,
    device: arrival.device,
    country: arrival.country,
    isp: arrival.isp,
    source: acquisition.source,
    channel: acquisition.channel,
    hostname: hostnameOf(event.url),
    receivedAt: arrival.receivedAt,
  };
}

/** The data-access view of a stored event: what the visitor sent, and what the collector added (`ip`, `userAgent`, `receivedAt`). */
export function toVisitorEvent(stored: StoredEvent): VisitorEvent {
  const {
    consentId,
    consentRevision,
    browser: _browser,
    referrerHost: _host,
    os: _os,
    device: _device,
    country: _country,
    isp: _isp,
    source: _source,
    channel: _channel,
    hostname: _hostname,
    ...rest
  } = stored;
  return { ...rest, consent: { id: consentId, revision: consentRevision, analytics: true } };
}

/** What `Date.prototype.toISOString` produces, as the SDK sends it. */
const CANONICAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function normaliseTime(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (CANONICAL_TIME.test(value)) return value;
  const time = Date.parse(value);
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}

/** Host of the referrer when it is another site than the page; null for direct or internal traffic. */
export function externalHost(referrer: string | undefined, pageUrl: string): string | null {
  if (!referrer) return null;
  const host = hostOf(referrer);
  return host && host !== hostOf(pageUrl) ? host : null;
}

/** Most URLs whose host is remembered: a site has few pages and referrers repeat. */
const HOST_CACHE_SIZE = 1000;
const hosts = new Map<string, string | null>();

/** Host of a URL (WHATWG parsing), or null; cached, since parsing is the costly part of a referrer check. */
function hostOf(url: string): string | null {
  let host = hosts.get(url);
  if (host === undefined) {
    try {
      host = new URL(url).host || null;
    } catch {
      host = null;
    }
    if (hosts.size >= HOST_CACHE_SIZE) hosts.clear();
    hosts.set(url, host);
  }
  return host;
}

/** Host name of a page URL without its port (the WHATWG parser writes it in lower case), or null. */
function hostnameOf(url: string): string | null {
  const host = hostOf(url);
  if (host === null) return null;
  // An IPv6 literal keeps its brackets and colons; a port follows the last colon after them.
  const port = host.lastIndexOf(':');
  return port > host.lastIndexOf(']') ? host.slice(0, port) : host;
}
