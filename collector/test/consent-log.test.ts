// GET /api/consents: the consent log behind the admin token, by consent id or by
// range of arrival days, as JSON or CSV, on both stores.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeStores, makeConsent, query } from './helpers.ts';
import { startApp, type AppHandle } from './in-process.ts';

const TOKEN = 'consent-log-admin-token';
const AUTH = { headers: { authorization: `Bearer ${TOKEN}` } };
const ORIGIN = { origin: 'https://www.example.com' };

describeStores('GET /api/consents', (store) => {
  let collector: AppHandle;
  before(async () => {
    collector = await startApp({ store, options: { adminToken: TOKEN, allowOrigins: [ORIGIN.origin] } });
    const records = [
      makeConsent({ id: 'log-a', method: 'accept-all', timestamp: '2025-03-01T10:00:00.000Z' }),
      makeConsent({ id: 'log-b', method: 'reject-all', timestamp: '2025-03-02T10:00:00.000Z' }),
      makeConsent({ id: 'log-a', method: 'custom', timestamp: '2025-03-03T10:00:00.000Z' }),
    ];
    for (const record of records) {
      const answer = await collector.request('POST', '/consent', {
        body: record,
        headers: { ...ORIGIN, 'user-agent': '=cmd|" /C calc"!A0' },
      });
      assert.equal(answer.status, 201);
    }
    // Arrival days of our choosing: 1, 2 and 3 March.
    for (const [day, method] of [
      ['2025-03-01', 'accept-all'],
      ['2025-03-02', 'reject-all'],
      ['2025-03-03', 'custom'],
    ]) {
      await query(collector.db, 'UPDATE consents SET received_at = ? WHERE method = ?', [`${day}T12:00:00.000Z`, method]);
    }
  });
  after(() => collector?.stop());

  it('refuses a request without the admin token', async () => {
    assert.equal((await collector.request('GET', '/api/consents?id=log-a')).status, 401);
    assert.equal(
      (await collector.request('GET', '/api/consents?id=log-a', { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status,
      401,
    );
  });

  it('finds every record of one consent id, oldest first, and nothing for an unknown one', async () => {
    const answer = await collector.request('GET', '/api/consents?id=log-a', AUTH);
    assert.equal(answer.status, 200);
    assert.deepEqual(
      answer.json.records.map((r: { method: string; consentId: string; receivedAt: string }) => [r.consentId, r.method, r.receivedAt]),
      [
        ['log-a', 'accept-all', '2025-03-01T12:00:00.000Z'],
        ['log-a', 'custom', '2025-03-03T12:00:00.000Z'],
      ],
    );
    const [first] = answer.json.records;
    assert.deepEqual(first.categories, { necessary: true, analytics: true, marketing: false });
    assert.equal(first.timestamp, '2025-03-01T10:00:00.000Z');
    assert.equal(first.revision, 1);
    assert.deepEqual((await collector.request('GET', '/api/consents?id=nobody', AUTH)).json, { records: [], truncated: false });
  });

  it('lists a range of arrival days, either end open, as JSON and as CSV with formulas neutralised', async () => {
    const methods = async (search: string) =>
      (await collector.request('GET', `/api/consents?${search}`, AUTH)).json.records.map((r: { method: string }) => r.method);
    assert.deepEqual(await methods('from=2025-03-02&to=2025-03-02'), ['reject-all']);
    assert.deepEqual(await methods('from=2025-03-02'), ['reject-all', 'custom']);
    assert.deepEqual(await methods('to=2025-03-01'), ['accept-all']);
    assert.deepEqual(await methods(''), ['accept-all', 'reject-all', 'custom']);
    const csv = await collector.request('GET', '/api/consents?from=2025-03-01&to=2025-03-01&format=csv', AUTH);
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines[0], 'consent_id,received_at,timestamp,method,revision,categories,user_agent,ip');
    assert.equal(
      lines[1],
      `log-a,2025-03-01T12:00:00.000Z,2025-03-01T10:00:00.000Z,accept-all,1,necessary=true analytics=true marketing=false,"'=cmd|"" /C calc""!A0",127.0.0.0`,
    );
  });

  it('answers 400 for malformed days, a reversed range, or an id with a range', async () => {
    for (const search of [
      'from=2025-02-30',
      'to=yesterday',
      'from=2025-03-02&to=2025-03-01',
      'id=log-a&from=2025-03-01',
      'format=xml',
      'id=',
    ]) {
      const answer = await collector.request('GET', `/api/consents?${search}`, AUTH);
      assert.equal(answer.status, 400, search);
      assert.equal(typeof answer.json.error, 'string');
    }
  });
});
