// 2,000 random and malformed bodies: the collector stays up, stores exactly the
// valid consented events, and its database stays intact.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { EVENT_FIELDS, countEvents, describeStores, integrityCheck, makeEvent } from './helpers.ts';
import { startApp, type AppHandle } from './in-process.ts';
import { prng } from './prng.ts';

const BODIES = 2000;

const SEED = Number(process.env.FUZZ_SEED ?? 20240601);

describeStores('random and malformed bodies', (store) => {
  let collector: AppHandle;
  before(async () => {
    collector = await startApp({ store });
  });
  after(() => collector.stop());

  it(`survives ${BODIES} bodies (seed ${SEED}) and stores exactly the valid consented events`, async () => {
    const random = prng(SEED);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const junkString = (max: number) =>
      String.fromCharCode(...Array.from({ length: Math.floor(random() * max) }, () => Math.floor(random() * 0xd7ff)));
    const junkValue = (): unknown =>
      pick([null, true, 0, -1, 1e308, 'x', junkString(20), [], {}, { __proto__: { polluted: true } }, [1, 'a'], 'x'.repeat(3000)]);
    const fields = [...EVENT_FIELDS];

    // Each generator answers [body, expected status, events it should store].
    const generators: (() => [body: string | Buffer, status: number | null, stored: number])[] = [
      () => [JSON.stringify(makeEvent({ visitorId: `f${Math.floor(random() * 50)}` })), 202, 1],
      () => {
        const n = 1 + Math.floor(random() * 5);
        return [JSON.stringify(Array.from({ length: n }, () => makeEvent({ visitorId: 'fuzz-batch' }))), 202, n];
      },
      () => [JSON.stringify(makeEvent({ consent: pick([undefined, { id: 'c', revision: 1, analytics: false }]) })), 403, 0],
      () => [JSON.stringify({ ...makeEvent(), [pick(fields)]: junkValue() }), null, 0],
      () => [JSON.stringify(makeEvent()).slice(0, Math.floor(random() * 200)), 400, 0],
      () => [junkString(300), 400, 0],
      () => [Buffer.from(Array.from({ length: Math.floor(random() * 500) }, () => Math.floor(random() * 256))), 400, 0],
      () => [JSON.stringify(junkValue()), 400, 0],
      () => ['{"__proto__":{"admin":true},"type":"pageview"}', 400, 0],
      () => [JSON.stringify(makeEvent({ title: 'y'.repeat(66 * 1024) })), 413, 0],
    ];

    let expectedStored = 0;
    let accepted = 0;
    for (let i = 0; i < BODIES; i++) {
      const [body, expected, stored] = pick(generators)();
      const contentType = pick(['text/plain', 'text/plain;charset=UTF-8', 'application/json']);
      const res = await collector.request('POST', '/collect', { body, contentType });
      if (expected === null) {
        // A random value in a random field: stored (202) or refused (400, or 403 for a consent
        // object without analytics), never anything else.
        assert.ok([202, 400, 403].includes(res.status), `body ${i}: status ${res.status}`);
        if (res.status === 202) expectedStored += 1;
      } else {
        assert.equal(res.status, expected, `body ${i}: ${String(body).slice(0, 120)}`);
        expectedStored += stored;
      }
      if (res.status !== 202) assert.equal(typeof res.json?.error, 'string', `body ${i} error answer`);
      if (res.status === 202) accepted += 1;
    }
    assert.ok(accepted > BODIES / 10, 'a fair share of valid bodies was sent');

    const health = await collector.request('GET', '/health');
    assert.equal(health.status, 200);
    assert.equal(health.json.status, 'ok');
    assert.equal(health.json.acceptedEvents, expectedStored);
    assert.equal(await countEvents(collector.db), expectedStored);
    assert.equal(await integrityCheck(collector.db), 'ok');
    assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
  });
});
