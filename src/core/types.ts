/**
 * Public types shared by the consent core, the elements, the tracker and the
 * collector (through `consent-gate/protocol`). This module has no runtime code.
 * @packageDocumentation
 */

/** How a visitor's consent decision was reached. */
export type ConsentMethod = 'accept-all' | 'reject-all' | 'custom' | 'gpc';

/** A visitor's consent decision, as stored in the `cg_consent` cookie and sent to `POST /consent`. */
export interface ConsentState {
  /** Random consent id (proof of consent), from `crypto.randomUUID()`. */
  id: string;
  /** Policy revision the decision was made under. */
  revision: number;
  /** ISO 8601 time the decision was made. */
  timestamp: string;
  /** How the decision was reached. */
  method: ConsentMethod;
  /** Category name to granted flag; required categories are always `true`. */
  categories: Record<string, boolean>;
}

/** Properties of a custom event: at most 32, with string, number or boolean values. */
export type EventProps = Record<string, string | number | boolean>;

/** What an event says about the page it belongs to. */
export interface Page {
  /** Origin and path, without query or fragment. */
  url: string;
  /** The path. */
  path: string;
  /** `document.title`. */
  title: string;
  /** The site-search term, when the page URL has one. */
  search?: string;
}

/** One event as sent to `POST {collector}/collect`. */
export interface WireEvent extends Page {
  /** `pageview`, `engagement` or `event`. */
  type: 'pageview' | 'engagement' | 'event';
  /** The referring page's origin and path, or `''`. */
  referrer: string;
  /** `cg_vid`. */
  visitorId: string;
  /** The visit's id (`cg_visit`). */
  visitId: string;
  /** When the visit started (ISO 8601). */
  visitStart: string;
  /** Client time (ISO 8601). */
  ts: string;
  /** `navigator.language`. */
  language: string;
  /** Screen size, `WxH`. */
  screen: string;
  /** IANA time zone. */
  timezone: string;
  /** Visible time on the page, with `engagement`. */
  engagedMs?: number;
  /** Event name, with `event`. */
  name?: string;
  /** Event properties, with `event`. */
  props?: EventProps;
  /** The consent that allows this event. */
  consent: { id: string; revision: number; analytics: true };
}
