// The collector in the test process: the Fastify app built from options on a
// fresh database of either store, driven with `app.inject()` (no port, no child
// process). Tests of what the HTTP layer and the stores do use this; only the
// command line, signals, durability across kill -9 and the bench start a real
// process (helpers.js `startCollector`).
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../src/app.ts';
import { openStorage } from '../src/storage/open-storage.ts';
import { CHROME_UA, tempDb } from './helpers.js';

/** A database made by `tempDb()`: a SQLite file or a PostgreSQL database URL. */
export type TestDb = { store: 'sqlite'; file: string } | { store: 'postgres'; url: string };

/** What `request()` resolves to. */
export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
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

/**
 * Build a collector app on `db` (default: a fresh database of `store`) with
 * `options` (everything of {@link AppOptions} but the storage) and make it ready.
 */
export async function startApp({
  store = 'sqlite',
  db,
  options = {},
}: { store?: 'sqlite' | 'postgres'; db?: TestDb; options?: Omit<AppOptions, 'storage'> } = {}): Promise<AppHandle> {
  const database: TestDb = db ?? ((await tempDb(store)) as TestDb);
  const storage = await openStorage(database.store === 'sqlite' ? { db: database.file } : { db: '', databaseUrl: database.url });
  const app = await buildApp({ ...options, storage });
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
      return { status: response.statusCode, headers: response.headers, text: response.body, json };
    },
    stop: () => app.close(),
  };
}
