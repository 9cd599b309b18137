/**
 * Registrable domains (eTLD+1, from the public suffix list through tldts):
 * which requests are third-party and which links are the same site.
 * @packageDocumentation
 */
import { getDomain, getHostname } from 'tldts';

/** The registrable domain of a URL or host name; the host itself for IP addresses, `localhost` and unknown suffixes. */
export function registrableDomain(urlOrHost: string): string {
  const host = (getHostname(urlOrHost) ?? urlOrHost).toLowerCase();
  return getDomain(host, { allowPrivateDomains: true }) ?? host;
}

/** Whether `url` belongs to another registrable domain than `pageUrl`. */
export function isThirdParty(url: string, pageUrl: string): boolean {
  return registrableDomain(url) !== registrableDomain(pageUrl);
}

/** Whether `value` is an absolute http(s) URL (the only scan targets accepted). */
export function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Up to `max` distinct same-site http(s) links from `hrefs` (absolute URLs),
 * without fragments, other than `startUrl`, in page order.
 */
export function sameSiteLinks(hrefs: string[], startUrl: string, max: number): string[] {
  const start = stripHash(startUrl);
  const seen = new Set<string>([start]);
  const result: string[] = [];
  for (const href of hrefs) {
    if (result.length >= max) break;
    if (!isHttpUrl(href) || isThirdParty(href, startUrl)) continue;
    const url = stripHash(href);
    if (seen.has(url)) continue;
    seen.add(url);
    result.push(url);
  }
  return result;
}

function stripHash(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}
