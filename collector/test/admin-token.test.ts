// The admin door: GET /stats (the dashboard's data) refuses wrong tokens with
// 401, and after 10 of them from one address within a minute answers that
// address 429 with Retry-After, the right token included, until the minute is
// over; other addresses are not affected. Short tokens are refused at start.
import assert from 'node:assert/strict';
import { after, before, it, mock } from 'node:test';
import { MIN_ADMIN_TOKEN_LENGTH } from '../src/auth.ts';
import { describeStores } from './helpers.ts';
import { startApp, type AppHandle } from './in-process.ts';

const TOKEN = 'admin-door-test-token-0123456789';
const right = { authorization: `Bearer ${TOKEN}` };
const wrong = (n: number) => ({ authorization: `Bearer guess-number-${n}-of-many` });
const ATTACKER = '203.0.113.5';
const ADMIN = '198.51.100.7';

describeStores('admin token attempts', (store) => {
  let collector: AppHandle;
  before(async () => {
    collector = await startApp({ store, options: { adminToken: TOKEN } });
  });
  after(() => collector.stop());

  const stats = (headers: Record<string, string>, remoteAddress: string) => collector.request('GET', '/stats', { headers, remoteAddress });

  it('answers 401 to 10 wrong tokens from one address, then 429 with Retry-After, even for the right token', async () => {
    for (let n = 1; n <= 10; n++) {
      const answer = await stats(wrong(n), ATTACKER);
      assert.equal(answer.status, 401, `attempt ${n}`);
    }
    const blocked = await stats(wrong(11), ATTACKER);
    assert.equal(blocked.status, 429);
    assert.equal(typeof blocked.json.error, 'string');
    const retryAfter = Number(blocked.headers['retry-after']);
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After: ${blocked.headers['retry-after']}`);
    // The right token now would tell a guesser that this guess was the one: refused the same way.
    const rightButBlocked = await stats(right, ATTACKER);
    assert.equal(rightButBlocked.status, 429);
    assert.ok(rightButBlocked.headers['retry-after']);
  });

  it('still serves the right token from another address, and counts that address apart', async () => {
    assert.equal((await stats(right, ADMIN)).status, 200);
    assert.equal((await stats(wrong(1), ADMIN)).status, 401);
    assert.equal((await stats(right, ADMIN)).status, 200);
  });

  it('does not count requests without a token as attempts', async () => {
    const visitor = '192.0.2.44';
    for (let n = 0; n < 15; n++) assert.equal((await stats({}, visitor)).status, 401);
    assert.equal((await stats(right, visitor)).status, 200);
  });

  it('lets the address in again once the minute is over', async (t) => {
    const address = '192.0.2.99';
    t.after(() => mock.timers.reset());
    mock.timers.enable({ apis: ['Date'], now: Date.now() });
    for (let n = 1; n <= 10; n++) await stats(wrong(n), address);
    assert.equal((await stats(right, address)).status, 429);
    mock.timers.tick(61_000);
    assert.equal((await stats(right, address)).status, 200);
    assert.equal((await stats(wrong(1), address)).status, 401, 'a new minute, a new count');
  });
});

describeStores('admin token length', (store) => {
  it(`refuses to build a collector with an admin token under ${MIN_ADMIN_TOKEN_LENGTH} characters`, async () => {
    await assert.rejects(startApp({ store, options: { adminToken: 'x'.repeat(MIN_ADMIN_TOKEN_LENGTH - 1) } }), /at least 16 characters/);
    const app = await startApp({ store, options: { adminToken: 'x'.repeat(MIN_ADMIN_TOKEN_LENGTH) } });
    await app.stop();
  });
});
