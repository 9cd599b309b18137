// --ip, --trust-proxy, bot filtering and retention.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BOT_UA, countEvents, makeConsent, makeEvent, startCollector, withDb } from './helpers.js';

const FORWARDED = { 'x-forwarded-for': '203.0.113.77, 10.0.0.1' };

/** Start a collector with `args`, run `fn(collector)`, always stop it. */
async function withCollector(args, fn, db) {
  const collector = await startCollector({ args, db });
  try {
    return await fn(collector);
  } finally {
    assert.equal(await collector.stop(), 0);
  }
}

const storedIps = (db) => withDb(db, (d) => d.prepare('SELECT ip FROM events ORDER BY id').all().map((r) => r.ip));

describe('IP address policy', () => {
  it('stores the full socket address by default and ignores X-Forwarded-For without --trust-proxy', async () => {
    await withCollector([], async (c) => {
      await c.request('POST', '/collect', { body: makeEvent(), headers: FORWARDED });
      assert.deepEqual(storedIps(c.db), ['127.0.0.1']);
    });
  });

  it('uses X-Forwarded-For with --trust-proxy', async () => {
    await withCollector(['--trust-proxy'], async (c) => {
      await c.request('POST', '/collect', { body: makeEvent(), headers: FORWARDED });
      await c.request('POST', '/collect', { body: makeEvent(), headers: { 'x-forwarded-for': '2001:db8:85a3:8d3:1319:8a2e:370:7348' } });
      assert.deepEqual(storedIps(c.db), ['203.0.113.77', '2001:db8:85a3:8d3:1319:8a2e:370:7348']);
    });
  });

  it('--ip truncated zeroes the last IPv4 octet and the last 80 bits of IPv6', async () => {
    await withCollector(['--ip', 'truncated', '--trust-proxy'], async (c) => {
      for (const ip of ['203.0.113.77', '2001:db8:85a3:8d3:1319:8a2e:370:7348', '::ffff:198.51.100.23', '2001:db8::1']) {
        await c.request('POST', '/collect', { body: makeEvent(), headers: { 'x-forwarded-for': ip } });
      }
      await c.request('POST', '/collect', { body: makeEvent() });
      assert.deepEqual(storedIps(c.db), ['203.0.113.0', '2001:db8:85a3::', '198.51.100.0', '2001:db8::', '127.0.0.0']);
    });
  });

  it('--ip none stores no address, for events and consent records', async () => {
    await withCollector(['--ip', 'none'], async (c) => {
      await c.request('POST', '/collect', { body: makeEvent() });
      await c.request('POST', '/consent', { body: makeConsent() });
      assert.deepEqual(storedIps(c.db), [null]);
      assert.equal(withDb(c.db, (d) => d.prepare('SELECT ip FROM consents').get().ip), null);
    });
  });

  it('stores consent records with a truncated IP even with --ip full', async () => {
    await withCollector([], async (c) => {
      assert.equal((await c.request('POST', '/consent', { body: makeConsent({ id: 'proof' }) })).status, 201);
      const row = withDb(c.db, (d) => d.prepare('SELECT * FROM consents').get());
      assert.equal(row.ip, '127.0.0.0');
      assert.equal(row.consent_id, 'proof');
      assert.match(row.user_agent, /Chrome/);
      assert.deepEqual(JSON.parse(row.categories), makeConsent().categories);
    });
  });
});

describe('bots', () => {
  it('answers a bot 202, stores nothing and counts it in /health', async () => {
    await withCollector([], async (c) => {
      const res = await c.request('POST', '/collect', {
        body: [makeEvent({ visitorId: 'bot' }), makeEvent({ visitorId: 'bot' })],
        headers: { 'user-agent': BOT_UA },
      });
      assert.equal(res.status, 202);
      assert.equal(countEvents(c.db, 'bot'), 0);
      assert.equal((await c.request('GET', '/health')).json.droppedBots, 2);
    });
  });
});

describe('retention', () => {
  it('purges events and consent records older than --retention-days on start', async () => {
    let db;
    await withCollector([], async (c) => {
      db = c.db;
      await c.request('POST', '/collect', { body: [makeEvent({ visitorId: 'old' }), makeEvent({ visitorId: 'recent' })] });
      await c.request('POST', '/consent', { body: makeConsent({ id: 'old-proof' }) });
      await c.request('POST', '/consent', { body: makeConsent({ id: 'recent-proof' }) });
    });
    const daysAgo = (n) => new Date(Date.now() - n * 86_400_000).toISOString();
    withDb(db, (d) => {
      d.prepare("UPDATE events SET received_at = ? WHERE visitor_id = 'old'").run(daysAgo(31));
      d.prepare("UPDATE events SET received_at = ? WHERE visitor_id = 'recent'").run(daysAgo(29));
      d.prepare("UPDATE consents SET received_at = ? WHERE consent_id = 'old-proof'").run(daysAgo(31));
    }, { readonly: false });

    await withCollector(['--retention-days', '30'], async () => {
      assert.equal(countEvents(db, 'old'), 0);
      assert.equal(countEvents(db, 'recent'), 1);
      const proofs = withDb(db, (d) => d.prepare('SELECT consent_id FROM consents').all().map((r) => r.consent_id));
      assert.deepEqual(proofs, ['recent-proof']);
    }, db);
  });
});
