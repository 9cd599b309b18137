// --ip, --trust-proxy, bot filtering and retention.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppOptions } from '../src/app.ts';
import { applyIpPolicy } from '../src/ip.ts';
import {
  BOT_UA,
  countEvents,
  describeStores,
  makeConsent,
  makeEvent,
  parseJson,
  query,
  tempDb,
  type StoreKind,
  type TestDb,
} from './helpers.ts';
import { startApp, type AppHandle } from './in-process.ts';

// A client that forged an entry, then the address our proxy saw and appended: only the last one counts.
const FORWARDED = { 'x-forwarded-for': '198.51.100.250, 203.0.113.77' };
// POST /consent is only recorded from an --allow-origin page.
const SITE: Omit<AppOptions, 'storage'> = { allowOrigins: ['https://www.example.com'] };
const fromSite = { origin: 'https://www.example.com' };

/** Build a collector of `store` with `options` (on `db` if given), run `fn(collector)`, always close it. */
async function withCollector(store: StoreKind, options: Omit<AppOptions, 'storage'>, fn: (c: AppHandle) => Promise<void>, db?: TestDb) {
  const collector = await startApp({ store, options, ...(db ? { db } : {}) });
  try {
    return await fn(collector);
  } finally {
    await collector.stop();
  }
}

const storedIps = async (db: TestDb) => (await query(db, 'SELECT ip FROM events ORDER BY id')).map((r) => r.ip);

describeStores('IP address policy', (store) => {
  it('stores the full socket address by default and ignores X-Forwarded-For without --trust-proxy', async () => {
    await withCollector(store, {}, async (c) => {
      await c.request('POST', '/collect', { body: makeEvent(), headers: FORWARDED });
      assert.deepEqual(await storedIps(c.db), ['127.0.0.1']);
    });
  });

  it('uses the address our proxy added to X-Forwarded-For (the last one) with --trust-proxy, never one the client forged', async () => {
    await withCollector(store, { trustProxy: true }, async (c) => {
      await c.request('POST', '/collect', { body: makeEvent(), headers: FORWARDED });
      await c.request('POST', '/collect', { body: makeEvent(), headers: { 'x-forwarded-for': '2001:db8:85a3:8d3:1319:8a2e:370:7348' } });
      assert.deepEqual(await storedIps(c.db), ['203.0.113.77', '2001:db8:85a3:8d3:1319:8a2e:370:7348']);
    });
  });

  it('--ip truncated zeroes the last IPv4 octet and the last 80 bits of IPv6', async () => {
    await withCollector(store, { ipMode: 'truncated', trustProxy: true }, async (c) => {
      for (const ip of ['203.0.113.77', '2001:db8:85a3:8d3:1319:8a2e:370:7348', '::ffff:198.51.100.23', '2001:db8::1']) {
        await c.request('POST', '/collect', { body: makeEvent(), headers: { 'x-forwarded-for': ip } });
      }
      await c.request('POST', '/collect', { body: makeEvent() });
      assert.deepEqual(await storedIps(c.db), ['203.0.113.0', '2001:db8:85a3::', '198.51.100.0', '2001:db8::', '127.0.0.0']);
    });
  });

  it('stores an IPv4 client of a dual-stack socket (::ffff:a.b.c.d) as its IPv4 address', async () => {
    await withCollector(store, {}, async (c) => {
      await c.request('POST', '/collect', { body: makeEvent(), remoteAddress: '::ffff:198.51.100.23' });
      assert.deepEqual(await storedIps(c.db), ['198.51.100.23']);
    });
  });

  it('--ip none stores no address, for events and consent records', async () => {
    await withCollector(store, { ipMode: 'none', ...SITE }, async (c) => {
      await c.request('POST', '/collect', { body: makeEvent() });
      await c.request('POST', '/consent', { body: makeConsent(), headers: fromSite });
      assert.deepEqual(await storedIps(c.db), [null]);
      assert.equal((await query(c.db, 'SELECT ip FROM consents'))[0].ip, null);
    });
  });

  it('stores consent records with a truncated IP even with --ip full, and the server time of arrival', async () => {
    await withCollector(store, SITE, async (c) => {
      const before = Date.now();
      // The client's clock may be wrong: its timestamp is kept as sent, the arrival time is the server's.
      const decision = makeConsent({ id: 'proof', timestamp: '2026-01-02T03:04:05.000Z' });
      assert.equal((await c.request('POST', '/consent', { body: decision, headers: fromSite })).status, 201);
      const [row] = await query(c.db, 'SELECT * FROM consents');
      assert.equal(row.ip, '127.0.0.0');
      assert.equal(row.consent_id, 'proof');
      assert.match(row.user_agent, /Chrome/);
      assert.deepEqual(parseJson(row.categories), makeConsent().categories);
      assert.equal(new Date(row.timestamp).toISOString(), decision.timestamp);
      const received = new Date(row.received_at).getTime();
      assert.ok(received >= before - 1000 && received <= Date.now() + 1000, `received_at ${row.received_at} is the server's time`);
    });
  });
});

