/**
 * The ingestion enricher: place (country, ISP) and acquisition (source,
 * channel). Device facts come from the user-agent classifier (`../user-agent.ts`).
 * @packageDocumentation
 */

import type { IncomingHttpHeaders } from 'node:http';
import { DIRECT_SOURCE, type Acquisition, type Enricher, type EnricherOptions, type Utm } from './types.js';

export * from './types.js';

/** Build the enricher; loads its offline databases once. */
export async function createEnricher(options: EnricherOptions = {}): Promise<Enricher> {
  const header = options.countryHeader?.toLowerCase();
  return {
    place: (_address, headers) => ({ country: header ? countryFromHeader(headers, header) : null, isp: null }),
    acquisition: classifyAcquisition,
  };
}

/** An ISO 3166-1 alpha-2 code from the operator's header; anything else is unknown. */
function countryFromHeader(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  const code = (Array.isArray(value) ? value[0] : value)?.trim().toUpperCase();
  return code && /^[A-Z]{2}$/.test(code) && code !== 'XX' && code !== 'T1' ? code : null;
}

function classifyAcquisition(referrer: string | undefined, pageUrl: string, utm: Utm | undefined): Acquisition {
  const referrerHost = externalHost(referrer, pageUrl);
  const source = utm?.source || referrerHost || DIRECT_SOURCE;
  const medium = utm?.medium?.toLowerCase();
  const channel = medium === 'email' ? 'Email' : source === DIRECT_SOURCE ? 'Direct' : 'Referral';
  return { source, channel, referrerHost };
}

function externalHost(referrer: string | undefined, pageUrl: string): string | null {
  const host = hostOf(referrer);
  return host && host !== hostOf(pageUrl) ? host.replace(/^www\./, '') : null;
}

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}
