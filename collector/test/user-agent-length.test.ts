// A user agent is stored with every event and consent record: a 16 KB one,
// copied into each of up to 100 events of a request, would multiply every
// byte of it. It is stored cut to 512 characters, on both stores.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { BOT_UA, countEvents, describeStores, makeConsent, makeEvent, query } from './helpers.ts';
import { startApp, type AppHandle } from './in-process.ts';

const SITE = 'https://www.example.com';
/** A browser-like user agent of 16,000 characters. */
const HUGE_UA =
  `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 ${'x'.repeat(16_000)}`.slice(
    0,
    16_000,
  );

describeStores('user agent length', (store) => {
  let collector: AppHandle;
  before(async () => {
    collector = await startApp({ store, options: { allowOrigins: [SITE] } });
  });
  after(() => collector.stop());

  it('stores the first 512 characters of a 16,000-character user agent in every event of a batch', async () => {
    const events = Array.from({ length: 100 }, () => makeEvent({ visitorId: 'huge-ua' }));
    const answer = await collector.request('POST', '/collect', { body: events, headers: { 'user-agent': HUGE_UA } });
    assert.equal(answer.status, 202);
    const rows = await query(collector.db, "SELECT user_agent FROM events WHERE visitor_id = 'huge-ua'");
    assert.equal(rows.length, 100);
    for (const row of rows) assert.equal(row.user_agent, HUGE_UA.slice(0, 512));
    const access = await collector.request('GET', '/visitor/huge-ua');
    assert.equal(access.json.events[0].userAgent, HUGE_UA.slice(0, 512));
  });

  it('stores the first 512 characters in a consent record', async () => {
    const answer = await collector.request('POST', '/consent', {
      body: makeConsent({ id: 'huge-ua-proof' }),
      headers: { origin: SITE, 'user-agent': HUGE_UA },
    });
    assert.equal(answer.status, 201);
    const [row] = await query(collector.db, "SELECT user_agent FROM consents WHERE consent_id = 'huge-ua-proof'");
    assert.equal(row.user_agent, HUGE_UA.slice(0, 512));
  });

  it('stores a user agent of 512 characters or fewer as it came', async () => {
    const exact = HUGE_UA.slice(0, 512);
    assert.equal(
      (await collector.request('POST', '/collect', { body: makeEvent({ visitorId: 'exact-ua' }), headers: { 'user-agent': exact } }))
        .status,
      202,
    );
    const [row] = await query(collector.db, "SELECT user_agent FROM events WHERE visitor_id = 'exact-ua'");
    assert.equal(row.user_agent, exact);
  });

  it('still recognises a bot by a long user agent', async () => {
    const answer = await collector.request('POST', '/collect', {
      body: makeEvent({ visitorId: 'long-bot' }),
      headers: { 'user-agent': `${BOT_UA} ${'y'.repeat(15_000)}` },
    });
    assert.equal(answer.status, 202);
    assert.equal(await countEvents(collector.db, 'long-bot'), 0);
  });
});
