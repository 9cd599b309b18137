// GET /stats figures match what was sent.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeStores, FIREFOX_UA, makeConsent, makeEvent, query } from './helpers.ts';
import { startApp, type AppHandle } from './in-process.ts';

const TOKEN = 'stats-admin-token';
const auth = { authorization: `Bearer ${TOKEN}` };
const DAY_MS = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

describeStores('GET /stats', (store) => {
  let collector: AppHandle;
  before(async () => {
    collector = await startApp({ store, options: { adminToken: TOKEN, allowOrigins: ['https://www.example.com'] } });
    const t0 = Date.now() - 10 * 60_000;
    const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();
    const visit = (visitorId: string, visitId: string, overrides = {}) => ({ visitorId, visitId, visitStart: at(0), ...overrides });
    // Chrome visitor A: visit 1 (3 pageviews + engagement, lasts 100 s), visit 2 (1 pageview, 20 s).
    const chrome = [
      makeEvent({ ...visit('A', 'A1'), path: '/', url: 'https://example.com/', referrer: 'https://www.google.com/search', ts: at(0) }),
      makeEvent({
        ...visit('A', 'A1'),
        path: '/pricing',
        url: 'https://example.com/pricing',
        referrer: 'https://example.com/',
        ts: at(30),
      }),
      makeEvent({ ...visit('A', 'A1'), path: '/', url: 'https://example.com/', ts: at(60) }),
      makeEvent({ ...visit('A', 'A1'), type: 'engagement', engagedMs: 40_000, path: '/', url: 'https://example.com/', ts: at(100) }),
      makeEvent({ ...visit('A', 'A2', { visitStart: at(200) }), path: '/blog', url: 'https://example.com/blog', ts: at(220) }),
    ];
    // Firefox visitor B: one visit from news.ycombinator.com, 1 pageview + a custom event, lasts 60 s.
    const firefox = [
      makeEvent({
        ...visit('B', 'B1'),
        path: '/',
        url: 'https://example.com/',
        referrer: 'https://news.ycombinator.com/item?id=1',
        ts: at(0),
      }),
      makeEvent({ ...visit('B', 'B1'), type: 'event', name: 'signup', path: '/', url: 'https://example.com/', ts: at(60) }),
    ];
    assert.equal((await collector.request('POST', '/collect', { body: chrome })).status, 202);
    assert.equal((await collector.request('POST', '/collect', { body: firefox, headers: { 'user-agent': FIREFOX_UA } })).status, 202);
    // An event received yesterday (written into the file directly) only counts on its day.
    await collector.request('POST', '/collect', { body: makeEvent({ visitorId: 'C', visitId: 'C1', path: '/old' }) });
    await query(collector.db, "UPDATE events SET received_at = ? WHERE visitor_id = 'C'", [`${day(-1)}T12:00:00.000Z`]);
    // Consent decisions: today 3 accept-all, 2 reject-all, 1 custom, 1 gpc; yesterday 1 reject-all.
    const methods = ['accept-all', 'accept-all', 'accept-all', 'reject-all', 'reject-all', 'custom', 'gpc', 'reject-all'];
    for (const [i, method] of methods.entries()) {
      const res = await collector.request('POST', '/consent', {
        body: makeConsent({ id: `decision-${i}`, method }),
        headers: { origin: 'https://www.example.com' },
      });
      assert.equal(res.status, 201);
    }
    await query(collector.db, "UPDATE consents SET received_at = ? WHERE consent_id = 'decision-7'", [`${day(-1)}T08:00:00.000Z`]);
  });
  after(() => collector.stop());

  it('counts pageviews, visitors, visits and the mean visit duration of today', async () => {
    const res = await collector.request('GET', `/stats?from=${day(0)}&to=${day(0)}`, { headers: auth });
    assert.equal(res.status, 200);
    const stats = res.json;
    assert.equal(stats.from, day(0));
    assert.equal(stats.to, day(0));
    assert.equal(stats.pageviews, 5);
    assert.equal(stats.visitors, 2);
    assert.equal(stats.visits, 3);
    assert.equal(stats.avgVisitSeconds, Math.round((100 + 20 + 60) / 3));
  });

  it('ranks pages, external referrers and browsers', async () => {
    const { json } = await collector.request('GET', `/stats?from=${day(0)}&to=${day(0)}`, { headers: auth });
    assert.deepEqual(json.topPages, [
      { path: '/', pageviews: 3 },
      { path: '/blog', pageviews: 1 },
      { path: '/pricing', pageviews: 1 },
    ]);
    assert.deepEqual(json.referrers, [
      { referrer: 'news.ycombinator.com', visits: 1 },
      { referrer: 'www.google.com', visits: 1 },
    ]);
    assert.deepEqual(json.browsers, [
      { browser: 'Chrome', visitors: 1 },
      { browser: 'Firefox', visitors: 1 },
    ]);
  });

  it('gives one entry per day, zeros included, by arrival day', async () => {
    const { json } = await collector.request('GET', `/stats?from=${day(-2)}&to=${day(0)}`, { headers: auth });
    assert.deepEqual(json.days, [
      { date: day(-2), pageviews: 0, visitors: 0 },
      { date: day(-1), pageviews: 1, visitors: 1 },
      { date: day(0), pageviews: 5, visitors: 2 },
    ]);
    assert.equal(json.pageviews, 6);
    assert.equal(json.visitors, 3);
  });

  it('counts consent decisions by method, with shares and one entry per day', async () => {
    const { json } = await collector.request('GET', `/stats?from=${day(-2)}&to=${day(0)}`, { headers: auth });
    const zero = { total: 0, acceptAll: 0, rejectAll: 0, custom: 0, gpc: 0 };
    assert.deepEqual(json.consents, {
      total: 8,
      acceptAll: 3,
      rejectAll: 3,
      custom: 1,
      gpc: 1,
      shares: { acceptAll: 0.375, rejectAll: 0.375, custom: 0.125, gpc: 0.125 },
      days: [
        { date: day(-2), ...zero },
        { date: day(-1), ...zero, total: 1, rejectAll: 1 },
        { date: day(0), total: 7, acceptAll: 3, rejectAll: 2, custom: 1, gpc: 1 },
      ],
    });
    const today = await collector.request('GET', `/stats?from=${day(0)}&to=${day(0)}`, { headers: auth });
    assert.deepEqual(today.json.consents.shares, { acceptAll: 0.4286, rejectAll: 0.2857, custom: 0.1429, gpc: 0.1429 });
    const empty = await collector.request('GET', `/stats?from=${day(-9)}&to=${day(-8)}`, { headers: auth });
    assert.deepEqual(empty.json.consents.shares, { acceptAll: 0, rejectAll: 0, custom: 0, gpc: 0 });
    assert.equal(empty.json.consents.total, 0);
  });

  it('defaults to the last 30 days and refuses a reversed range', async () => {
    const { json } = await collector.request('GET', '/stats', { headers: auth });
    assert.equal(json.from, day(-29));
    assert.equal(json.to, day(0));
    assert.equal(json.pageviews, 6);
    const reversed = await collector.request('GET', `/stats?from=${day(0)}&to=${day(-1)}`, { headers: auth });
    assert.equal(reversed.status, 400);
  });
});
