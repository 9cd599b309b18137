// The collector in the test process: the Fastify app built from options on a
// fresh database of either store, driven with `app.inject()` (no port, no child
// process). Tests of what the HTTP layer and the stores do use this; only the
// command line, signals, durability across kill -9 and the bench start a real
// process (collector-process.js `startCollector`). `listenApp` also listens on
// 127.0.0.1 for what needs a real socket: a browser, a slow client.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../src/app.ts';
import { openStorage } from '../src/storage/open-storage.ts';
import { CHROME_UA } from './collector-process.js';
import { tempDb, type StoreKind, type TestDb } from './databases.js';

export type { TestDb } from './databases.js';

/** What `request()` resolves to. */
export interface TestResponse {
  status: number;
  /** As `node:http` gives them: `set-cookie` always a list, every other value a string. */
  headers: IncomingHttpHeaders;
  text: string;
  /** The parsed body; each test asserts the fields it expects, whatever the shape. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers of every route through one type
  json: any;
}

/** Options of one injected request. */
export interface TestRequest {
  /** An object is sent as JSON, a string as is. */
  body?: unknown;
  /** Default `text/plain`, as `navigator.sendBeacon` sends. */
  contentType?: string;
  /** Extra headers; a browser user agent is set unless `user-agent` is given. */
  headers?: Record<string, string>;
  /** The client's address as the socket reports it. Default 127.0.0.1. */
  remoteAddress?: string;
}

/** A running in-process collector. */
export interface AppHandle {
  app: FastifyInstance;
  db: TestDb;
  request(method: string, path: string, options?: TestRequest): Promise<TestResponse>;
  /** Close the app (and with it the store). */
  stop(): Promise<void>;
}

/** What the collector is built from in a test. */
export interface StartOptions {
  /** The store of a fresh database; ignored when `db` is given. Default SQLite. */
  store?: StoreKind;
  /** An existing database (e.g. one a previous app wrote). */
  db?: TestDb;
  /** Everything of {@link AppOptions} but the storage. */
  options?: Omit<AppOptions, 'storage'>;
}

/**
 * Build a collector app on `db` (default: a fresh database of `store`) with
 * `options` (everything of {@link AppOptions} but the storage) and make it ready.
 */
export async function startApp({ store = 'sqlite', db, options = {} }: StartOptions = {}): Promise<AppHandle> {
  const database = db ?? (await tempDb(store));
  const storage = await openStorage(database.store === 'sqlite' ? { db: database.file } : { db: '', databaseUrl: database.url });
  let app: FastifyInstance;
  try {
    // The roll-up maintainer runs once at start; later passes only when a test asks (query-fixture.ts rollUp).
    app = await buildApp({ rollupIntervalMs: 86_400_000, ...options, storage });
  } catch (error) {
    // Refused options: no app took the store over, so it is closed here (an open one keeps the test process alive).
    await storage.close();
    throw error;
  }
  await app.ready();
  return {
    app,
    db: database,
    async request(method, path, { body, contentType = 'text/plain', headers = {}, remoteAddress } = {}) {
      const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
      const allHeaders: Record<string, string> = { 'user-agent': CHROME_UA, ...headers };
      if (payload !== undefined) allHeaders['content-type'] = contentType;
      const response = await app.inject({
        method: method as 'GET',
        url: path,
        headers: allHeaders,
        ...(payload === undefined ? {} : { payload }),
        ...(remoteAddress ? { remoteAddress } : {}),
      });
      let json: unknown;
      try {
        json = response.body ? JSON.parse(response.body) : undefined;
      } catch {
        json = undefined;
      }
      return { status: response.statusCode, headers: asReceived(response.headers), text: response.body, json };
    },
    stop: () => app.close(),
  };
}

/** Headers of an injected answer in the shape a client of the real server sees (and the process helper gives). */
function asReceived(headers: OutgoingHttpHeaders): IncomingHttpHeaders {
  const received: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (name === 'set-cookie') received['set-cookie'] = [value].flat().map(String);
    else received[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return received;
}

/** An in-process collector that also listens on 127.0.0.1. */
export interface ListeningAppHandle extends AppHandle {
  /** `http://127.0.0.1:PORT`. */
  url: string;
}

/** {@link startApp}, then listen on a free port of 127.0.0.1. */
export async function listenApp(start: StartOptions = {}): Promise<ListeningAppHandle> {
  const handle = await startApp(start);
  await handle.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = handle.app.server.address() as AddressInfo;
  return { ...handle, url: `http://127.0.0.1:${port}` };
}
