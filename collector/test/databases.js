// @ts-check
/**
 * Throw-away databases for the collector's tests and bench: a SQLite file in a
 * temporary directory, or a database of its own on the DATABASE_URL server, and
 * store-neutral SQL on either.
 *
 * Plain JavaScript (type-checked through JSDoc): the bench (`bench/throughput.mjs`)
 * runs on plain Node, which cannot load TypeScript.
 * @packageDocumentation
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

/** @typedef {'sqlite' | 'postgres'} StoreKind */
/** @typedef {{ store: 'sqlite', file: string } | { store: 'postgres', url: string }} TestDb A database made by {@link tempDb}. */

/** @type {string[]} */
const tempDirs = [];
process.on('exit', () => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh database path in its own temporary directory (removed when the test process exits). */
export function tempDbPath() {
  const dir = mkdtempSync(join(tmpdir(), 'consent-gate-collector-'));
  tempDirs.push(dir);
  return join(dir, 'collector.db');
}

/** @type {Map<string, pg.Pool>} */
const pools = new Map();
/** @type {[url: string, name: string][]} */
const createdDatabases = [];
let databaseCounter = 0;

/** The PostgreSQL server of the run; only called for PostgreSQL, which `describeStores` skips without it. */
function serverUrl() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: no PostgreSQL server for this test');
  return url;
}

/**
 * A pool on `url`, shared, ended when the test process is done.
 * @param {string} url
 */
function poolFor(url) {
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, max: 2, allowExitOnIdle: true });
    // Idle connections are cut when their database is dropped at the end: expected.
    pool.on('error', () => {});
    pools.set(url, pool);
  }
  return pool;
}

// Drop the databases this process created, then let it exit.
let cleanedUp = false;
process.on('beforeExit', async () => {
  if (cleanedUp || pools.size === 0) return;
  cleanedUp = true;
  const admin = poolFor(serverUrl());
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
 * @param {StoreKind} [store]
 * @returns {Promise<TestDb>}
 */
export async function tempDb(store = 'sqlite') {
  if (store === 'sqlite') return { store, file: tempDbPath() };
  const name = `cg_test_${process.pid}_${++databaseCounter}`;
  await poolFor(serverUrl()).query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  createdDatabases.push([url.toString(), name]);
  return { store, url: url.toString() };
}

/**
 * The command-line options that point a collector at `db`.
 * @param {TestDb} db
 */
export function dbArgs(db) {
  return db.store === 'sqlite' ? ['--db', db.file] : ['--database-url', db.url];
}

/**
 * Run one SQL statement on `db` (either store) and resolve its rows. Write
 * `?` placeholders; they become `$1…` for PostgreSQL. JSON columns come back
 * as text from SQLite and parsed from PostgreSQL: see {@link parseJson}.
 * @param {TestDb} db
 * @param {string} sql
 * @param {unknown[]} [params]
 * @returns {Promise<any[]>} rows, as the driver gives them
 */
export async function query(db, sql, params = []) {
  if (db.store === 'postgres') {
    let n = 0;
    return (
      await poolFor(db.url).query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      )
    ).rows;
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

/**
 * A JSON column's value as an object, from either store.
 * @param {unknown} value
 * @returns {any}
 */
export function parseJson(value) {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/**
 * Check the stored data structurally: SQLite `PRAGMA integrity_check`,
 * PostgreSQL amcheck's `bt_index_check` on every index of the events table.
 * Resolves 'ok' or the problems found.
 * @param {TestDb} db
 * @returns {Promise<unknown>}
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

/**
 * Number of stored events (optionally of one visitor).
 * @param {TestDb} db
 * @param {string} [visitorId]
 */
export async function countEvents(db, visitorId) {
  const [row] =
    visitorId === undefined
      ? await query(db, 'SELECT COUNT(*) AS n FROM events')
      : await query(db, 'SELECT COUNT(*) AS n FROM events WHERE visitor_id = ?', [visitorId]);
  return Number(row?.n);
}
