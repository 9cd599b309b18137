// Helpers for the collector tests: start the built collector as a child process
// on 127.0.0.1 with a temporary database (a SQLite file or a PostgreSQL
// database), talk HTTP to it, read its database through a store-neutral query.
//
// One suite, two stores: `describeStores(name, fn)` declares `fn(store)` once
// for 'sqlite' and once for 'postgres'. The PostgreSQL half needs DATABASE_URL
// (a database on a server where the user may CREATE DATABASE: each collector
// gets a database of its own, dropped when the test file ends). Without it the
// PostgreSQL half FAILS when CI is set, and is skipped with a warning otherwise.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';

/** The built entry point the tests run. */
export const COLLECTOR_MAIN = resolve(fileURLToPath(import.meta.url), '../../dist/main.js');

export const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
export const FIREFOX_UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
export const BOT_UA = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

const STARTUP_TIMEOUT_MS = 10_000;
const EXIT_TIMEOUT_MS = 15_000;
const tempDirs = [];
process.on('exit', () => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh database path in its own temporary directory (removed when the test process exits). */
export function tempDbPath() {
  const dir = mkdtempSync(join(tmpdir(), 'consent-gate-collector-'));
  tempDirs.push(dir);
  return join(dir, 'collector.db');
}

/** The stores every collector test runs against. */
export const STORES = ['sqlite', 'postgres'];

const DATABASE_URL = process.env.DATABASE_URL;
const POSTGRES_MISSING =
  'DATABASE_URL is not set: the PostgreSQL half of the collector suite cannot run. ' +
  'Start a throw-away server with `scripts/with-postgres.sh npm run test:collector`, ' +
  'or set DATABASE_URL=postgres://user@host:port/db (the user needs CREATEDB).';
let warned = false;

/**
 * Declare the tests of `fn(store)` once per store, as `name [sqlite]` and
 * `name [postgres]`. Without DATABASE_URL the PostgreSQL half fails in CI
 * (CI set) and is skipped, with a warning on stderr, elsewhere.
 */
export function describeStores(name, fn, { stores = STORES } = {}) {
  for (const store of stores) {
    const title = `${name} [${store}]`;
    if (store === 'postgres' && !DATABASE_URL) {
      if (process.env.CI) {
        describe(title, () => it('needs a PostgreSQL server', () => assert.fail(POSTGRES_MISSING)));
      } else {
        if (!warned) process.stderr.write(`\n!!! SKIPPING the PostgreSQL tests: ${POSTGRES_MISSING}\n\n`);
        warned = true;
        describe(title, () => it('needs a PostgreSQL server', { skip: POSTGRES_MISSING }, () => {}));
      }
      continue;
    }
    describe(title, () => fn(store));
  }
}

const pools = new Map();
const createdDatabases = [];
let databaseCounter = 0;

/** A pool on `url`, shared, ended when the test process is done. */
function poolFor(url) {
  if (!pools.has(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 2, allowExitOnIdle: true });
    // Idle connections are cut when their database is dropped at the end: expected.
    pool.on('error', () => {});
    pools.set(url, pool);
  }
  return pools.get(url);
}

// Drop the databases this process created, then let it exit.
let cleanedUp = false;
process.on('beforeExit', async () => {
  if (cleanedUp || pools.size === 0) return;
  cleanedUp = true;
  const admin = poolFor(DATABASE_URL);
  for (const [url, name] of createdDatabases) {
    await pools.get(url)?.end();
    pools.delete(url);
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
  }
  await Promise.all([...pools.values()].map((pool) => pool.end()));
});

/**
 * A fresh, empty database of `store`: `{ store, file }` for SQLite, `{ store, url }`
 * for PostgreSQL (a new database on the DATABASE_URL server).
 */
export async function tempDb(store = 'sqlite') {
  if (store === 'sqlite') return { store, file: tempDbPath() };
  const name = `cg_test_${process.pid}_${++databaseCounter}`;
  await poolFor(DATABASE_URL).query(`CREATE DATABASE ${name}`);
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  createdDatabases.push([url.toString(), name]);
  return { store, url: url.toString() };
}

/** The command-line options that point a collector at `db`. */
export function dbArgs(db) {
  return db.store === 'sqlite' ? ['--db', db.file] : ['--database-url', db.url];
}

/**
 * Run one SQL statement on `db` (either store) and resolve its rows. Write
 * `?` placeholders; they become `$1…` for PostgreSQL. JSON columns come back
 * as text from SQLite and parsed from PostgreSQL: see {@link parseJson}.
 */
export async function query(db, sql, params = []) {
  if (db.store === 'postgres') {
    let n = 0;
    return (await poolFor(db.url).query(sql.replace(/\?/g, () => `$${++n}`), params)).rows;
  }
  const sqlite = new Database(db.file, { fileMustExist: true });
  try {
    const statement = sqlite.prepare(sql);
    if (statement.reader) return statement.all(...params);
    statement.run(...params);
    return [];
  } finally {
    sqlite.close();
  }
}

