// POST /consent re-issues cg_consent with --cookie-domain: decision + 182 days.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeStores, makeConsent, query } from './helpers.ts';
import { startApp, type AppHandle, type TestResponse } from './in-process.ts';

const DAY_MS = 86_400_000;
// POST /consent is only recorded from an --allow-origin page.
const SITE_ORIGIN = 'https://www.example.com';
const fromSite = { origin: SITE_ORIGIN };

describeStores('consent cookie re-issue', (store) => {
  let collector: AppHandle;
  before(async () => {
    collector = await startApp({ store, options: { cookieDomain: 'example.com', trustProxy: true, allowOrigins: [SITE_ORIGIN] } });
  });
  after(() => collector.stop());

  const attributes = (cookie: string): Record<string, string> =>
    Object.fromEntries(
      cookie
        .split('; ')
        .slice(1)
        .map((a) => a.split('=')),
    );
  /** The first `Set-Cookie` of an answer, which must have one. */
  const firstCookie = (res: TestResponse): string => {
    const [cookie] = res.headers['set-cookie'] ?? [];
    assert.ok(cookie, 'a Set-Cookie');
    return cookie;
  };

  it('sets cg_consent with Expires = decision + 182 days and the browser value encoding', async () => {
    const decided = new Date(Date.now() - 10 * DAY_MS);
    decided.setUTCMilliseconds(0);
    const state = makeConsent({ id: 'cookie-1', timestamp: decided.toISOString() });
    const res = await collector.request('POST', '/consent', { body: state, contentType: 'application/json', headers: fromSite });
    assert.equal(res.status, 201);
    const cookie = firstCookie(res);
    const [pair] = cookie.split('; ');
    assert.equal(pair.slice(0, pair.indexOf('=')), 'cg_consent');
    const value = pair.slice(pair.indexOf('=') + 1);
    assert.equal(value, encodeURIComponent(JSON.stringify({ v: 1, ...state })));
    const attrs = attributes(cookie);
    assert.equal(attrs.Domain, 'example.com');
    assert.equal(attrs.Path, '/');
    assert.equal(attrs.SameSite, 'Lax');
    assert.equal(Date.parse(attrs.Expires), decided.getTime() + 182 * DAY_MS);
    assert.ok(!cookie.includes('Secure'), 'plain http: no Secure');
  });

  it('names and times the cookie as the site does: ?cookie=NAME&days=N', async () => {
    const decided = new Date(Date.now() - DAY_MS);
    decided.setUTCMilliseconds(0);
    const state = makeConsent({ timestamp: decided.toISOString() });
    const res = await collector.request('POST', '/consent?cookie=site_consent&days=30', { body: state, headers: fromSite });
    assert.equal(res.status, 201);
    const cookie = firstCookie(res);
    assert.ok(cookie.startsWith(`site_consent=${encodeURIComponent(JSON.stringify({ v: 1, ...state }))}; `), cookie);
    assert.equal(Date.parse(attributes(cookie).Expires), decided.getTime() + 30 * DAY_MS);
    // Past its own 30 days the decision gets no cookie, though the default 182 would still run.
    const old = makeConsent({ timestamp: new Date(Date.now() - 31 * DAY_MS).toISOString() });
    assert.equal(
      (await collector.request('POST', '/consent?cookie=site_consent&days=30', { body: old, headers: fromSite })).headers['set-cookie'],
      undefined,
    );
  });

  it('sets no cookie for a malformed name or lifetime, and stores the record all the same', async () => {
    for (const query of ['cookie=bad%3Bname', 'cookie=', 'days=0', 'days=731', 'days=12.5', 'days=abc', 'cookie=a&cookie=b']) {
      const state = makeConsent({ id: `query-${query.replace(/\W/g, '-')}` });
      const res = await collector.request('POST', `/consent?${query}`, { body: state, headers: fromSite });
      assert.equal(res.status, 201, query);
      assert.equal(res.headers['set-cookie'], undefined, query);
    }
    const [{ n }] = await query(collector.db, "SELECT count(*) AS n FROM consents WHERE consent_id LIKE 'query-%'");
    assert.equal(Number(n), 7, 'every record stored');
  });

  it('adds Secure when the request came over https', async () => {
    const res = await collector.request('POST', '/consent', {
      body: makeConsent(),
      headers: { ...fromSite, 'x-forwarded-proto': 'https' },
    });
    assert.match(firstCookie(res), /; Secure(;|$)/);
  });

  it('sets no cookie for a decision in the future or older than 182 days, but stores the record', async () => {
    for (const offset of [DAY_MS, -183 * DAY_MS]) {
      const state = makeConsent({ timestamp: new Date(Date.now() + offset).toISOString() });
      const res = await collector.request('POST', '/consent', { body: state, headers: fromSite });
      assert.equal(res.status, 201);
      assert.equal(res.headers['set-cookie'], undefined);
    }
  });
});
