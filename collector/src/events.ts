/**
 * Mapping between the wire format of an event (docs/reference.md#events) and the stored record.
 * @packageDocumentation
 */

import type { EventType, PropValue, StoredEvent } from './storage/storage.js';

/** An event as the browser sends it, after schema validation. */
export interface WireEvent {
  type: EventType;
  url: string;
  path: string;
  title?: string;
  referrer?: string;
  search?: string;
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
  /** ISO server time. */
  receivedAt: string;
}

/** An event as returned to its visitor by `GET /visitor/:id`. */
export type VisitorEvent = Omit<StoredEvent, 'consentId' | 'consentRevision' | 'browser' | 'referrerHost'> & {
  consent: { id: string | null; revision: number | null; analytics: true };
};

/** True when the event carries analytics consent (`consent.analytics === true`). */
export function hasAnalyticsConsent(event: WireEvent): boolean {
  return event.consent?.analytics === true;
}

/** Build the stored record; client times are normalised to UTC ISO strings. */
export function toStoredEvent(event: WireEvent, arrival: ArrivalContext): StoredEvent {
  return {
    type: event.type,
    url: event.url,
    path: event.path,
    title: event.title ?? null,
    referrer: event.referrer ?? null,
    search: event.search ?? null,
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
    receivedAt: arrival.receivedAt,
  };
}

/** The data-access view of a stored event. */
export function toVisitorEvent(stored: StoredEvent): VisitorEvent {
  const { consentId, consentRevision, browser: _browser, referrerHost: _host, ...rest } = stored;
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
