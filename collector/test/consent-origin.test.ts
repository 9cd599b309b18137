// POST /consent is proof of consent, so only the site's own pages may record one
// (docs/collector.md#consent-records-and-the-consent-cookie): a form or script on another site, a missing or opaque Origin, or a
// top-level navigation gets 403 with nothing stored and no cookie. What is
// stored follows the SDK's rules (category names), and the re-issued cookie
// stays a cookie a browser keeps.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { parse } from 'cookie';
import { describeStores, makeConsent, query } from './helpers.ts';
import { startApp, type AppHandle } from './in-process.ts';

const SITE = 'https://www.example.com';
const OTHER = 'https://evil.example.net';

/** The headers sendBeacon sends from a page of `origin`. */
const beacon = (origin: string) => ({ origin, 'sec-fetch-mode': 'no-cors', 'sec-fetch-site': 'same-site' });

/** The `Set-Cookie` values of an answer (none: an empty list). */
const setCookies = (headers: Record<string, unknown>) => [headers['set-cookie'] ?? []].flat() as string[];

describeStores('POST /consent only from allowed origins', (store: 'sqlite' | 'postgres') => {
  let collector: AppHandle;
  before(async () => {
    collector = await startApp({ store, options: { allowOrigins: [SITE], cookieDomain: 'example.com', trustProxy: true } });
  });
  after(() => collector.stop());

  const stored = async (id: string) => (await query(collector.db, 'SELECT consent_id FROM consents WHERE consent_id = ?', [id])).length;

  it('records a decision sent by a page of an allowed origin, and re-issues the cookie', async () => {
    const res = await collector.request('POST', '/consent', { body: makeConsent({ id: 'from-site' }), headers: beacon(SITE) });
    assert.equal(res.status, 201);
    assert.equal(await stored('from-site'), 1);
    assert.ok(res.headers['set-cookie'], 'cookie re-issued');
  });

  it('refuses with 403, stores nothing and sets no cookie for another, a missing or an opaque origin, or a navigation', async () => {
    const forged: { name: string; headers: Record<string, string> }[] = [
      { name: 'another site (auto-submitting text/plain form)', headers: { origin: OTHER, 'sec-fetch-mode': 'no-cors' } },
      { name: 'no Origin (a non-browser client, an old browser)', headers: {} },
      { name: 'Origin: null (sandboxed frame, data: URL)', headers: { origin: 'null' } },
      { name: 'a top-level form navigation from the site itself', headers: { origin: SITE, 'sec-fetch-mode': 'navigate' } },
      { name: 'an allowed host on another scheme', headers: { origin: 'http://www.example.com' } },
      { name: 'an allowed origin with a trailing slash', headers: { origin: `${SITE}/` } },
    ];
    for (const [i, { name, headers }] of forged.entries()) {
      const id = `forged-${i}`;
      const res = await collector.request('POST', '/consent', { body: makeConsent({ id, method: 'accept-all' }), headers });
      assert.equal(res.status, 403, name);
      assert.equal(typeof res.json?.error, 'string', name);
      assert.equal(res.headers['set-cookie'], undefined, name);
      assert.equal(await stored(id), 0, name);
    }
  });

  it('refuses category names the SDK would never write (400, nothing stored)', async () => {
    for (const [i, name] of ['a b', 'x;y', 'c=1', '', 'é', 'x'.repeat(65)].entries()) {
      const id = `bad-category-${i}`;
      const res = await collector.request('POST', '/consent', {
        body: makeConsent({ id, categories: { necessary: true, [name]: true } }),
        headers: beacon(SITE),
      });
      assert.equal(res.status, 400, JSON.stringify(name));
      assert.equal(await stored(id), 0, JSON.stringify(name));
    }
  });

  it('builds a cookie that parses back to the decision', async () => {
    const state = makeConsent({ id: 'parsed', categories: { necessary: true, analytics: false, 'ad-storage_2': true } });
    const res = await collector.request('POST', '/consent', { body: state, headers: beacon(SITE) });
    const [cookie] = setCookies(res.headers);
    assert.deepEqual(JSON.parse(parse(cookie!).cg_consent!), { v: 1, ...state });
  });

  it('stores but does not re-issue a decision whose cookie would be too large for a browser to keep', async () => {
    const categories = Object.fromEntries(
      Array.from({ length: 64 }, (_, i) => [`category-${String(i).padStart(2, '0')}-${'x'.repeat(50)}`, true]),
    );
    const res = await collector.request('POST', '/consent', { body: makeConsent({ id: 'huge', categories }), headers: beacon(SITE) });
    assert.equal(res.status, 201);
    assert.deepEqual(setCookies(res.headers), []);
    assert.equal(await stored('huge'), 1);
  });

  it('re-issues a __Secure- or __Host- named cookie only where a browser would keep it', async () => {
    const post = (name: string, https: boolean) =>
      collector.request('POST', `/consent?cookie=${name}`, {
        body: makeConsent({ id: `prefixed-${name}-${https}` }),
        headers: { ...beacon(SITE), ...(https ? { 'x-forwarded-proto': 'https' } : {}) },
      });
    for (const name of ['__Secure-consent', '__secure-consent', '__Host-consent', '__HOST-consent']) {
      const res = await post(name, false);
      assert.equal(res.status, 201, name);
      assert.equal(res.headers['set-cookie'], undefined, `${name} over http`);
    }
    const secure = await post('__Secure-consent', true);
    const [cookie] = setCookies(secure.headers);
    assert.match(cookie!, /^__Secure-consent=.*; Secure(;|$)/);
    // A __Host- cookie may carry no Domain, and the re-issued cookie is for the whole site: never.
    assert.equal((await post('__Host-consent', true)).headers['set-cookie'], undefined);
  });
});

describeStores('POST /consent without --allow-origin', (store: 'sqlite' | 'postgres') => {
  it('records nothing, whatever the Origin', async () => {
    const collector = await startApp({ store, options: {} });
    try {
      const res = await collector.request('POST', '/consent', { body: makeConsent({ id: 'no-list' }), headers: beacon(SITE) });
      assert.equal(res.status, 403);
      assert.equal((await query(collector.db, 'SELECT * FROM consents')).length, 0);
    } finally {
      await collector.stop();
    }
  });
});
