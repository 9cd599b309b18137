// GET /stats figures match what was sent.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FIREFOX_UA, makeEvent, startCollector, withDb } from './helpers.js';

const TOKEN = 'stats-token';
const auth = { authorization: `Bearer ${TOKEN}` };
const DAY_MS = 86_400_000;
const day = (offset) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

describe('GET /stats', () => {
  let collector;
  before(async () => {
    collector = await startCollector({ args: ['--admin-token', TOKEN] });
    const t0 = Date.now() - 10 * 60_000;
    const at = (seconds) => new Date(t0 + seconds * 1000).toISOString();
    const visit = (visitorId, visitId, overrides = {}) => ({ visitorId, visitId, visitStart: at(0), ...overrides });
    // Chrome visitor A: visit 1 (3 pageviews + engagement, lasts 100 s), visit 2 (1 pageview, 20 s).
    const chrome = [
      makeEvent({ ...visit('A', 'A1'), path: '/', url: 'https://example.com/', referrer: 'https://www.google.com/search', ts: at(0) }),
      makeEvent({ ...visit('A', 'A1'), path: '/pricing', url: 'https://example.com/pricing', referrer: 'https://example.com/', ts: at(30) }),
      makeEvent({ ...visit('A', 'A1'), path: '/', url: 'https://example.com/', ts: at(60) }),
      makeEvent({ ...visit('A', 'A1'), type: 'engagement', engagedMs: 40_000, path: '/', url: 'https://example.com/', ts: at(100) }),
      makeEvent({ ...visit('A', 'A2', { visitStart: at(200) }), path: '/blog', url: 'https://example.com/blog', ts: at(220) }),
    ];
    // Firefox visitor B: one visit from news.ycombinator.com, 1 pageview + a custom event, lasts 60 s.
    const firefox = [
      makeEvent({ ...visit('B', 'B1'), path: '/', url: 'https://example.com/', referrer: 'https://news.ycombinator.com/item?id=1', ts: at(0) }),
      makeEvent({ ...visit('B', 'B1'), type: 'event', name: 'signup', path: '/', url: 'https://example.com/', ts: at(60) }),
    ];
    assert.equal((await collector.request('POST', '/collect', { body: chrome })).status, 202);
    assert.equal((await collector.request('POST', '/collect', { body: firefox, headers: { 'user-agent': FIREFOX_UA } })).status, 202);
    // An event received yesterday (written into the file directly) only counts on its day.
    await collector.request('POST', '/collect', { body: makeEvent({ visitorId: 'C', visitId: 'C1', path: '/old' }) });
    withDb(collector.db, (db) => {
      db.prepare("UPDATE events SET received_at = ? WHERE visitor_id = 'C'").run(`${day(-1)}T12:00:00.000Z`);
    }, { readonly: false });
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

  it('defaults to the last 30 days and refuses a reversed range', async () => {
    const { json } = await collector.request('GET', '/stats', { headers: auth });
    assert.equal(json.from, day(-29));
    assert.equal(json.to, day(0));
    assert.equal(json.pageviews, 6);
    const reversed = await collector.request('GET', `/stats?from=${day(0)}&to=${day(-1)}`, { headers: auth });
    assert.equal(reversed.status, 400);
  });
});
