/**
 * What the collector derives from a request at ingestion, once, and stores with
 * each event: the visitor's device, place and acquisition (where the visit came from).
 * @packageDocumentation
 */

import type { IncomingHttpHeaders } from 'node:http';

/** Device classes the collector reports. */
export type DeviceClass = 'desktop' | 'mobile' | 'tablet';

/** The acquisition channels, in the order the documentation lists them. */
export const CHANNELS = [
  'Direct',
  'Organic Search',
  'Paid Search',
  'Organic Social',
  'Paid Social',
  'Email',
  'Referral',
  'AI Assistants',
  'Display',
  'Affiliates',
  'Organic Video',
  'Paid Other',
] as const;

/** One acquisition channel. */
export type Channel = (typeof CHANNELS)[number];

/** The five `utm_*` parameters of a page URL, only those present. */
export interface Utm {
  source?: string;
  medium?: string;
  campaign?: string;
  term?: string;
  content?: string;
}

/** Where a visitor is, from the client address (or the operator's country header). */
export interface Place {
  /** ISO 3166-1 alpha-2 country code in capitals, or null when unknown. */
  country: string | null;
  /** The network's organisation (the ISP), or null when unknown. */
  isp: string | null;
}

/** Where a page view came from. */
export interface Acquisition {
  /** `utm_source` when present, else the referrer's service name, else `Direct / None`. */
  source: string;
  /** The acquisition channel. */
  channel: Channel;
  /** Host of an external referrer without `www.`, or null for direct or internal traffic. */
  referrerHost: string | null;
}

/** The source of a visit without an external referrer or `utm_source`. */
export const DIRECT_SOURCE = 'Direct / None';

/** Everything ingestion derives from the request, besides the user agent. */
export interface Enricher {
  /**
   * The visitor's place from the client address as the socket (or trusted
   * proxy) reported it, before `--ip` truncates or drops it, and the request
   * headers (the operator's `--country-header`). Never throws; unknown is null.
   */
  place(address: string | undefined, headers: IncomingHttpHeaders): Place;
  /**
   * Source and channel of a page view from its referrer, its page URL (the
   * site's own host is never a source) and its UTM values. Never throws.
   */
  acquisition(referrer: string | undefined, pageUrl: string, utm: Utm | undefined): Acquisition;
}

/** How an {@link Enricher} is built. */
export interface EnricherOptions {
  /**
   * Request header holding the visitor's country (e.g. `cf-ipcountry`), set by
   * a proxy the operator trusts. Only this header is read; without it the
   * offline IP database decides.
   */
  countryHeader?: string;
}
