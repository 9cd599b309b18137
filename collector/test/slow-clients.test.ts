// Slow and idle clients cannot hold the collector's sockets: headers must
// arrive within the headers timeout, the whole request within the request
// timeout, idle keep-alive connections are closed, connections beyond the cap
// are refused, and SIGTERM does not wait for a client that never finishes.
// Real sockets on 127.0.0.1, with the timeouts shrunk through the options.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { after, afterEach, before, it } from 'node:test';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { startCollector } from './collector-process.js';
import { CHROME_UA, describeStores, makeEvent } from './helpers.ts';
import { listenApp, type ListeningAppHandle } from './in-process.ts';

/** Longest a test waits for the server to act; far above every timeout the tests set. */
const BOUND_MS = 8_000;

/** A raw TCP connection: what the server sent, and whether and when it closed it. */
interface RawConnection {
  socket: Socket;
  /** Resolves what the server sent, once the connection is closed. */
  closed: Promise<string>;
  isClosed(): boolean;
  received(): string;
}

/** Every connection a test opened: closed after each test, whatever the server did. */
const opened: Socket[] = [];
afterEach(() => opened.splice(0).forEach((socket) => socket.destroy()));

async function open(url: string): Promise<RawConnection> {
  const socket = connect(Number(new URL(url).port), '127.0.0.1');
  opened.push(socket);
  await once(socket, 'connect');
  let received = '';
  let isClosed = false;
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => (received += chunk));
  // A reset by the server is a way of closing too.
  socket.on('error', () => {});
  const closed = once(socket, 'close').then(() => {
    isClosed = true;
    return received;
  });
  return { socket, closed, isClosed: () => isClosed, received: () => received };
}

/**
 * Write `text` one byte every `intervalMs` until it is all sent or the server
 * closes the connection; resolves true when the server closed it first.
 */
async function trickle(connection: RawConnection, text: string, intervalMs: number): Promise<boolean> {
  for (const byte of text) {
    if (connection.isClosed()) return true;
    connection.socket.write(byte);
    await delay(intervalMs);
  }
  return connection.isClosed();
}

/** `promise`, or a rejection naming `what` after {@link BOUND_MS}. */
async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), BOUND_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Wait (bounded) until `connection` received something matching `pattern`, or was closed; resolves what it received. */
async function receive(connection: RawConnection, pattern: RegExp, what: string): Promise<string> {
  while (!pattern.test(connection.received()) && !connection.isClosed()) {
    await within(Promise.race([once(connection.socket, 'data'), connection.closed]), what);
  }
  return connection.received();
}

/** A complete answer of GET /health (its JSON body ends the answer). */
const HEALTH_ANSWER = /\r\n\r\n\{.*\}/s;

const HEALTH = 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n';

