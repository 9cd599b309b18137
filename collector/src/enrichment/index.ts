/**
 * The ingestion enricher: place (country, ISP) and acquisition (source,
 * channel). Device facts come from the user-agent classifier (`../user-agent.ts`).
 * @packageDocumentation
 */

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createAcquisition } from './acquisition.js';
import { loadIpDatabases } from './ip-databases.js';
import { createPlaceLookup } from './place.js';
import { ReferrerList, type ReferrerAdditions, type VendoredReferrerList } from './referrer-list.js';
import type { Enricher, EnricherOptions } from './types.js';

export * from './types.js';

/**
 * Build the enricher. The offline databases and the referrer list load once
 * per process, on the first call (see `ip-databases.ts` for the cost), and are
 * shared by every enricher; lookups are then synchronous.
 * @throws when a database or list cannot be read: the collector cannot start without them.
 */
export async function createEnricher(options: EnricherOptions = {}): Promise<Enricher> {
  const [databases, referrers] = await Promise.all([loadIpDatabases(), loadReferrerList()]);
  return {
    place: createPlaceLookup(databases, options.countryHeader),
    acquisition: createAcquisition(referrers),
  };
}

let referrerList: Promise<ReferrerList> | undefined;

/** The vendored referrer list and the collector's additions (`data/`), read once per process. */
export function loadReferrerList(): Promise<ReferrerList> {
  referrerList ??= readReferrerList().catch((error: unknown) => {
    referrerList = undefined;
    throw error;
  });
  return referrerList;
}

async function readReferrerList(): Promise<ReferrerList> {
  // The package's own data folder, from src/ (tests) and from dist/ alike.
  const data = join(dirname(createRequire(import.meta.url).resolve('consent-gate-collector/package.json')), 'data');
  const [list, additions] = await Promise.all([
    readFile(join(data, 'referrers.json'), 'utf8').then((text) => JSON.parse(text) as VendoredReferrerList),
    readFile(join(data, 'referrer-additions.json'), 'utf8').then((text) => JSON.parse(text) as ReferrerAdditions),
  ]);
  return new ReferrerList(list, additions);
}
