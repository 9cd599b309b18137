// A visitor with a very large history must not stall the collector (SPEC §8):
// GET /visitor/:id streams its answer page by page, DELETE erases in bounded
// steps, and both are rate-limited per client.
import assert from 'node:assert/strict';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { after, before, it } from 'node:test';
import { VISITOR_RATE_LIMIT } from '../src/routes/visitor.ts';
import { countEvents, describeStores, makeEvent } from './helpers.ts';
import { startApp, type AppHandle } from './in-process.ts';

type Store = 'sqlite' | 'postgres';

const HISTORY = 20_000;
const BATCH = 100;
/**
 * Generous: reading and serialising a whole 20,000-event history in one go took
 * 1 to 20 s here; a page takes a few ms.
 */
const MAX_BLOCKED_MS = 200;
/** Generous too: an event is committed within milliseconds when nothing holds the collector up. */
const MAX_COLLECT_MS = 5000;

/** The fields of one event in a data-access answer (SPEC §7 plus what the collector adds). */
const VISITOR_EVENT_FIELDS = [
  'consent',
  'engagedMs',
  'ip',
  'language',
  'name',
  'path',
  'props',
  'receivedAt',
  'referrer',
  'screen',
  'search',
  'timezone',
  'title',
  'ts',
  'type',
  'url',
  'userAgent',
  'utm',
  'visitId',
  'visitStart',
  'visitorId',
];

/** What {@link measureLoop} saw. */
interface LoopMeasure<T> {
  /** Longest event-loop delay (`monitorEventLoopDelay`), in ms: includes time the OS gave to other processes. */
  maxDelayMs: number;
  /**
   * Longest time this process spent on the CPU within one event-loop turn, in
   * ms: the time the loop was held by work of its own. On a machine shared
   * with other busy processes the delay above also counts the time this
   * process waited for a CPU; this does not.
   */
  maxBlockedMs: number;
  /** What `work` resolved. */
  result: T;
}

/** Run `work` while measuring the event loop. */
async function measureLoop<T>(work: () => Promise<T>): Promise<LoopMeasure<T>> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  let maxBlockedMs = 0;
  let lastWall = performance.now();
  let lastCpu = process.cpuUsage();
  const sampler = setInterval(() => {
    const wall = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    maxBlockedMs = Math.max(maxBlockedMs, Math.min(wall - lastWall, (cpu.user + cpu.system) / 1000));
    lastWall = wall;
    lastCpu = process.cpuUsage();
  }, 1);
  histogram.enable();
  try {
    const result = await work();
    // A block that ended just before `work` resolved is sampled on the next timer turn only.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { maxDelayMs: histogram.max / 1e6, maxBlockedMs, result };
  } finally {
    histogram.disable();
    clearInterval(sampler);
  }
}

/**
 * POST one event of `visitorId` after another until `done()` is true, at most
 * `limit`; resolves each request's status and round-trip time.
 */
async function collectWhile(collector: AppHandle, visitorId: string, done: () => boolean, limit = 10_000) {
  const answers: { status: number; ms: number }[] = [];
  while (!done() && answers.length < limit) {
    const started = performance.now();
    const { status } = await collector.request('POST', '/collect', { body: makeEvent({ visitorId }) });
    answers.push({ status, ms: performance.now() - started });
  }
  return answers;
}

/**
 * GET `path` and count the answer's bytes as they arrive, without keeping or
 * parsing them: the measurement then sees the collector's work, not the test's.
 */
async function streamedGet(collector: AppHandle, path: string): Promise<{ status: number; bytes: number }> {
  const response = await collector.app.inject({ method: 'GET', url: path, payloadAsStream: true });
  let bytes = 0;
  for await (const chunk of response.stream()) bytes += (chunk as Buffer).length;
  return { status: response.statusCode, bytes };
}