/** A JSON column's value as an object, from either store. */
export function parseJson(value) {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/**
 * Check the stored data structurally: SQLite `PRAGMA integrity_check`,
 * PostgreSQL amcheck's `bt_index_check` on every index of the events table.
 * Resolves 'ok' or the problems found.
 */
export async function integrityCheck(db) {
  if (db.store === 'sqlite') {
    const sqlite = new Database(db.file, { readonly: true, fileMustExist: true });
    try {
      return sqlite.pragma('integrity_check', { simple: true });
    } finally {
      sqlite.close();
    }
  }
  await query(db, 'CREATE EXTENSION IF NOT EXISTS amcheck');
  await query(db, "SELECT bt_index_check(indexrelid, true) FROM pg_index WHERE indrelid = 'events'::regclass");
  return 'ok';
}

/** Wait until `predicate()` is true, polling every 10 ms, at most `timeoutMs`. */
export async function waitFor(predicate, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Run the collector CLI to completion (for option errors and --help).
 * Resolves { code, stdout, stderr }.
 */
export function runCli(args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [COLLECTOR_MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`collector ${args.join(' ')} did not exit`));
    }, EXIT_TIMEOUT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/**
 * Start a collector on a free port. `args` are extra CLI options; `db` a
 * database from {@link tempDb} (by default a new one of `store`). Resolves a
 * handle with `url`, `db`, `request()`, `output()`, `stop(signal)` and
 * `exited` (the exit code promise).
 */
export async function startCollector({ args = [], store = 'sqlite', db } = {}) {
  db ??= await tempDb(store);
  const child = spawn(process.execPath, [COLLECTOR_MAIN, '--port', '0', '--host', '127.0.0.1', ...dbArgs(db), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((r) => child.on('exit', (code, signal) => r(code ?? signal)));
  let exitedNow = false;
  exited.then(() => (exitedNow = true));
  await waitFor(() => /listening on http:\/\//.test(stdout) || exitedNow, STARTUP_TIMEOUT_MS, 'collector start');
  const match = /listening on (http:\/\/[^\s]+)/.exec(stdout);
  if (!match) throw new Error(`collector did not start:\n${stdout}\n${stderr}`);
  const url = match[1];
  return {
    url,
    db,
    child,
    exited,
    output: () => ({ stdout, stderr }),
    request: (method, path, options) => request(url, method, path, options),
    /** Send a signal and wait (bounded) for the exit; resolves the exit code or signal name. */
    async stop(signal = 'SIGTERM') {
      if (!exitedNow) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

const agent = new http.Agent({ keepAlive: false });

/**
 * One HTTP request. `body` (object → JSON, string → as is) is sent as
 * `text/plain` unless `contentType` says otherwise; a browser user agent is set
 * unless `headers['user-agent']` is given. Resolves { status, headers, text, json }.
 */
export function request(baseUrl, method, path, { body, contentType = 'text/plain', headers = {} } = {}) {
  const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const allHeaders = { 'user-agent': CHROME_UA, ...headers };
  if (payload !== undefined) allHeaders['content-type'] = contentType;
  return new Promise((resolvePromise, reject) => {
    const req = http.request(new URL(path, baseUrl), { method, headers: allHeaders, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolvePromise({ status: res.statusCode, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.setTimeout(EXIT_TIMEOUT_MS, () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.end(payload);
  });
}

let counter = 0;

/** A valid, consented pageview event (SPEC §7); `overrides` replace fields. */
export function makeEvent(overrides = {}) {
  counter += 1;
  const now = new Date();
  return {
    type: 'pageview',
    url: `https://example.com/page-${counter % 7}`,
    path: `/page-${counter % 7}`,
    title: 'A page',
    referrer: '',
    visitorId: 'visitor-a',
    visitId: 'visit-a',
    visitStart: new Date(now.getTime() - 60_000).toISOString(),
    ts: now.toISOString(),
    language: 'en-GB',
    screen: '1920x1080',
    timezone: 'Europe/Berlin',
    consent: { id: 'consent-a', revision: 1, analytics: true },
    ...overrides,
  };
}

/** A valid `ConsentState` (SPEC §3). */
export function makeConsent(overrides = {}) {
  return {
    id: 'consent-1',
    revision: 1,
    timestamp: new Date().toISOString(),
    method: 'custom',
    categories: { necessary: true, analytics: true, marketing: false },
    ...overrides,
  };
}

/** Number of stored events (optionally of one visitor). */
export async function countEvents(db, visitorId) {
  const [row] =
    visitorId === undefined
      ? await query(db, 'SELECT COUNT(*) AS n FROM events')
      : await query(db, 'SELECT COUNT(*) AS n FROM events WHERE visitor_id = ?', [visitorId]);
  return Number(row.n);
}
