/**
 * Source and channel of a page view from its referrer, its page URL and its
 * UTM values.
 * @packageDocumentation
 */

import { channelOf } from './channel.js';
import { stripWww, type ReferrerList, type Service } from './referrer-list.js';
import { DIRECT_SOURCE, type Acquisition, type Utm } from './types.js';

/** Longest `utm_source` kept as the source; the wire format allows no longer UTM values. */
const MAX_SOURCE_LENGTH = 256;

/** Referrers and page URLs whose parse is remembered: referrers are mostly a few origins, and a site has few pages. */
const URL_CACHE_SIZE = 2000;

/** A referrer (or page) URL, reduced to what acquisition uses. */
interface ReferrerUrl {
  /** Lower-case host without `www.` and without a trailing dot; an Android app's package name for `android-app:`. */
  host: string;
  path: string;
}

/**
 * Build `acquisition(referrer, pageUrl, utm)`.
 *
 * - **source**: `utm_source` as sent (trimmed; at most 256 characters); else
 *   the referrer's service name (`Google`, `Hacker News`); else the referrer's
 *   host without `www.`; else `Direct / None`.
 * - A referrer on the page's own host, or on its `www.`/non-`www.` twin, is
 *   the site itself: no source. So are referrers that are not `http(s):` or
 *   `android-app:` URLs, and `localhost` seen from another host.
 * - **channel**: see `channel.ts`.
 */
export function createAcquisition(
  list: ReferrerList,
): (referrer: string | undefined, pageUrl: string, utm: Utm | undefined) => Acquisition {
  const urls = new Map<string, ReferrerUrl | null>();
  const services = new Map<string, Service | null>();

  const parse = (url: string): ReferrerUrl | null => {
    let parsed = urls.get(url);
    if (parsed === undefined) {
      parsed = parseUrl(url);
      if (urls.size >= URL_CACHE_SIZE) urls.clear();
      urls.set(url, parsed);
    }
    return parsed;
  };

  const serviceAt = (referrer: ReferrerUrl): Service | null => {
    const key = `${referrer.host}${referrer.path}`;
    let service = services.get(key);
    if (service === undefined) {
      service = list.serviceForHost(referrer.host, referrer.path);
      if (services.size >= URL_CACHE_SIZE) services.clear();
      services.set(key, service);
    }
    return service;
  };

  return (referrer, pageUrl, utm) => {
    const page = typeof pageUrl === 'string' ? parse(pageUrl) : null;
    const from = typeof referrer === 'string' && referrer !== '' ? parse(referrer) : null;
    const external = from && from.host !== page?.host && !(from.host === 'localhost' && page) ? from : null;
    const referrerService = external ? serviceAt(external) : null;

    const utmSource = typeof utm?.source === 'string' ? boundedText(utm.source.trim(), MAX_SOURCE_LENGTH) : '';
    const tagged = utmSource ? list.serviceForName(utmSource) : null;
    const source = utmSource || referrerService?.name || external?.host || DIRECT_SOURCE;
    const channel = channelOf({
      category: (tagged ? tagged.service : referrerService)?.category ?? null,
      paidSource: tagged?.paid ?? false,
      utmSource: utmSource.toLowerCase(),
      medium: lowerText(utm?.medium),
      campaign: lowerText(utm?.campaign),
      hasSource: source !== DIRECT_SOURCE,
    });
    return { source, channel, referrerHost: external?.host ?? null };
  };
}

/** Host and path of an `http:`, `https:` or `android-app:` URL, or null. */
function parseUrl(text: string): ReferrerUrl | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'android-app:') return null;
  const host = stripWww(url.hostname.toLowerCase().replace(/\.$/, ''));
  return host ? { host, path: url.pathname || '/' } : null;
}

function lowerText(value: unknown): string {
  return typeof value === 'string' ? boundedText(value.trim(), MAX_SOURCE_LENGTH).toLowerCase() : '';
}

/** `text` cut to `max` UTF-16 units without splitting a surrogate pair. */
function boundedText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}
