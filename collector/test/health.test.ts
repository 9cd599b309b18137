// GET /health tells a load balancer whether this collector can serve: 200 with
// the store available, 503 with Retry-After while it is away, the store's
// pending writes in both, and the process answers all along. PostgreSQL is
// reached through a TCP proxy the test cuts (a server that is down) or makes
// hang (one that stopped answering), and once on a server of its own that it
// stops with pg_ctl; SQLite is held locked by another connection, or its file
// is removed. Nothing else sends requests meanwhile: /health itself must find out.
import assert from 'node:assert/strict';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { StoreAvailability } from '../src/storage/availability.ts';
import { openPostgresStorage, type PostgresStorage } from '../src/storage/postgres.ts';
import { StoreUnavailableError } from '../src/storage/store-unavailable.ts';
import { CHROME_UA, describeStores, makeEvent, tempDb } from './helpers.ts';
import { startApp, type TestDb } from './in-process.ts';
import { postgresBinaries, startOwnPostgres } from './own-postgres.ts';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';

const DATABASE_URL = process.env.DATABASE_URL;
const skip = DATABASE_URL ? false : process.env.CI ? false : 'needs DATABASE_URL (scripts/with-postgres.sh)';

/** Longest wait for /health to say the store is back. */
const MAX_RECOVERY_MS = 20_000;

interface Health {
  status: number;
  retryAfter: string | undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answer is checked field by field
  json: any;
}

async function health(app: FastifyInstance): Promise<Health> {
  const answer = await app.inject({ method: 'GET', url: '/health' });
  return { status: answer.statusCode, retryAfter: answer.headers['retry-after'] as string | undefined, json: answer.json() };
}

