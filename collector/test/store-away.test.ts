// A store that stops answering never stops the collector: while it is
// away, requests that need it get 503 with Retry-After quickly, the write
// queue and memory stay bounded, it recovers by itself once the store is back,
// and every event answered 202 is stored. PostgreSQL is reached through a TCP
// proxy the test makes hang (a database that stopped answering) or cuts (a
// database that is down); SQLite is held locked by another connection.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { MAX_PENDING_WRITES } from '../src/storage/group-commit.ts';
import { openPostgresStorage, type PostgresStorage } from '../src/storage/postgres.ts';
import { sqliteUnavailable } from '../src/storage/sqlite-errors.ts';
import { CHROME_UA, makeEvent, query, tempDb } from './helpers.ts';
import { startApp, type TestDb } from './in-process.ts';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';

const DATABASE_URL = process.env.DATABASE_URL;
const skip = DATABASE_URL ? false : process.env.CI ? false : 'needs DATABASE_URL (scripts/with-postgres.sh)';

/** Short pool timeouts, so that the test waits seconds, not the production defaults. */
const TIMEOUTS = { connectMs: 500, queryMs: 1500 };
/** Longest answer while the store is away: a request caught mid-query waits for its timeouts, no longer. */
const MAX_ANSWER_MS = 6000;
/** Longest wait for the first 202 once the store is back. */
const MAX_RECOVERY_MS = 20_000;
/** Requests sent at once during an outage. */
const WAVE = 25;
/** Most requests sent during one outage (the heap check compares like with like). */
const MAX_OUTAGE_REQUESTS = 1000;

/** One answer: status, Retry-After, how long it took; `timeout` when none came in time. */
interface Answer {
  status: number | 'timeout';
  retryAfter: string | undefined;
  ms: number;
}

/** POST one event marked `marker` (in its props) to `app`; resolves its answer, bounded by {@link MAX_ANSWER_MS} + 4 s. */
async function send(app: FastifyInstance, marker: string): Promise<Answer> {
  const started = performance.now();
  const body = JSON.stringify(makeEvent({ visitorId: 'away', type: 'event', name: 'mark', props: { marker } }));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), MAX_ANSWER_MS + 4000)));
  const answer = app.inject({
    method: 'POST',
    url: '/collect',
    payload: body,
    headers: { 'content-type': 'text/plain', 'user-agent': CHROME_UA },
  });
  const result = await Promise.race([answer, timeout]);
  clearTimeout(timer);
  const ms = performance.now() - started;
  if (result === 'timeout') return { status: 'timeout', retryAfter: undefined, ms };
  return { status: result.statusCode, retryAfter: result.headers['retry-after'] as string | undefined, ms };
}

/**
 * Sends events, `WAVE` at a time, until `durationMs` passed or
 * `MAX_OUTAGE_REQUESTS` were sent; every marker answered 202 is added to `acked`.
 */
async function outageLoad(app: FastifyInstance, label: string, durationMs: number, acked: string[]) {
  const answers: Answer[] = [];
  const deadline = performance.now() + durationMs;
  for (let wave = 0; performance.now() < deadline && answers.length < MAX_OUTAGE_REQUESTS; wave++) {
    const markers = Array.from({ length: WAVE }, (_, i) => `${label}-${wave}-${i}`);
    const results = await Promise.all(markers.map((m) => send(app, m)));
    results.forEach((r, i) => r.status === 202 && acked.push(markers[i]!));
    answers.push(...results);
  }
  return answers;
}

/** POST until one is answered 202 (at most `MAX_RECOVERY_MS`); resolves how long that took. */
async function recovery(app: FastifyInstance, label: string, acked: string[]): Promise<number> {
  const started = performance.now();
  for (let i = 0; performance.now() - started < MAX_RECOVERY_MS; i++) {
    const marker = `${label}-${i}`;
    const answer = await send(app, marker);
    if (answer.status === 202) {
      acked.push(marker);
      return performance.now() - started;
    }
    // Polling a store that is away: the answer's own Retry-After says when to ask again; a short step keeps the test quick.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no 202 within ${MAX_RECOVERY_MS} ms of the store coming back`);
}

/** The markers stored in `db`. */
async function storedMarkers(db: TestDb): Promise<Set<string>> {
  const rows = await query(db, "SELECT props FROM events WHERE visitor_id = 'away'");
  return new Set(rows.map((r: { props: unknown }) => (typeof r.props === 'string' ? JSON.parse(r.props) : r.props).marker));
}

/** Check the answers of an outage: all in time, 503s with Retry-After, none but 202 and 503. */
function checkOutage(answers: Answer[]) {
  assert.deepEqual(answers.filter((a) => a.status === 'timeout').length, 0, 'every request answered');
  assert.deepEqual(
    [...new Set(answers.map((a) => a.status))].filter((s) => s !== 202 && s !== 503),
    [],
    'only 202 or 503',
  );
  assert.ok(
    answers.some((a) => a.status === 503),
    'some 503',
  );
  for (const a of answers) if (a.status === 503) assert.ok(Number(a.retryAfter) >= 1, `Retry-After: ${a.retryAfter}`);
  const slowest = Math.max(...answers.map((a) => a.ms));
  assert.ok(slowest < MAX_ANSWER_MS, `slowest answer ${slowest.toFixed(0)} ms`);
}

/** Runs `work` while sampling the store's write queue and the heap every 20 ms; resolves the maxima. */
async function sampled<T>(storage: PostgresStorage, work: () => Promise<T>) {
  let maxPending = 0;
  let maxHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    maxPending = Math.max(maxPending, storage.pendingWrites);
    maxHeap = Math.max(maxHeap, process.memoryUsage().heapUsed);
  }, 20);
  try {
    return { result: await work(), maxPending, maxHeap };
  } finally {
    clearInterval(timer);
  }
}

