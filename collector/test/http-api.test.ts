// Every status code of SPEC §8 and the field names of the data-access answer.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { EVENT_FIELDS, countEvents, describeStores, makeConsent, makeEvent } from './helpers.ts';
import { startApp, type AppHandle } from './in-process.ts';

// POST /consent is only recorded from an --allow-origin page (SPEC §8).
const SITE_ORIGIN = 'https://www.example.com';

const TOKEN = 'test-admin-token';

describeStores('collector HTTP API', (store) => {
  let collector: AppHandle;
  before(async () => {
    collector = await startApp({ store, options: { adminToken: TOKEN, allowOrigins: [SITE_ORIGIN] } });
  });
  after(() => collector.stop());

  it('answers 202 for one event sent as text/plain and stores it', async () => {
    const res = await collector.request('POST', '/collect', { body: makeEvent({ visitorId: 'one' }) });
    assert.equal(res.status, 202);
    assert.equal(await countEvents(collector.db, 'one'), 1);
  });

  it('answers 202 for an array sent as application/json and stores every event', async () => {
    const events = [makeEvent({ visitorId: 'many' }), makeEvent({ visitorId: 'many', type: 'engagement', engagedMs: 1200 })];
    const res = await collector.request('POST', '/collect', { body: events, contentType: 'application/json' });
    assert.equal(res.status, 202);
    assert.equal(await countEvents(collector.db, 'many'), 2);
  });

  it('answers 400 with { error } for malformed JSON', async () => {
    for (const contentType of ['text/plain', 'application/json']) {
      const res = await collector.request('POST', '/collect', { body: '{"type": "pageview",', contentType });
      assert.equal(res.status, 400);
      assert.equal(typeof res.json.error, 'string');
    }
  });

  it('answers 400 with { error } for bad fields and stores nothing', async () => {
    const bad = [
      makeEvent({ visitorId: 'bad', type: 'click' }),
      makeEvent({ visitorId: 'bad', ts: 'yesterday' }),
      makeEvent({ visitorId: 'bad', screen: 'big' }),
      makeEvent({ visitorId: 'bad', props: { nested: { no: 1 } } }),
      makeEvent({ visitorId: 'bad', type: 'event' }), // custom event without name
      makeEvent({ visitorId: 'bad', title: 'x'.repeat(600) }),
      { ...makeEvent({ visitorId: 'bad' }), path: undefined },
      [],
      Array.from({ length: 101 }, () => makeEvent({ visitorId: 'bad' })),
      42,
    ];
    for (const body of bad) {
      const res = await collector.request('POST', '/collect', { body });
      assert.equal(res.status, 400, JSON.stringify(body).slice(0, 80));
      assert.match(res.json.error, /./);
    }
    assert.equal(await countEvents(collector.db, 'bad'), 0);
  });

  it('answers 403 and stores nothing without consent.analytics === true', async () => {
    const refused = [
      makeEvent({ visitorId: 'noconsent', consent: undefined }),
      makeEvent({ visitorId: 'noconsent', consent: { id: 'c', revision: 1, analytics: false } }),
      makeEvent({ visitorId: 'noconsent', consent: { id: 'c', revision: 1, analytics: 'true' } }),
      [makeEvent({ visitorId: 'noconsent' }), makeEvent({ visitorId: 'noconsent', consent: undefined })],
    ];
    for (const body of refused) {
      const res = await collector.request('POST', '/collect', { body });
      assert.equal(res.status, 403);
      assert.match(res.json.error, /consent/);
    }
    assert.equal(await countEvents(collector.db, 'noconsent'), 0);
  });

  it('answers 413 with { error } for a body over 64 KiB', async () => {
    const body = JSON.stringify(makeEvent({ visitorId: 'huge', title: 'x'.repeat(70 * 1024) }));
    const res = await collector.request('POST', '/collect', { body });
    assert.equal(res.status, 413);
    assert.equal(typeof res.json.error, 'string');
    assert.equal(await countEvents(collector.db, 'huge'), 0);
  });

  it('answers 201 for a consent record and stores it', async () => {
    const res = await collector.request('POST', '/consent', {
      body: makeConsent({ id: 'proof-1' }),
      contentType: 'application/json',
      headers: { origin: SITE_ORIGIN },
    });
    assert.equal(res.status, 201);
    assert.equal(res.headers['set-cookie'], undefined, 'no cookie without --cookie-domain');
    const bad = await collector.request('POST', '/consent', { body: makeConsent({ method: 'maybe' }), headers: { origin: SITE_ORIGIN } });
    assert.equal(bad.status, 400);
  });

  it('serves and erases the data of a visitor id of the longest allowed length (128), and refuses a longer one with 400', async () => {
    const longest = 'v'.repeat(128);
    assert.equal((await collector.request('POST', '/collect', { body: makeEvent({ visitorId: longest }) })).status, 202);
    const found = await collector.request('GET', `/visitor/${longest}`);
    assert.equal(found.status, 200);
    assert.equal(found.json.events.length, 1);
    assert.equal((await collector.request('DELETE', `/visitor/${longest}`)).status, 204);
    assert.deepEqual((await collector.request('GET', `/visitor/${longest}`)).json.events, []);
    const tooLong = await collector.request('GET', `/visitor/${'v'.repeat(129)}`);
    assert.equal(tooLong.status, 400);
    assert.deepEqual(Object.keys(tooLong.json), ['error']);
  });

  it('GET /visitor/:id answers 200 with every event and exactly the specified field names', async () => {
    const sent = makeEvent({
      visitorId: 'access',
      type: 'event',
      name: 'signup',
      props: { plan: 'pro', seats: 3, trial: true },
      engagedMs: 10,
      search: 'shoes',
      utm: { source: 'newsletter', campaign: 'spring' },
      referrer: 'https://news.example.org/item',
    });
    assert.equal((await collector.request('POST', '/collect', { body: sent })).status, 202);
    const res = await collector.request('GET', '/visitor/access');
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.json).sort(), ['events', 'visitorId']);
    assert.equal(res.json.visitorId, 'access');
    assert.equal(res.json.events.length, 1);
    const [event] = res.json.events;
    const spec = [...EVENT_FIELDS];
    // Exactly these: the SPEC §7 fields, the collector's three, and `search` (the site-search term the SDK sends).
    assert.deepEqual(Object.keys(event).sort(), [...spec, 'search', 'ip', 'userAgent', 'receivedAt'].sort());
    for (const field of spec.filter((f) => f !== 'consent'))
      assert.deepEqual(event[field], (sent as Record<string, unknown>)[field], field);
    assert.deepEqual(event.consent, { id: 'consent-a', revision: 1, analytics: true });
    assert.equal(event.search, 'shoes');
    assert.equal(event.ip, '127.0.0.1');
    assert.match(event.userAgent, /Chrome/);
    assert.ok(Math.abs(Date.parse(event.receivedAt) - Date.now()) < 60_000);
  });

  it('DELETE /visitor/:id erases every event and answers the same for unknown ids', async () => {
    await collector.request('POST', '/collect', { body: [makeEvent({ visitorId: 'erase' }), makeEvent({ visitorId: 'erase' })] });
    await collector.request('POST', '/collect', { body: makeEvent({ visitorId: 'keep' }) });
    const known = await collector.request('DELETE', '/visitor/erase');
    const unknown = await collector.request('DELETE', '/visitor/never-seen');
    assert.equal(known.status, 204);
    assert.equal(unknown.status, known.status);
    assert.equal(unknown.text, known.text);
    const after = await collector.request('GET', '/visitor/erase');
    assert.deepEqual(after.json, { visitorId: 'erase', events: [] });
    const never = await collector.request('GET', '/visitor/never-seen');
    assert.deepEqual(never.json, { visitorId: 'never-seen', events: [] });
    assert.equal(await countEvents(collector.db, 'erase'), 0);
    assert.equal(await countEvents(collector.db, 'keep'), 1);
  });

  it('GET /stats answers 401 without or with a wrong token and 200 with it', async () => {
    assert.equal((await collector.request('GET', '/stats')).status, 401);
    const wrong = await collector.request('GET', '/stats', { headers: { authorization: 'Bearer nope' } });
    assert.equal(wrong.status, 401);
    assert.equal(typeof wrong.json.error, 'string');
    const ok = await collector.request('GET', '/stats', { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(ok.status, 200);
    assert.equal(ok.json.days.length, 30, 'default range is the last 30 days');
    assert.equal(ok.json.to, new Date().toISOString().slice(0, 10));
    const bad = await collector.request('GET', '/stats?from=2024-02-30', { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(bad.status, 400);
  });

  it('answers 404 with a JSON error for an unknown route', async () => {
    const res = await collector.request('GET', '/nowhere');
    assert.equal(res.status, 404);
    assert.match(String(res.headers['content-type']), /application\/json/);
    assert.equal(typeof res.json.error, 'string');
  });

  it('GET /health answers 200 with status ok', async () => {
    const res = await collector.request('GET', '/health');
    assert.equal(res.status, 200);
    assert.equal(res.json.status, 'ok');
    assert.equal(typeof res.json.droppedBots, 'number');
  });
});
