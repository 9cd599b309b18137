// SQLite and PostgreSQL accept and refuse exactly the same inputs (SPEC §8): the
// same hostile bodies posted to a collector on each store get the same status
// codes and leave the same rows. A value only one store can hold (a revision
// past PostgreSQL's integer, U+0000 or a lone surrogate in text) is refused by validation, before
// any store sees it; a data error that reaches PostgreSQL anyway costs no
// pooled connection.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MAX_REVISION } from 'consent-gate/protocol';
import type { StoredEvent } from '../src/storage/storage.ts';
import { openPostgresStorage } from '../src/storage/postgres.ts';
import { makeConsent, makeEvent, query, tempDb } from './helpers.ts';
import { startApp, type AppHandle, type TestDb } from './in-process.ts';

const SITE = 'https://www.example.com';
const DATABASE_URL = process.env.DATABASE_URL;
const skip = DATABASE_URL ? false : process.env.CI ? false : 'needs DATABASE_URL (scripts/with-postgres.sh)';

/** One hostile request: where, what, and a label for the failure message. */
interface Case {
  name: string;
  path: '/collect' | '/consent';
  body: unknown;
}

const NUL = '\u0000';
const LONE = '\ud800';

/** Events whose `consent.revision` or one text field holds `value`. */
function eventCases(): Case[] {
  const cases: Case[] = [];
  const event = (name: string, overrides: Record<string, unknown>) =>
    cases.push({ name, path: '/collect', body: makeEvent({ visitorId: `v-${cases.length}`, ...overrides }) });
  for (const revision of [0, MAX_REVISION, MAX_REVISION + 1, 2 ** 32, 2 ** 53, -1]) {
    event(`consent.revision ${revision}`, { consent: { id: 'c', revision, analytics: true } });
  }
  for (const field of ['url', 'path', 'title', 'referrer', 'search', 'language', 'timezone']) {
    event(`${field} with U+0000`, { [field]: `a${NUL}b` });
    event(`${field} with a lone surrogate`, { [field]: `a${LONE}b` });
    event(`${field} with an emoji`, { [field]: 'a😀b' });
  }
  event('name with U+0000', { type: 'event', name: `sign${NUL}up` });
  event('a prop value with U+0000', { type: 'event', name: 'x', props: { plan: `pro${NUL}` } });
  event('a prop name with U+0000', { type: 'event', name: 'x', props: { [`pl${NUL}an`]: 'pro' } });
  event('a prop value with a lone surrogate', { type: 'event', name: 'x', props: { plan: `pro${LONE}` } });
  event('a prop name with a lone surrogate', { type: 'event', name: 'x', props: { [`pl${LONE}an`]: 'pro' } });
  event('a huge prop number', { type: 'event', name: 'x', props: { big: 1e308, small: -5e-324 } });
  event('the longest engagement', { type: 'engagement', engagedMs: 2_592_000_000 });
  for (const ts of ['2026-01-01T00:00:00+14:00', '1000-01-01T00:00:00+01:00', '9998-12-31T23:59:59-14:00', '2026-06-30T23:59:60Z']) {
    event(`ts ${ts}`, { ts, visitStart: ts });
  }
  return cases;
}

/** Consent records with a hostile revision or timestamp. */
function consentCases(): Case[] {
  const cases: Case[] = [];
  const record = (name: string, overrides: Record<string, unknown>) =>
    cases.push({ name, path: '/consent', body: makeConsent({ id: `c-${cases.length}`, ...overrides }) });
  for (const revision of [0, MAX_REVISION, MAX_REVISION + 1, 2 ** 53, -1]) record(`revision ${revision}`, { revision });
  record('a category with U+0000', { categories: { necessary: true, [`ana${NUL}lytics`]: true } });
  for (const timestamp of ['1000-01-01T00:00:00+01:00', '9998-12-31T23:59:59-14:00']) record(`timestamp ${timestamp}`, { timestamp });
  return cases;
}

/** A stored value as both stores can be compared: times as ISO strings, JSON parsed, bigints as numbers. */
function comparable(column: string, value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value === null) return null;
  if (['props', 'categories', 'utm'].includes(column)) return typeof value === 'string' ? JSON.parse(value) : value;
  if (['engaged_ms', 'consent_revision', 'revision', 'visit_key', 'analytics'].includes(column)) return Number(value);
  if (['visit_start', 'ts', 'received_at', 'timestamp'].includes(column)) return new Date(value as string).toISOString();
  return value;
}