/** GET /health until it answers 200 (at most {@link MAX_RECOVERY_MS}, a short step apart); resolves that answer. */
async function healthyAgain(app: FastifyInstance): Promise<Health> {
  const deadline = Date.now() + MAX_RECOVERY_MS;
  for (;;) {
    const answer = await health(app);
    if (answer.status === 200) return answer;
    if (Date.now() > deadline) throw new Error(`/health still ${answer.status} ${MAX_RECOVERY_MS} ms after the store came back`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What /health answers while the store is away: 503, degraded, unavailable, Retry-After as in the body. */
function assertAway(answer: Health, kind: string, retryAfterSeconds: number): void {
  assert.equal(answer.status, 503);
  assert.equal(answer.json.status, 'degraded');
  assert.equal(answer.json.storage.kind, kind);
  assert.equal(answer.json.storage.state, 'unavailable');
  assert.equal(answer.json.storage.retryAfterSeconds, retryAfterSeconds);
  assert.equal(answer.retryAfter, String(retryAfterSeconds));
  assert.equal(typeof answer.json.storage.pendingWrites, 'number');
  assert.equal(typeof answer.json.uptimeSeconds, 'number', 'the counters are there too');
}

describeStores('GET /health with the store available', (store) => {
  it('answers 200, status ok, the store available with no pending writes, never cached', async () => {
    const collector = await startApp({ store });
    try {
      const answer = await collector.request('GET', '/health');
      assert.equal(answer.status, 200);
      assert.equal(answer.headers['cache-control'], 'no-store');
      assert.equal(answer.headers['retry-after'], undefined);
      assert.equal(answer.json.status, 'ok');
      assert.deepEqual(answer.json.storage, { kind: store, state: 'available', pendingWrites: 0 });
      assert.equal(typeof answer.json.acceptedEvents, 'number');
    } finally {
      await collector.stop();
    }
  });
});

describe('GET /health while PostgreSQL is away', { skip, timeout: 120_000 }, () => {
  let proxy: TcpProxy;
  let storage: PostgresStorage;
  let app: FastifyInstance;

  before(async () => {
    const db = (await tempDb('postgres')) as TestDb & { url: string };
    const target = new URL(db.url);
    proxy = await startTcpProxy(target.hostname, Number(target.port));
    const viaProxy = new URL(db.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    // While the server hangs, commits stay in flight for 10 s (connecting or waiting for an answer):
    // long enough for the writes behind them to be seen waiting, and for /health to give up first.
    storage = await openPostgresStorage(viaProxy.toString(), () => {}, { connectMs: 10_000, statementMs: 5_000, queryMs: 10_000 });
    app = await buildApp({ storage, logError: () => {} });
    await app.ready();
  });
  after(async () => {
    await proxy?.restore();
    await app?.close();
    await proxy?.close();
  });

  it('answers 503 with Retry-After while the server is down, with no request needing it, then 200 once it is back', async (t) => {
    assert.equal((await health(app)).status, 200);
    await proxy.cut();
    const away = await health(app);
    t.diagnostic(`/health while PostgreSQL is down: ${away.status} Retry-After ${away.retryAfter} ${JSON.stringify(away.json)}`);
    assertAway(away, 'postgres', 2);
    assert.equal(away.json.storage.pendingWrites, 0);
    // The process answers what needs no store, and what needs it at once.
    assert.equal((await app.inject({ method: 'GET', url: '/dashboard' })).statusCode, 200);
    const write = await app.inject({
      method: 'POST',
      url: '/collect',
      payload: JSON.stringify(makeEvent({ visitorId: 'health-down' })),
      headers: { 'content-type': 'text/plain', 'user-agent': CHROME_UA },
    });
    assert.equal(write.statusCode, 503);
    await proxy.restore();
    const back = await healthyAgain(app);
    assert.deepEqual(back.json.storage, { kind: 'postgres', state: 'available', pendingWrites: 0 });
  });

  it('answers 503 while the server hangs, counting the writes that wait for it, and 200 once they are stored', async (t) => {
    assert.equal((await health(app)).status, 200);
    proxy.hang();
    // Waves of ten events until some wait: four groups commit at once (and hang), the next waits. Rows
    // seen pending may still be on their way to a free commit slot: waiting means still pending a few
    // turns of the event loop later.
    const writes: Promise<number>[] = [];
    const turns = async (n: number) => {
      for (let i = 0; i < n; i++) await nextTurn();
    };
    for (let wave = 0; wave < 20; wave++) {
      for (let i = 0; i < 10; i++) {
        const payload = JSON.stringify(makeEvent({ visitorId: `health-hang-${wave}-${i}` }));
        writes.push(
          app
            .inject({ method: 'POST', url: '/collect', payload, headers: { 'content-type': 'text/plain', 'user-agent': CHROME_UA } })
            .then((answer) => answer.statusCode),
        );
      }
      await turns(3);
      if (storage.pendingWrites > 0) await turns(3);
      if (storage.pendingWrites > 0) break;
    }
    const waiting = storage.pendingWrites;
    assert.ok(waiting > 0, 'writes wait behind the hanging commits');
    const away = await health(app);
    t.diagnostic(`/health while PostgreSQL hangs: ${away.status} Retry-After ${away.retryAfter} ${JSON.stringify(away.json)}`);
    // The check hangs too: /health gives up on it after 2 s rather than keep a load balancer waiting.
    assertAway(away, 'postgres', 2);
    assert.equal(away.json.storage.pendingWrites, waiting);
    await proxy.restore();
    const statuses = await Promise.all(writes);
    assert.deepEqual(
      statuses.filter((status) => status !== 202 && status !== 503),
      [],
      'each write stored (202) or refused (503)',
    );
    const back = await healthyAgain(app);
    assert.equal(back.json.storage.pendingWrites, 0);
  });
});

const POSTGRES_BIN = postgresBinaries();
const noServerBinaries =
  POSTGRES_BIN || process.env.CI ? false : 'needs PostgreSQL server binaries (scripts/with-postgres.sh installs them)';

describe('GET /health with the PostgreSQL server stopped by pg_ctl', { skip: noServerBinaries, timeout: 120_000 }, () => {
  it('answers 503 while the server is stopped and 200 once it runs again, the process answering throughout', async (t) => {
    if (!POSTGRES_BIN) throw new Error('no PostgreSQL server binaries in /usr/lib/postgresql');
    const server = await startOwnPostgres(POSTGRES_BIN);
    let app: FastifyInstance | undefined;
    try {
      app = await buildApp({ storage: await openPostgresStorage(server.url, () => {}), logError: () => {} });
      await app.ready();
      assert.equal((await health(app)).status, 200);
      await server.stop();
      const away = await health(app);
      t.diagnostic(`/health with PostgreSQL stopped: ${away.status} Retry-After ${away.retryAfter} ${JSON.stringify(away.json)}`);
      assertAway(away, 'postgres', 2);
      assert.equal((await app.inject({ method: 'GET', url: '/dashboard' })).statusCode, 200, 'what needs no store is served');
      await server.start();
      assert.deepEqual((await healthyAgain(app)).json.storage, { kind: 'postgres', state: 'available', pendingWrites: 0 });
    } finally {
      await app?.close();
      await server.remove();
    }
  });
});

describe('GET /health while the SQLite file is unavailable', () => {
  it('answers 503 while another process holds the file locked, and 200 once it lets go', async (t) => {
    const collector = await startApp({ store: 'sqlite' });
    const other = new Database((collector.db as TestDb & { file: string }).file);
    try {
      assert.equal((await health(collector.app)).status, 200);
      other.exec('BEGIN EXCLUSIVE');
      const away = await health(collector.app);
      t.diagnostic(`/health while the file is locked: ${away.status} ${JSON.stringify(away.json.storage)}`);
      assertAway(away, 'sqlite', 1);
      other.exec('COMMIT');
      assert.deepEqual((await healthyAgain(collector.app)).json.storage, { kind: 'sqlite', state: 'available', pendingWrites: 0 });
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
      await collector.stop();
    }
  });

  for (const [what, change] of [
    ['removed', (file: string) => rmSync(file)],
    ['replaced by another file', (file: string) => (renameSync(file, `${file}.old`), writeFileSync(file, ''))],
  ] as const) {
    it(`answers 503 once the database file was ${what}: what it would write next is lost at the next start`, async (t) => {
      const collector = await startApp({ store: 'sqlite' });
      try {
        assert.equal((await health(collector.app)).status, 200);
        change((collector.db as TestDb & { file: string }).file);
        const away = await health(collector.app);
        t.diagnostic(`/health once the file was ${what}: ${away.status} ${JSON.stringify(away.json.storage)}`);
        assertAway(away, 'sqlite', 1);
      } finally {
        await collector.stop();
      }
    });
  }
});

describe('StoreAvailability.probe', () => {
  const classify = (error: unknown) => (error instanceof StoreUnavailableError ? error : null);

  it('shares one check among concurrent callers, and answers unavailable when it is late', async () => {
    const availability = new StoreAvailability();
    let checks = 0;
    let hold = true;
    let finish: () => void = () => {};
    const check = () => {
      checks += 1;
      return hold ? new Promise<void>((resolve) => (finish = resolve)) : undefined;
    };
    const answers = await Promise.all([availability.probe(check, classify, 50), availability.probe(check, classify, 50)]);
    assert.deepEqual(answers, [
      { state: 'unavailable', retryAfterSeconds: 1 },
      { state: 'unavailable', retryAfterSeconds: 1 },
    ]);
    assert.equal(checks, 1);
    finish();
    await nextTurn();
    hold = false;
    assert.deepEqual(await availability.probe(check, classify, 1_000), { state: 'available' }, 'a new check once the late one answered');
    assert.equal(checks, 2);
  });

  it('records an outage its check finds, and asks nothing while it lasts', async () => {
    let now = 0;
    const availability = new StoreAvailability(undefined, () => now);
    let checks = 0;
    const failing = () => {
      checks += 1;
      throw new StoreUnavailableError('away', 2);
    };
    assert.deepEqual(await availability.probe(failing, classify), { state: 'unavailable', retryAfterSeconds: 2 });
    assert.ok(availability.outage, 'every request now learns the outage');
    assert.deepEqual(await availability.probe(failing, classify), { state: 'unavailable', retryAfterSeconds: 2 });
    assert.equal(checks, 1, 'no check while the outage is known');
    now = 2_000;
    assert.deepEqual(await availability.probe(() => undefined, classify), { state: 'available' });
    assert.equal(availability.outage, undefined);
  });

  it('reports an error that is no outage as unavailable without refusing requests', async () => {
    const availability = new StoreAvailability();
    const slow = () => {
      throw new StoreUnavailableError('one slow statement', 2, undefined, false);
    };
    assert.deepEqual(await availability.probe(slow, classify), { state: 'unavailable', retryAfterSeconds: 2 });
    assert.equal(availability.outage, undefined);
  });
});