describeStores('slow and idle clients', (store) => {
  let collector: ListeningAppHandle;
  before(async () => {
    collector = await listenApp({ store, options: { headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 300 } });
  });
  after(() => collector.stop());

  it('closes a connection whose headers arrive one byte at a time, with 408', async () => {
    const connection = await open(collector.url);
    // 10 s of headers at this pace: far beyond the 300 ms allowed.
    const cutOff = await trickle(connection, `POST /collect HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'a'.repeat(50)}\r\n\r\n`, 100);
    assert.ok(cutOff, 'the server closed the connection before the headers were complete');
    assert.match(await connection.closed, /^HTTP\/1\.1 408 /);
  });

  it('closes a connection that opens and sends nothing, with 408', async () => {
    const connection = await open(collector.url);
    assert.match(await within(connection.closed, 'the server to close a silent connection'), /^HTTP\/1\.1 408 /);
  });

  it('closes a request whose body arrives one byte at a time, with 408, and keeps serving others', async () => {
    const connection = await open(collector.url);
    // 10 s of body at this pace: far beyond the 600 ms allowed.
    const body = 'x'.repeat(100);
    connection.socket.write(
      `POST /collect HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    const cutOff = await trickle(connection, body, 100);
    assert.ok(cutOff, 'the server closed the connection before the body was complete');
    assert.match(await connection.closed, /^HTTP\/1\.1 408 /);
    assert.equal((await collector.request('GET', '/health')).status, 200);
  });

  it('closes an idle keep-alive connection after its answer', async () => {
    const connection = await open(collector.url);
    connection.socket.write(HEALTH);
    const answer = await within(connection.closed, 'the server to close the idle keep-alive connection');
    assert.match(answer, /^HTTP\/1\.1 200 /);
    assert.match(answer, /keep-alive/i, 'the connection was kept alive at first');
  });
});

describeStores('a request body that stalls', (store) => {
  /** The collector's `--request-timeout` in this test, and what the documentation promises beyond it. */
  const REQUEST_TIMEOUT_S = 2;
  const PROMISED_MS = REQUEST_TIMEOUT_S * 1000 + 1000;

  it('answers 408 and closes it within --request-timeout + 1 s, and keeps serving others', async () => {
    // The real command line: the options as an operator gives them.
    const collector = await startCollector({ store, args: ['--headers-timeout', '1', '--request-timeout', String(REQUEST_TIMEOUT_S)] });
    try {
      const connection = await open(collector.url);
      const body = JSON.stringify(makeEvent({ visitorId: 'stalled' }));
      const head = `POST /collect HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: ${CHROME_UA}\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n`;
      // Headers and half the body, then nothing: the request's clock starts at its first byte, so no earlier than this.
      const sent = performance.now();
      connection.socket.write(head + body.slice(0, body.length / 2));
      const answer = await within(connection.closed, 'the server to close the stalled request');
      const openMs = performance.now() - sent;
      assert.match(answer, /^HTTP\/1\.1 408 /, 'answered 408 Request Timeout before closing');
      assert.ok(openMs >= REQUEST_TIMEOUT_S * 1000, `given its whole --request-timeout, closed after ${openMs.toFixed(0)} ms`);
      assert.ok(
        openMs <= PROMISED_MS,
        `closed ${openMs.toFixed(0)} ms after it began; --request-timeout ${REQUEST_TIMEOUT_S} promises at most ${PROMISED_MS}`,
      );
      assert.equal((await collector.request('GET', '/health')).status, 200, 'others are served');
    } finally {
      await collector.stop();
    }
  });
});

describeStores('connection cap', (store) => {
  let collector: ListeningAppHandle;
  before(async () => {
    collector = await listenApp({ store, options: { maxConnections: 2 } });
  });
  after(() => collector.stop());

  it('refuses connections beyond --max-connections and serves the ones it holds', async () => {
    const first = await open(collector.url);
    const second = await open(collector.url);
    const third = await open(collector.url);
    assert.equal(await within(third.closed, 'the connection over the cap to be closed'), '', 'closed without an answer');
    first.socket.write(HEALTH);
    second.socket.write(HEALTH);
    for (const connection of [first, second]) {
      assert.match(await receive(connection, HEALTH_ANSWER, 'the answer on a held connection'), /^HTTP\/1\.1 200 /);
    }
    // Once one of the two goes, a new client gets its place.
    first.socket.destroy();
    await first.closed;
    const deadline = Date.now() + BOUND_MS;
    let fourth: RawConnection | undefined;
    while (Date.now() < deadline) {
      const connection = await open(collector.url);
      connection.socket.write(HEALTH);
      if (/^HTTP\/1\.1 200 /.test(await receive(connection, HEALTH_ANSWER, 'an answer or a refusal'))) {
        fourth = connection;
        break;
      }
    }
    assert.ok(fourth, 'a new connection was served after one of the capped ones closed');
  });
});

describeStores('graceful shutdown with a slow client', (store) => {
  it('on SIGTERM closes a request whose body never finishes and exits 0', async () => {
    const collector = await startCollector({ store });
    const connection = await open(collector.url);
    const body = 'x'.repeat(1000);
    connection.socket.write(
      `POST /collect HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`,
    );
    // The server has the headers (it answered 100 Continue): the request is in flight.
    assert.match(await receive(connection, /100 Continue/, '100 Continue'), /100 Continue/);
    // One byte every 50 ms: 50 s for the whole body, far longer than a shutdown may take.
    const trickling = trickle(connection, body, 50);
    collector.child.kill('SIGTERM');
    assert.equal(await collector.exited, 0, collector.output().stderr);
    assert.ok(await trickling, 'the server closed the slow request');
  });
});
