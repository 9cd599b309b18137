/**
 * The SQLite reader thread's entry point (a `worker_threads` worker started by
 * `SqliteReader` in `sqlite-reader.ts`). The query engine's statements run
 * here, on a connection of their own, so that a long report never holds the
 * thread that answers HTTP and commits events. In WAL mode readers and the
 * writer never wait for each other.
 *
 * Protocol: `{ id, statements: [{ sql, params: { p1, p2, … } }] }` is answered with
 * `{ id, rows: [...] }` (one list per statement, all read in one transaction,
 * so from one snapshot) or `{ id, error: { message, code } }`; `'stop'` closes
 * the connection and ends the thread.
 *
 * Plain JavaScript (type-checked through JSDoc): a worker's entry must load as
 * it is, from the sources in the tests as from the build.
 * @packageDocumentation
 */
// @ts-check

import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** Prepared statements kept per connection; the engine's statements repeat with the dashboard's queries. */
const CACHE_SIZE = 500;

if (parentPort) {
  const port = parentPort;
  /** @type {{ file: string, busyTimeoutMs: number }} */
  const { file, busyTimeoutMs } = workerData;
  const db = new Database(file, { fileMustExist: true });
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  // This connection only reads: a statement that would write is refused.
  db.pragma('query_only = ON');
  /** @type {Map<string, import('better-sqlite3').Statement>} */
  const cache = new Map();
  /** @param {string} sql */
  const prepare = (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= CACHE_SIZE) cache.clear();
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  const readAll = db.transaction(
    /** @param {{ sql: string, params: Record<string, unknown> }[]} statements */
    (statements) => statements.map(({ sql, params }) => (Object.keys(params).length > 0 ? prepare(sql).all(params) : prepare(sql).all())),
  );
  port.on('message', (message) => {
    if (message === 'stop') {
      db.close();
      port.close();
      return;
    }
    const { id, statements } = message;
    try {
      port.postMessage({ id, rows: readAll(statements) });
    } catch (error) {
      const { message: text, code } = /** @type {{ message?: string, code?: string }} */ (error ?? {});
      port.postMessage({ id, error: { message: String(text ?? error), code } });
    }
  });
}
