// POST /consent re-issues cg_consent with --cookie-domain: decision + 182 days.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeStores, makeConsent, startCollector } from './helpers.js';

const DAY_MS = 86_400_000;

describeStores('consent cookie re-issue', (store) => {
  let collector;
  before(async () => {
    collector = await startCollector({ store, args: ['--cookie-domain', 'example.com', '--trust-proxy'] });
  });
  after(() => collector.stop());

  const attributes = (cookie) => Object.fromEntries(cookie.split('; ').slice(1).map((a) => a.split('=')));

  it('sets cg_consent with Expires = decision + 182 days and the browser value encoding', async () => {
    const decided = new Date(Date.now() - 10 * DAY_MS);
    decided.setUTCMilliseconds(0);
    const state = makeConsent({ id: 'cookie-1', timestamp: decided.toISOString() });
    const res = await collector.request('POST', '/consent', { body: state, contentType: 'application/json' });
    assert.equal(res.status, 201);
    const [cookie] = res.headers['set-cookie'];
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

  it('adds Secure when the request came over https', async () => {
    const res = await collector.request('POST', '/consent', { body: makeConsent(), headers: { 'x-forwarded-proto': 'https' } });
    assert.match(res.headers['set-cookie'][0], /; Secure$/);
  });

  it('sets no cookie for a decision in the future or older than 182 days, but stores the record', async () => {
    for (const offset of [DAY_MS, -183 * DAY_MS]) {
      const state = makeConsent({ timestamp: new Date(Date.now() + offset).toISOString() });
      const res = await collector.request('POST', '/consent', { body: state });
      assert.equal(res.status, 201);
      assert.equal(res.headers['set-cookie'], undefined);
    }
  });
});
