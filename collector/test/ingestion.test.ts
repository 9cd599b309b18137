// Ingestion: each event is enriched once (device, place, acquisition) and the
// visit it belongs to is kept up to date in the same transaction; erasure and
// the retention purge remove visits too.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createEnricher } from '../src/enrichment/index.ts';
import { createAgentClassifier } from '../src/user-agent.ts';
import { describeStores, FIREFOX_UA, makeEvent, parseJson, query } from './helpers.ts';
import { startApp, type AppHandle } from './in-process.ts';

const SITE = 'https://www.example.com';
const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

/** Client times of one visit, `seconds` after its start. */
const T0 = Date.parse('2026-03-02T10:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

/** An event of visit `visitId` of visitor `visitorId` on `path`, `seconds` into the visit. */
function event(visitorId: string, visitId: string, path: string, seconds: number, overrides: Record<string, unknown> = {}) {
  return makeEvent({ visitorId, visitId, path, url: `${SITE}${path}`, visitStart: at(0), ts: at(seconds), referrer: '', ...overrides });
}

const visitRow = async (collector: AppHandle, visitId: string) => {
  const [row] = await query(collector.db, 'SELECT * FROM visits WHERE visit_id = ?', [visitId]);
  return row ? Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v])) : row;
};

describeStores('ingestion: enrichment and visits', (store) => {
  let collector: AppHandle;
  before(async () => {
    collector = await startApp({ store, options: { countryHeader: 'cf-ipcountry', ipMode: 'none' } });
  });
  after(() => collector.stop());

  const post = (body: unknown, headers: Record<string, string> = {}) => collector.request('POST', '/collect', { body, headers });

  it('stores the device facts, the place and the acquisition with each event, and utm as sent', async () => {
    const utm = { source: 'newsletter', medium: 'email', campaign: '<b>spring</b>' };
    const res = await post(event('enriched', 'e1', '/', 0, { utm, referrer: 'https://news.ycombinator.com/item' }), {
      'user-agent': IPHONE_UA,
      'cf-ipcountry': 'de',
    });
    assert.equal(res.status, 202);
    const [row] = await query(collector.db, "SELECT * FROM events WHERE visitor_id = 'enriched'");
    const expected = (await createEnricher()).acquisition('https://news.ycombinator.com/item', `${SITE}/`, utm);
    const agent = createAgentClassifier()(IPHONE_UA);
    assert.deepEqual(
      { os: row.os, device: row.device, browser: row.browser, country: row.country, source: row.source, channel: row.channel },
      { os: agent.os, device: 'mobile', browser: agent.browser, country: 'DE', source: expected.source, channel: expected.channel },
    );
    assert.equal(row.hostname, 'www.example.com');
    assert.deepEqual(parseJson(row.utm), utm);
    assert.equal(row.ip, null, '--ip none keeps no address');
  });

  it('looks the place up from the whole address, before --ip drops it', async () => {
    const expected = (await createEnricher()).place('8.8.8.8', {});
    const trusting = await startApp({ store, options: { ipMode: 'none', trustProxy: true } });
    try {
      await trusting.request('POST', '/collect', { body: event('placed', 'p1', '/', 0), headers: { 'x-forwarded-for': '8.8.8.8' } });
      const [row] = await query(trusting.db, "SELECT ip, country, isp FROM events WHERE visitor_id = 'placed'");
      assert.deepEqual(row, { ip: null, country: expected.country, isp: expected.isp });
    } finally {
      await trusting.stop();
    }
  });

  it('ignores a country header the operator did not name', async () => {
    const plain = await startApp({ store });
    try {
      await plain.request('POST', '/collect', { body: event('forged', 'f1', '/', 0), headers: { 'cf-ipcountry': 'KP' } });
      const [row] = await query(plain.db, "SELECT country FROM events WHERE visitor_id = 'forged'");
      assert.notEqual(row.country, 'KP');
    } finally {
      await plain.stop();
    }
  });

  it('keeps a visit from its first page view: entry page, source and device; exit page, counts and times follow', async () => {
    const first = await post(
      [
        event('walker', 'w1', '/landing', 0, { referrer: 'https://www.google.com/', utm: { campaign: 'spring' } }),
        event('walker', 'w1', '/landing', 20, { type: 'engagement', engagedMs: 15_000 }),
      ],
      { 'cf-ipcountry': 'AT' },
    );
    assert.equal(first.status, 202);
    // Later events of the visit, from another device and country, change none of what it started with.
    await post([event('walker', 'w1', '/pricing', 30), event('walker', 'w1', '/pricing', 40, { type: 'event', name: 'signup' })], {
      'user-agent': FIREFOX_UA,
      'cf-ipcountry': 'FR',
    });
    // A page view that arrives late, with an earlier client time, is not the exit.
    await post(event('walker', 'w1', '/late', 25));
    await post(event('walker', 'w1', '/pricing', 95, { type: 'engagement', engagedMs: 40_000 }));
    const visit = await visitRow(collector, 'w1');
    assert.deepEqual(
      {
        entry: visit.entry_page,
        exit: visit.exit_page,
        hostname: visit.hostname,
        referrer: visit.referrer,
        campaign: visit.utm_campaign,
        country: visit.country,
        browser: visit.browser,
        pageviews: visit.pageviews,
        events: visit.events,
        isNew: visit.is_new,
        durationMs: visit.last_ts - visit.start_ts,
      },
      {
        entry: '/landing',
        exit: '/pricing',
        hostname: 'www.example.com',
        referrer: 'google.com/',
        campaign: 'spring',
        country: 'AT',
        browser: 'Chrome',
        pageviews: 3,
        events: 1,
        isNew: 1,
        durationMs: 95_000,
      },
    );
    const keys = await query(collector.db, "SELECT DISTINCT visit_key FROM events WHERE visit_id = 'w1'");
    assert.deepEqual(
      keys.map((k) => Number(k.visit_key)),
      [Number(visit.id)],
    );
  });

  it("marks a visitor's later visits as returning, and two new visits sent together: only the first is new", async () => {
    await post([event('twice', 't1', '/', 0), event('twice', 't2', '/', 0)]);
    await post(event('twice', 't3', '/', 0));
    assert.deepEqual(
      [(await visitRow(collector, 't1')).is_new, (await visitRow(collector, 't2')).is_new, (await visitRow(collector, 't3')).is_new],
      [1, 0, 0],
    );
  });

  it("makes no visit of an engagement alone; a visit started by a custom event takes its first page view's entry", async () => {
    await post(event('idle', 'i1', '/', 10, { type: 'engagement', engagedMs: 1000 }));
    assert.equal(await visitRow(collector, 'i1'), undefined);
    const [orphan] = await query(collector.db, "SELECT visit_key FROM events WHERE visit_id = 'i1'");
    assert.equal(orphan.visit_key, null);

    await post(event('eventful', 'c1', '/app', 0, { type: 'event', name: 'open' }), { 'cf-ipcountry': 'NL' });
    await post(event('eventful', 'c1', '/home', 5), { 'cf-ipcountry': 'BE' });
    const visit = await visitRow(collector, 'c1');
    assert.deepEqual([visit.entry_page, visit.country, visit.pageviews, visit.events], ['/home', 'BE', 1, 1]);
  });

  it('stores hostile text in utm and props as text', async () => {
    const hostile = { source: "'; DROP TABLE visits; --", campaign: '<script>alert(1)</script>', term: '=HYPERLINK("x")' };
    assert.equal((await post(event('hostile', 'h1', '/', 0, { utm: hostile, referrer: 'javascript:alert(1)' }))).status, 202);
    const visit = await visitRow(collector, 'h1');
    assert.deepEqual(
      [visit.utm_source, visit.utm_campaign, visit.utm_term, visit.referrer],
      [hostile.source, hostile.campaign, hostile.term, null],
    );
  });

  it('refuses a utm value that is not well-formed text or too long, and drops unknown utm keys', async () => {
    for (const utm of [{ source: 'a\u0000b' }, { campaign: 'x'.repeat(257) }, { medium: 7 }, 'newsletter']) {
      assert.equal((await post(event('bad-utm', 'b1', '/', 0, { utm }))).status, 400, JSON.stringify(utm));
    }
    assert.equal((await post(event('extra-utm', 'x1', '/', 0, { utm: { source: 'a', id: 'secret' } }))).status, 202);
    const [row] = await query(collector.db, "SELECT utm FROM events WHERE visitor_id = 'extra-utm'");
    assert.deepEqual(parseJson(row.utm), { source: 'a' });
  });

  it("erases a visitor's visits with their events", async () => {
    await post([event('erased', 'x1', '/', 0), event('erased', 'x2', '/', 0)]);
    assert.equal((await collector.request('DELETE', '/visitor/erased')).status, 204);
    assert.deepEqual(await query(collector.db, "SELECT visit_id FROM visits WHERE visitor_id = 'erased'"), []);
  });
});

describeStores('retention of visits', (store) => {
  it('purges the visits that started before the cutoff', async () => {
    const collector = await startApp({ store, options: { retentionDays: 30 } });
    try {
      await collector.request('POST', '/collect', { body: [event('old', 'o1', '/', 0), event('recent', 'r1', '/', 0)] });
      const longAgo = Date.now() - 40 * 86_400_000;
      await query(collector.db, "UPDATE visits SET started_at = ? WHERE visit_id = 'o1'", [longAgo]);
      await query(collector.db, "UPDATE events SET received_at = ? WHERE visit_id = 'o1'", [new Date(longAgo).toISOString()]);
    } finally {
      await collector.stop();
    }
    // The purge runs when a collector starts.
    const restarted = await startApp({ db: collector.db, options: { retentionDays: 30 } });
    try {
      assert.deepEqual(
        (await query(restarted.db, 'SELECT visit_id FROM visits ORDER BY visit_id')).map((r) => r.visit_id),
        ['r1'],
      );
    } finally {
      await restarted.stop();
    }
  });
});
