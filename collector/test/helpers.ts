// What every collector test uses: one suite on both stores, valid events and
// consent decisions, the user agents of real browsers and bots, and (from the
// two plain-JavaScript modules the end-to-end tests and the bench load too)
// throw-away databases and the collector as a process.
//
// One suite, two stores: `describeStores(name, fn)` declares `fn(store)` once
// for 'sqlite' and once for 'postgres'. The PostgreSQL half needs DATABASE_URL
// (a database on a server where the user may CREATE DATABASE: each collector
// gets a database of its own, dropped when the test file ends). Without it the
// PostgreSQL half FAILS when CI is set, and is skipped with a warning otherwise.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoreKind } from './databases.js';

export { CHROME_UA, COLLECTOR_MAIN, request, runCli, startCollector, waitFor } from './collector-process.js';
export type { CollectorProcess, HttpAnswer } from './collector-process.js';
export { countEvents, dbArgs, integrityCheck, parseJson, query, tempDb, tempDbPath } from './databases.js';
export type { StoreKind, TestDb } from './databases.js';

/** Firefox on Linux: a second browser for the statistics by browser. */
export const FIREFOX_UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
/** Googlebot: its events are dropped. */
export const BOT_UA = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

/** The stores every collector test runs against. */
export const STORES: readonly StoreKind[] = ['sqlite', 'postgres'];

const POSTGRES_MISSING =
  'DATABASE_URL is not set: the PostgreSQL half of the collector suite cannot run. ' +
  'Start a throw-away server with `scripts/with-postgres.sh npm run test:collector`, ' +
  'or set DATABASE_URL=postgres://user@host:port/db (the user needs CREATEDB).';
let warned = false;

/**
 * Declare the tests of `fn(store)` once per store, as `name [sqlite]` and
 * `name [postgres]`. Without DATABASE_URL the PostgreSQL half fails in CI
 * (CI set) and is skipped, with a warning on stderr, elsewhere.
 */
export function describeStores(
  name: string,
  fn: (store: StoreKind) => void,
  { stores = STORES }: { stores?: readonly StoreKind[] } = {},
): void {
  for (const store of stores) {
    const title = `${name} [${store}]`;
    if (store === 'postgres' && !process.env.DATABASE_URL) {
      if (process.env.CI) {
        describe(title, () => it('needs a PostgreSQL server', () => assert.fail(POSTGRES_MISSING)));
      } else {
        if (!warned) process.stderr.write(`\n!!! SKIPPING the PostgreSQL tests: ${POSTGRES_MISSING}\n\n`);
        warned = true;
        describe(title, () => it('needs a PostgreSQL server', { skip: POSTGRES_MISSING }, () => {}));
      }
      continue;
    }
    describe(title, () => fn(store));
  }
}

let counter = 0;

/** The fields of {@link makeEvent}'s event before overrides. */
function baseEvent() {
  counter += 1;
  const now = new Date();
  return {
    type: 'pageview',
    url: `https://example.com/page-${counter % 7}`,
    path: `/page-${counter % 7}`,
    title: 'A page',
    referrer: '',
    visitorId: 'visitor-a',
    visitId: 'visit-a',
    visitStart: new Date(now.getTime() - 60_000).toISOString(),
    ts: now.toISOString(),
    language: 'en-GB',
    screen: '1920x1080',
    timezone: 'Europe/Berlin',
    consent: { id: 'consent-a', revision: 1, analytics: true } as unknown,
  };
}

/** A value of `Base` with the fields of `Overrides` replaced (also by other types: tests send bad fields too). */
type Overridden<Base, Overrides> = Omit<Base, keyof Overrides> & Overrides;

/** A valid, consented pageview event (SPEC §7); `overrides` replace fields. */
export function makeEvent<T extends Record<string, unknown> = Record<string, never>>(
  overrides: T = {} as T,
): Overridden<ReturnType<typeof baseEvent>, T> {
  return { ...baseEvent(), ...overrides };
}

/** A valid `ConsentState` (SPEC §3). */
export function makeConsent<T extends Record<string, unknown> = Record<string, never>>(overrides: T = {} as T) {
  const consent = {
    id: 'consent-1',
    revision: 1,
    timestamp: new Date().toISOString(),
    method: 'custom',
    categories: { necessary: true, analytics: true, marketing: false },
  };
  return { ...consent, ...overrides } as Overridden<typeof consent, T>;
}

/** The event fields of the wire format (docs/analytics.md), in its order (the SDK sends `search` too, when there is one). */
export const EVENT_FIELDS = [
  'type',
  'url',
  'path',
  'title',
  'referrer',
  'utm',
  'visitorId',
  'visitId',
  'visitStart',
  'ts',
  'language',
  'screen',
  'timezone',
  'engagedMs',
  'name',
  'props',
  'consent',
] as const;
