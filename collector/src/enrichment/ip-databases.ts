/**
 * The offline IP databases, installed from npm with the collector and loaded
 * once per process: every app built in the same process (the test suites build
 * hundreds) shares them. Nothing is fetched over the network, ever.
 *
 * - Country: `@ip-location-db/geo-whois-asn-country-mmdb` (the registries'
 *   WHOIS data, geofeeds and ASN countries merged), read with `mmdb-lib`.
 * - ISP: `@ip-location-db/asn` (RouteViews, the registries and DB-IP's
 *   IP-to-ASN Lite), parsed from CSV into typed arrays.
 * @packageDocumentation
 */

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Reader, type Response } from 'mmdb-lib';
import { AsnTable } from './asn-table.js';
import type { PublicAddress } from './client-address.js';
import { countryCode } from './country-code.js';

/** The files read, resolved through the installed packages. */
export const IP_DATABASE_FILES = {
  country: '@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb',
  asnIpv4: '@ip-location-db/asn/asn-ipv4-num.csv',
  asnIpv6: '@ip-location-db/asn/asn-ipv6.csv',
} as const;

/** Country and ISP of public addresses. */
export interface IpDatabases {
  /** ISO 3166-1 alpha-2 country of the address, or null. */
  country(address: PublicAddress): string | null;
  /** Organisation name of the network the address belongs to, or null. */
  isp(address: PublicAddress): string | null;
  /** Milliseconds the load took (reading and parsing). */
  readonly loadMs: number;
}

let loading: Promise<IpDatabases> | undefined;

/**
 * The process's databases, loaded on the first call (about a second on a
 * small machine, mostly parsing the ASN CSV); every later call gets the same.
 * A failed load is not remembered, so a later call tries again.
 */
export function loadIpDatabases(): Promise<IpDatabases> {
  loading ??= readIpDatabases().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function readIpDatabases(): Promise<IpDatabases> {
  const started = performance.now();
  const require = createRequire(import.meta.url);
  const [countryFile, asnIpv4, asnIpv6] = await Promise.all([
    readFile(require.resolve(IP_DATABASE_FILES.country)),
    readFile(require.resolve(IP_DATABASE_FILES.asnIpv4)),
    readFile(require.resolve(IP_DATABASE_FILES.asnIpv6)),
  ]);
  const countries = new Reader<Response>(countryFile);
  const asn = new AsnTable(asnIpv4, asnIpv6);
  return {
    // The records hold `country_code` only (not MaxMind's nested `country.iso_code`).
    country: (address) => countryCode((countries.get(address.text) as { country_code?: unknown } | null)?.country_code),
    isp: (address) => (address.version === 4 ? asn.lookupIpv4(address.value) : asn.lookupIpv6(address.words)),
    loadMs: performance.now() - started,
  };
}
