// CORS only for --allow-origin origins; credentials only on /consent.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeStores, makeConsent, makeEvent } from './helpers.ts';
import { startApp, type AppHandle } from './in-process.ts';

const ALLOWED = 'https://www.example.com';

describeStores('CORS', (store) => {
  let collector: AppHandle;
  before(async () => {
    collector = await startApp({
      store,
      options: { allowOrigins: [ALLOWED, 'https://shop.example.com'], adminToken: 'cors-test-admin-token' },
    });
  });
  after(() => collector.stop());

  it('gives an allowed origin the header and another origin none', async () => {
    const allowed = await collector.request('POST', '/collect', { body: makeEvent(), headers: { origin: ALLOWED } });
    assert.equal(allowed.status, 202);
    assert.equal(allowed.headers['access-control-allow-origin'], ALLOWED);
    const other = await collector.request('POST', '/collect', { body: makeEvent(), headers: { origin: 'https://evil.example.net' } });
    assert.equal(other.headers['access-control-allow-origin'], undefined);
    assert.equal(other.headers['access-control-allow-credentials'], undefined);
    const second = await collector.request('GET', '/visitor/x', { headers: { origin: 'https://shop.example.com' } });
    assert.equal(second.headers['access-control-allow-origin'], 'https://shop.example.com');
  });

  it('answers preflight for allowed origins only (DELETE /visitor/:id)', async () => {
    const headers = { 'access-control-request-method': 'DELETE' };
    const allowed = await collector.request('OPTIONS', '/visitor/abc', { headers: { ...headers, origin: ALLOWED } });
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers['access-control-allow-origin'], ALLOWED);
    assert.match(String(allowed.headers['access-control-allow-methods']), /DELETE/);
    const other = await collector.request('OPTIONS', '/visitor/abc', { headers: { ...headers, origin: 'https://evil.example.net' } });
    assert.equal(other.headers['access-control-allow-origin'], undefined);
    assert.equal(other.headers['access-control-allow-methods'], undefined);
  });

  it('allows credentials on /consent (and its preflight), not on /collect', async () => {
    const consent = await collector.request('POST', '/consent', {
      body: makeConsent(),
      contentType: 'application/json',
      headers: { origin: ALLOWED },
    });
    assert.equal(consent.status, 201);
    assert.equal(consent.headers['access-control-allow-credentials'], 'true');
    const preflight = await collector.request('OPTIONS', '/consent', {
      headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    assert.equal(preflight.headers['access-control-allow-credentials'], 'true');
    const collect = await collector.request('POST', '/collect', { body: makeEvent(), headers: { origin: ALLOWED } });
    assert.equal(collect.headers['access-control-allow-credentials'], undefined);
  });

  it('answers /stats without the token with 401, also for an allowed origin', async () => {
    const res = await collector.request('GET', '/stats', { headers: { origin: ALLOWED } });
    assert.equal(res.status, 401);
  });
});

describeStores('CORS without --allow-origin', (store) => {
  it('sends no CORS header at all', async () => {
    const collector = await startApp({ store });
    try {
      const res = await collector.request('POST', '/collect', { body: makeEvent(), headers: { origin: ALLOWED } });
      assert.equal(res.status, 202);
      assert.equal(res.headers['access-control-allow-origin'], undefined);
    } finally {
      await collector.stop();
    }
  });
});