/** Every row of `table` on `db`, without the id and the arrival time (which differ by store and moment). */
async function rows(db: TestDb, table: 'events' | 'consents') {
  const found = await query(db, `SELECT * FROM ${table} ORDER BY id`);
  return found.map((row: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(row)
        .filter(([column]) => !['id', 'received_at'].includes(column))
        .map(([column, value]) => [column, comparable(column, value)]),
    ),
  );
}

describe('SQLite and PostgreSQL give the same answers to the same inputs', { skip }, () => {
  let sqlite: AppHandle;
  let postgres: AppHandle;
  before(async () => {
    const options = { allowOrigins: [SITE] };
    [sqlite, postgres] = await Promise.all([startApp({ store: 'sqlite', options }), startApp({ store: 'postgres', options })]);
  });
  after(async () => {
    await Promise.all([sqlite?.stop(), postgres?.stop()]);
  });

  it('answers every hostile body with the same status on both stores, and stores the same rows', async () => {
    const differences: string[] = [];
    for (const { name, path, body } of [...eventCases(), ...consentCases()]) {
      const options = { body, headers: { origin: SITE } };
      const [a, b] = [await sqlite.request('POST', path, options), await postgres.request('POST', path, options)];
      if (a.status !== b.status || a.status >= 500) differences.push(`${path} ${name}: SQLite ${a.status}, PostgreSQL ${b.status}`);
    }
    assert.deepEqual(differences, []);
    assert.deepEqual(await rows(postgres.db, 'events'), await rows(sqlite.db, 'events'));
    assert.deepEqual(await rows(postgres.db, 'consents'), await rows(sqlite.db, 'consents'));
  });

  it('refuses U+0000 or a lone surrogate in any text, and revisions outside 0..2147483647, with 400', async () => {
    const refused = [...eventCases(), ...consentCases()].filter(
      (c) => /U\+0000|lone|revision (-1|[1-9]\d{9,})$/.test(c.name) && !c.name.endsWith(String(MAX_REVISION)),
    );
    assert.ok(refused.length >= 20);
    for (const { name, path, body } of refused) {
      const res = await postgres.request('POST', path, { body, headers: { origin: SITE } });
      assert.equal(res.status, 400, `${path} ${name}`);
    }
    // A surrogate pair is no lone surrogate: emoji stay welcome.
    for (const { name, path, body } of eventCases().filter((c) => c.name.endsWith('emoji'))) {
      assert.equal((await sqlite.request('POST', path, { body })).status, 202, name);
    }
  });
});

describe('a data error that reaches PostgreSQL', { skip }, () => {
  it('fails only its own write and keeps the pooled connection', async () => {
    const db = (await tempDb('postgres')) as TestDb & { url: string };
    const storage = await openPostgresStorage(db.url, () => {});
    try {
      const event = (consentRevision: number): StoredEvent => ({
        ...(makeEvent() as object),
        type: 'pageview',
        visitorId: 'pool',
        url: null,
        path: null,
        title: null,
        referrer: null,
        search: null,
        visitId: null,
        visitStart: null,
        ts: null,
        language: null,
        screen: null,
        timezone: null,
        engagedMs: null,
        name: null,
        props: null,
        consentId: 'c',
        consentRevision,
        ip: null,
        userAgent: null,
        browser: null,
        referrerHost: null,
        utm: null,
        os: null,
        device: null,
        country: null,
        isp: null,
        source: null,
        channel: null,
        hostname: null,
        receivedAt: new Date().toISOString(),
      });
      await storage.insertEvents([event(1)]);
      const backends = async () =>
        (
          await query(
            db,
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'consent-gate-collector'",
          )
        )
          .map((r: { pid: number }) => r.pid)
          .sort();
      const before = await backends();
      for (let i = 0; i < 5; i++) await assert.rejects(storage.insertEvents([event(2 ** 31)]));
      await storage.insertEvents([event(2)]);
      assert.deepEqual(await backends(), before, 'the same connections: none was destroyed and replaced');
      assert.equal((await query(db, "SELECT count(*) AS n FROM events WHERE visitor_id = 'pool'"))[0].n, '2');
    } finally {
      await storage.close();
    }
  });
});