describe('IP policy of one address', () => {
  const cases: [address: string, full: string, truncated: string][] = [
    ['203.0.113.77', '203.0.113.77', '203.0.113.0'],
    ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3::'],
    ['2001:db8::1', '2001:db8::1', '2001:db8::'],
    ['::1', '::1', '::'],
    ['2001:db8:0:1::', '2001:db8:0:1::', '2001:db8::'],
    ['0:db8:1::5', '0:db8:1::5', '0:db8:1::'],
    // IPv4-mapped (how a dual-stack socket reports an IPv4 client): the IPv4 address, in either notation.
    ['::ffff:198.51.100.23', '198.51.100.23', '198.51.100.0'],
    ['::FFFF:198.51.100.23', '198.51.100.23', '198.51.100.0'],
    ['::ffff:c633:6417', '198.51.100.23', '198.51.100.0'],
    ['::ffff:198.51.100.23%eth0', '198.51.100.23', '198.51.100.0'],
    // A zone id names an interface of this host, not the client: dropped.
    ['fe80::1%eth0', 'fe80::1', 'fe80::'],
    ['fe80::a:b:c:d%2', 'fe80::a:b:c:d', 'fe80::'],
    // Embedded IPv4 tails (NAT64, any prefix): the last 32 bits are a tail like any other.
    ['64:ff9b::192.0.2.33', '64:ff9b::192.0.2.33', '64:ff9b::'],
    ['2001:db8:85a3:8d3:1319:8a2e:192.0.2.33', '2001:db8:85a3:8d3:1319:8a2e:192.0.2.33', '2001:db8:85a3::'],
    // The deprecated IPv4-compatible form (RFC 4291 §2.5.5.1) is read as the IPv4 address, like a mapped one.
    ['::192.0.2.33', '192.0.2.33', '192.0.2.0'],
  ];
  for (const [address, full, truncated] of cases) {
    it(`${address}: full ${full}, truncated ${truncated}`, () => {
      assert.equal(applyIpPolicy(address, 'full'), full);
      assert.equal(applyIpPolicy(address, 'truncated'), truncated);
      assert.equal(applyIpPolicy(address, 'none'), null);
    });
  }

  it('stores anything that is not an IP address, or a lax form of one, as null', () => {
    for (const junk of [
      undefined,
      '',
      'localhost',
      '127.1',
      '1',
      '1.2.3.04',
      '256.1.1.1',
      '::ffff:0x7f.0.0.1',
      '::ffff:127.1',
      '1::2::3',
    ]) {
      assert.equal(applyIpPolicy(junk, 'full'), null, String(junk));
      assert.equal(applyIpPolicy(junk, 'truncated'), null, String(junk));
    }
  });
});

describeStores('bots', (store) => {
  it('answers a bot 202, stores nothing and counts it in /health', async () => {
    await withCollector(store, {}, async (c) => {
      const res = await c.request('POST', '/collect', {
        body: [makeEvent({ visitorId: 'bot' }), makeEvent({ visitorId: 'bot' })],
        headers: { 'user-agent': BOT_UA },
      });
      assert.equal(res.status, 202);
      assert.equal(await countEvents(c.db, 'bot'), 0);
      assert.equal((await c.request('GET', '/health')).json.droppedBots, 2);
    });
  });
});

describeStores('retention', (store) => {
  it('purges events and consent records older than --retention-days on start', async () => {
    const db = await tempDb(store);
    await withCollector(
      store,
      SITE,
      async (c) => {
        await c.request('POST', '/collect', { body: [makeEvent({ visitorId: 'old' }), makeEvent({ visitorId: 'recent' })] });
        await c.request('POST', '/consent', { body: makeConsent({ id: 'old-proof' }), headers: fromSite });
        await c.request('POST', '/consent', { body: makeConsent({ id: 'recent-proof' }), headers: fromSite });
      },
      db,
    );
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    await query(db, "UPDATE events SET received_at = ? WHERE visitor_id = 'old'", [daysAgo(31)]);
    await query(db, "UPDATE events SET received_at = ? WHERE visitor_id = 'recent'", [daysAgo(29)]);
    await query(db, "UPDATE consents SET received_at = ? WHERE consent_id = 'old-proof'", [daysAgo(31)]);

    await withCollector(
      store,
      { retentionDays: 30 },
      async () => {
        assert.equal(await countEvents(db, 'old'), 0);
        assert.equal(await countEvents(db, 'recent'), 1);
        const proofs = (await query(db, 'SELECT consent_id FROM consents')).map((r) => r.consent_id);
        assert.deepEqual(proofs, ['recent-proof']);
      },
      db,
    );
  });
});
