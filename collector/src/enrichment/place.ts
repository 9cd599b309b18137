/**
 * A visitor's place (country and ISP) from the client address, or the country
 * from the operator's trusted proxy header.
 * @packageDocumentation
 */

import type { IncomingHttpHeaders } from 'node:http';
import { publicAddress } from './client-address.js';
import { countryCode } from './country-code.js';
import type { IpDatabases } from './ip-databases.js';
import type { Place } from './types.js';

/** Addresses whose place is remembered: a visitor sends several events, and lookups repeat. */
const PLACE_CACHE_SIZE = 10_000;

/** Longer than any IPv6 address with a zone id: not an address, and not worth a cache entry. */
const MAX_ADDRESS_LENGTH = 64;

const UNKNOWN: Place = Object.freeze({ country: null, isp: null });

/**
 * Build `place(address, headers)`. With `countryHeader`, that header gives the
 * country when the request has it (a proxy the operator trusts set it; a value
 * that is not a country code, such as `XX` or Tor's `T1`, is unknown, not a
 * reason to guess), and the database when it has not. Without `countryHeader`
 * no header is ever read, so a visitor cannot forge a country. The ISP always
 * comes from the address.
 */
export function createPlaceLookup(
  databases: IpDatabases,
  countryHeader: string | undefined,
): (address: string | undefined, headers: IncomingHttpHeaders) => Place {
  const header = countryHeader?.trim().toLowerCase() || undefined;
  const cache = new Map<string, Place>();

  const fromAddress = (address: string | undefined): Place => {
    if (!address || address.length > MAX_ADDRESS_LENGTH) return UNKNOWN;
    let place = cache.get(address);
    if (!place) {
      const ip = publicAddress(address);
      place = ip ? { country: databases.country(ip), isp: databases.isp(ip) } : UNKNOWN;
      if (cache.size >= PLACE_CACHE_SIZE) cache.clear();
      cache.set(address, place);
    }
    return place;
  };

  return (address, headers) => {
    try {
      const place = fromAddress(address);
      if (!header) return { ...place };
      const value = headers[header];
      if (value === undefined) return { ...place };
      return { country: countryCode(Array.isArray(value) ? value[0] : value), isp: place.isp };
    } catch {
      // A lookup never stops an event from being stored.
      return { ...UNKNOWN };
    }
  };
}