describe('PostgreSQL away', { skip, timeout: 180_000 }, () => {
  let db: TestDb & { url: string };
  let proxy: TcpProxy;
  let storage: PostgresStorage;
  let app: FastifyInstance;
  const acked: string[] = [];

  before(async () => {
    db = (await tempDb('postgres')) as TestDb & { url: string };
    const target = new URL(db.url);
    proxy = await startTcpProxy(target.hostname, Number(target.port));
    const viaProxy = new URL(db.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    storage = await openPostgresStorage(viaProxy.toString(), () => {}, TIMEOUTS);
    app = await buildApp({ storage, logError: () => {} });
    await app.ready();
    for (let i = 0; i < 20; i++) {
      const answer = await send(app, `healthy-${i}`);
      assert.equal(answer.status, 202);
      acked.push(`healthy-${i}`);
    }
  });
  after(async () => {
    await proxy?.close();
    await app?.close();
  });

  for (const [outage, cause] of [
    ['hangs', (p: TcpProxy) => p.hang()],
    ['is down', (p: TcpProxy) => p.cut()],
  ] as const) {
    it(`answers 503 with Retry-After while the database ${outage}, with a bounded queue and heap, then recovers by itself`, async (t) => {
      const heapBefore = process.memoryUsage().heapUsed;
      await cause(proxy);
      const started = performance.now();
      const first = await send(app, `${outage}-first`);
      const firstMs = performance.now() - started;
      if (first.status === 202) acked.push(`${outage}-first`);
      const { result: answers, maxPending, maxHeap } = await sampled(storage, () => outageLoad(app, outage, 4000, acked));
      const read = await Promise.race([
        app.inject({ method: 'GET', url: '/visitor/away' }),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('GET /visitor/away unanswered')), MAX_ANSWER_MS).unref()),
      ]);
      await proxy.restore();
      const recoveredMs = await recovery(app, `${outage}-back`, acked);
      t.diagnostic(
        `${answers.length + 1} requests while the database ${outage}: first answered ${first.status} after ${firstMs.toFixed(0)} ms, ` +
          `${answers.filter((a) => a.status === 503).length} × 503, slowest ${Math.max(...answers.map((a) => a.ms)).toFixed(0)} ms; ` +
          `write queue at most ${maxPending}; heap +${((maxHeap - heapBefore) / 1e6).toFixed(1)} MB; 202 again ${recoveredMs.toFixed(0)} ms after it came back`,
      );
      checkOutage([first, ...answers]);
      assert.equal(read.statusCode, 503, 'a read needs the store too');
      assert.ok(Number(read.headers['retry-after']) >= 1);
      assert.ok(maxPending <= MAX_PENDING_WRITES, `write queue ${maxPending}`);
      assert.ok(maxHeap - heapBefore < 64e6, `heap grew by ${((maxHeap - heapBefore) / 1e6).toFixed(1)} MB`);
    });
  }

  it('lost no event it answered 202', async () => {
    const stored = await storedMarkers(db);
    assert.deepEqual(
      acked.filter((m) => !stored.has(m)),
      [],
    );
  });
});

describe('SQLite locked by another process', { timeout: 60_000 }, () => {
  it('answers 503 with Retry-After at once while the lock is held, and 202 again once it is released', async (t) => {
    const collector = await startApp({ store: 'sqlite' });
    const acked: string[] = [];
    const db = collector.db as TestDb & { file: string };
    const other = new Database(db.file);
    try {
      assert.equal((await send(collector.app, 'before')).status, 202);
      acked.push('before');
      other.exec('BEGIN EXCLUSIVE');
      const answers: Answer[] = [];
      for (let i = 0; i < 5; i++) answers.push(await send(collector.app, `locked-${i}`));
      answers.forEach((a, i) => a.status === 202 && acked.push(`locked-${i}`));
      t.diagnostic(`while locked: ${answers.map((a) => `${a.status} in ${a.ms.toFixed(0)} ms`).join(', ')}`);
      assert.deepEqual(
        answers.map((a) => a.status),
        [503, 503, 503, 503, 503],
      );
      for (const a of answers) {
        assert.ok(Number(a.retryAfter) >= 1, `Retry-After: ${a.retryAfter}`);
        assert.ok(a.ms < 1000, `answered in ${a.ms.toFixed(0)} ms`);
      }
      other.exec('COMMIT');
      const recoveredMs = await recovery(collector.app, 'unlocked', acked);
      t.diagnostic(`202 again ${recoveredMs.toFixed(0)} ms after the lock was released`);
      const stored = await storedMarkers(db);
      assert.deepEqual(
        acked.filter((m) => !stored.has(m)),
        [],
      );
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
      await collector.stop();
    }
  });
});

describe('which driver errors mean "the store is away"', () => {
  it('SQLite: busy, locked, full and I/O errors answer 503; a constraint or a type error is the request’s own', () => {
    const error = (code: string) => Object.assign(new Error(code), { code });
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'SQLITE_READONLY']) {
      assert.equal(sqliteUnavailable(error(code))?.statusCode, 503, code);
    }
    for (const code of ['SQLITE_CONSTRAINT_NOTNULL', 'SQLITE_MISMATCH', 'SQLITE_ERROR', 'SQLITE_FULLNESS']) {
      assert.equal(sqliteUnavailable(error(code)), null, code);
    }
  });
});