describeStores('a visitor with a very large history', (store: Store) => {
  let collector: AppHandle;
  before(async () => {
    collector = await startApp({ store });
    for (let i = 0; i < HISTORY; i += BATCH) {
      const body = Array.from({ length: BATCH }, (_, j) => makeEvent({ visitorId: 'big', visitId: `visit-${i + j}`, props: { n: i + j } }));
      assert.equal((await collector.request('POST', '/collect', { body })).status, 202);
    }
  });
  after(() => collector.stop());

  it(`GET /visitor/:id answers all ${HISTORY} events, oldest first, in the SPEC's shape`, async () => {
    const res = await collector.request('GET', '/visitor/big');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.deepEqual(Object.keys(res.json), ['visitorId', 'events']);
    assert.equal(res.json.visitorId, 'big');
    assert.equal(res.json.events.length, HISTORY);
    res.json.events.forEach((event: { props: { n: number } }, i: number) => assert.equal(event.props.n, i));
    assert.deepEqual(Object.keys(res.json.events[0]).sort(), VISITOR_EVENT_FIELDS);
    assert.deepEqual(res.json.events[HISTORY - 1].consent, { id: 'consent-a', revision: 1, analytics: true });
    // An unknown id: the same shape, empty.
    assert.deepEqual((await collector.request('GET', '/visitor/nobody')).json, { visitorId: 'nobody', events: [] });
  });

  it('keeps answering other visitors while large histories are read', async (t) => {
    let reading = true;
    const { maxDelayMs, maxBlockedMs, result } = await measureLoop(async () => {
      const reads = Promise.all([1, 2, 3].map(() => streamedGet(collector, '/visitor/big'))).finally(() => (reading = false));
      const [answers, gets] = await Promise.all([collectWhile(collector, 'other', () => !reading), reads]);
      return { answers, gets };
    });
    t.diagnostic(
      `event loop: longest delay ${maxDelayMs.toFixed(1)} ms, longest held ${maxBlockedMs.toFixed(1)} ms; ` +
        `${result.answers.length} POST /collect answered meanwhile, slowest ${Math.max(...result.answers.map((a) => a.ms)).toFixed(1)} ms`,
    );
    const whole = Buffer.byteLength((await collector.request('GET', '/visitor/big')).text);
    for (const get of result.gets) assert.deepEqual(get, { status: 200, bytes: whole });
    assert.ok(maxBlockedMs < MAX_BLOCKED_MS, `event loop held for ${maxBlockedMs.toFixed(1)} ms`);
    assert.ok(result.answers.length > 0, 'events were collected while the histories were read');
    assert.ok(result.answers.every((a) => a.status === 202));
    assert.ok(
      result.answers.every((a) => a.ms < MAX_COLLECT_MS),
      'every POST /collect answered promptly',
    );
    assert.equal(await countEvents(collector.db, 'other'), result.answers.length);
  });

  it('DELETE /visitor/:id erases the whole history without stalling the others', async (t) => {
    let erasing = true;
    const { maxDelayMs, maxBlockedMs, result } = await measureLoop(async () => {
      const erase = collector.request('DELETE', '/visitor/big').finally(() => (erasing = false));
      const [answers, deleted] = await Promise.all([collectWhile(collector, 'other-2', () => !erasing), erase]);
      return { answers, deleted };
    });
    t.diagnostic(`event loop during DELETE: longest delay ${maxDelayMs.toFixed(1)} ms, longest held ${maxBlockedMs.toFixed(1)} ms`);
    assert.equal(result.deleted.status, 204);
    assert.ok(maxBlockedMs < MAX_BLOCKED_MS, `event loop held for ${maxBlockedMs.toFixed(1)} ms`);
    assert.equal(await countEvents(collector.db, 'big'), 0);
    assert.deepEqual((await collector.request('GET', '/visitor/big')).json, { visitorId: 'big', events: [] });
    assert.equal(await countEvents(collector.db, 'other-2'), result.answers.length);
  });
});

describeStores('visitor routes rate limit', (store: Store) => {
  let collector: AppHandle;
  before(async () => {
    collector = await startApp({ store });
  });
  after(() => collector.stop());

  it(`answers 429 with Retry-After past ${VISITOR_RATE_LIMIT.max} requests per client and window, other clients and /collect unaffected`, async () => {
    const client = { remoteAddress: '198.51.100.7' };
    for (let i = 0; i < VISITOR_RATE_LIMIT.max; i++) {
      const res = await collector.request(i % 2 ? 'DELETE' : 'GET', `/visitor/v${i}`, client);
      assert.ok(res.status === 200 || res.status === 204, `request ${i}: ${res.status}`);
    }
    const limited = await collector.request('GET', '/visitor/v0', client);
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0, `Retry-After: ${limited.headers['retry-after']}`);
    assert.equal(typeof limited.json.error, 'string');
    assert.equal((await collector.request('DELETE', '/visitor/v0', client)).status, 429);
    assert.equal((await collector.request('GET', '/visitor/v0', { remoteAddress: '198.51.100.8' })).status, 200);
    assert.equal((await collector.request('POST', '/collect', { ...client, body: makeEvent() })).status, 202);
  });
});
