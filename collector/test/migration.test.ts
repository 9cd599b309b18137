// A database written by an earlier collector (schema version 2: events and
// consent records only) gets its visits computed from the stored events when a
// collector of this version opens it, alike in both stores.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { MIGRATIONS as POSTGRES_MIGRATIONS } from '../src/storage/postgres-schema.ts';
import { MIGRATIONS as SQLITE_MIGRATIONS } from '../src/storage/sqlite-schema.ts';
import { describeStores, query, tempDb, type TestDb } from './helpers.ts';
import { startApp } from './in-process.ts';

/** Schema version of the collector before visits. */
const BEFORE_VISITS = 2;

/** A database at schema version 2 on `store`. */
async function oldDatabase(store: 'sqlite' | 'postgres'): Promise<TestDb> {
  const db = await tempDb(store);
  if (store === 'sqlite') {
    const { default: Database } = await import('better-sqlite3');
    const sqlite = new Database((db as { file: string }).file);
    for (const migration of SQLITE_MIGRATIONS.slice(0, BEFORE_VISITS)) sqlite.exec(migration);
    sqlite.pragma(`user_version = ${BEFORE_VISITS}`);
    sqlite.close();
  } else {
    await query(db, 'CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    for (const [i, migration] of POSTGRES_MIGRATIONS.slice(0, BEFORE_VISITS).entries()) {
      for (const statement of migration.split(';').filter((s) => s.trim())) await query(db, statement);
      await query(db, 'INSERT INTO schema_migrations (version) VALUES (?)', [i + 1]);
    }
  }
  return db;
}

/** An event row as the earlier collector wrote it. */
const OLD_EVENT_COLUMNS =
  'type, url, path, referrer, visitor_id, visit_id, visit_start, ts, screen, language, name, props, browser, referrer_host, received_at';

describeStores('migration of an earlier database', (store) => {
  it('computes visits from the stored events, with their entry, exit, counts and new or returning', async () => {
    const db = await oldDatabase(store);
    const rows: unknown[][] = [
      // Visit A1 of A: a page view from a search engine, another, an engagement, a custom event.
      [
        'pageview',
        'https://Example.com:8443/',
        '/',
        'https://www.google.com/search',
        'A',
        'A1',
        '2026-01-05T10:00:00.000Z',
        '2026-01-05T10:00:01.000Z',
        '1920x1080',
        'en',
        null,
        null,
        'Chrome',
        'www.google.com',
        '2026-01-05T10:00:01.500Z',
      ],
      [
        'pageview',
        'https://example.com/pricing',
        '/pricing',
        'https://example.com/',
        'A',
        'A1',
        '2026-01-05T10:00:00.000Z',
        '2026-01-05T10:01:00.000Z',
        '1920x1080',
        'en',
        null,
        null,
        'Chrome',
        null,
        '2026-01-05T10:01:00.200Z',
      ],
      [
        'engagement',
        'https://example.com/pricing',
        '/pricing',
        '',
        'A',
        'A1',
        '2026-01-05T10:00:00.000Z',
        '2026-01-05T10:02:30.000Z',
        '1920x1080',
        'en',
        null,
        null,
        'Chrome',
        null,
        '2026-01-05T10:02:30.100Z',
      ],
      [
        'event',
        'https://example.com/pricing',
        '/pricing',
        '',
        'A',
        'A1',
        '2026-01-05T10:00:00.000Z',
        '2026-01-05T10:02:00.000Z',
        '1920x1080',
        'en',
        'signup',
        '{"plan":"pro"}',
        'Chrome',
        null,
        '2026-01-05T10:02:00.300Z',
      ],
      // Visit A2 of A, a day later: one page view, direct.
      [
        'pageview',
        'https://example.com/blog',
        '/blog',
        '',
        'A',
        'A2',
        '2026-01-06T09:00:00.000Z',
        '2026-01-06T09:00:00.000Z',
        '390x844',
        'de',
        null,
        null,
        'Safari',
        null,
        '2026-01-06T09:00:00.400Z',
      ],
      // B: an engagement alone (no visit).
      [
        'engagement',
        'https://example.com/',
        '/',
        '',
        'B',
        'B1',
        '2026-01-06T09:00:00.000Z',
        '2026-01-06T09:10:00.000Z',
        '390x844',
        'de',
        null,
        null,
        'Safari',
        null,
        '2026-01-06T09:10:00.000Z',
      ],
    ];
    for (const row of rows) {
      await query(db, `INSERT INTO events (${OLD_EVENT_COLUMNS}) VALUES (${row.map(() => '?').join(', ')})`, row);
    }
    await query(
      db,
      "INSERT INTO consents (consent_id, revision, timestamp, method, categories, received_at) VALUES ('c1', 1, '2026-01-05T10:00:00.000Z', 'custom', '{\"necessary\":true,\"analytics\":true}', '2026-01-05T10:00:00.000Z')",
    );

    const collector = await startApp({ db });
    try {
      const visits = (
        await query(
          db,
          'SELECT visit_id, visitor_id, started_at, start_ts, last_ts, entry_page, exit_page, hostname, source, referrer, channel, browser, screen, pageviews, events, is_new FROM visits ORDER BY visit_id',
        )
      ).map((v: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' && /^\d+$/.test(x) ? Number(x) : x])),
      );
      assert.deepEqual(visits, [
        {
          visit_id: 'A1',
          visitor_id: 'A',
          started_at: Date.parse('2026-01-05T10:00:01.500Z'),
          start_ts: Date.parse('2026-01-05T10:00:00.000Z'),
          last_ts: Date.parse('2026-01-05T10:02:30.000Z'),
          entry_page: '/',
          exit_page: '/pricing',
          hostname: 'example.com',
          source: 'google.com',
          referrer: 'google.com/search',
          channel: 'Referral',
          browser: 'Chrome',
          screen: '1920x1080',
          pageviews: 2,
          events: 1,
          is_new: 1,
        },
        {
          visit_id: 'A2',
          visitor_id: 'A',
          started_at: Date.parse('2026-01-06T09:00:00.400Z'),
          start_ts: Date.parse('2026-01-06T09:00:00.000Z'),
          last_ts: Date.parse('2026-01-06T09:00:00.000Z'),
          entry_page: '/blog',
          exit_page: '/blog',
          hostname: 'example.com',
          source: 'Direct / None',
          referrer: null,
          channel: 'Direct',
          browser: 'Safari',
          screen: '390x844',
          pageviews: 1,
          events: 0,
          is_new: 0,
        },
      ]);
      const keyed = await query(db, 'SELECT visit_id, COUNT(visit_key) AS n FROM events GROUP BY visit_id ORDER BY visit_id');
      assert.deepEqual(
        keyed.map((r: { visit_id: string; n: unknown }) => [r.visit_id, Number(r.n)]),
        [
          ['A1', 4],
          ['A2', 1],
          ['B1', 0],
        ],
      );
      const [consent] = await query(db, 'SELECT analytics FROM consents');
      assert.equal(Number(consent.analytics), 1);
    } finally {
      await collector.stop();
    }
  });
});
