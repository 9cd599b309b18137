/**
 * Reads of the query engine on SQLite, beside the HTTP thread: better-sqlite3
 * is synchronous, and a report over months of events would otherwise hold the
 * event loop (every request waiting) for its whole run. The thread
 * (`sqlite-reader-thread.js`) starts with the first read, so a collector that
 * is never asked for a report never starts it.
 * @packageDocumentation
 */

import { Worker } from 'node:worker_threads';
import { sqliteUnavailable } from './sqlite-errors.js';
import type { SqlRow, SqlStatement } from './storage.js';

/** How long a read waits for a lock (a checkpoint truncating the WAL) before it fails with `SQLITE_BUSY`. */
const READ_BUSY_TIMEOUT_MS = 5000;

interface Pending {
  resolve: (rows: SqlRow[][]) => void;
  reject: (error: unknown) => void;
}

type Answer = { id: number; rows: SqlRow[][] } | { id: number; error: { message: string; code?: string } };

/** One reader thread on one database file; reads run one after another, in order. */
export class SqliteReader {
  private _worker: Worker | undefined;
  private _nextId = 0;
  private readonly _pending = new Map<number, Pending>();
  private _failure: Error | undefined;

  /** @param file - the database file (it exists: the writer created and migrated it) */
  constructor(private readonly file: string) {}

  /**
   * Run `statements` in one read transaction on the thread. Their parameters
   * are named `$p1`, `$p2`…, in the order of `params`; integers travel as
   * `BigInt` so that SQLite binds them as integers (integer arithmetic stays integer).
   */
  read(statements: readonly SqlStatement[]): Promise<SqlRow[][]> {
    if (this._failure) return Promise.reject(this._failure);
    const worker = (this._worker ??= this._start());
    const id = this._nextId++;
    const message = { id, statements: statements.map(({ sql, params }) => ({ sql, params: named(params) })) };
    return new Promise<SqlRow[][]>((resolve, reject) => {
      this._pending.set(id, { resolve, reject });
      worker.postMessage(message);
    });
  }

  /** Stop the thread (after the reads under way); resolves once it ended. */
  async close(): Promise<void> {
    const worker = this._worker;
    this._worker = undefined;
    this._failure ??= new Error('storage is closed');
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('stop');
    await exited;
  }

  private _start(): Worker {
    const worker = new Worker(new URL('./sqlite-reader-thread.js', import.meta.url), {
      workerData: { file: this.file, busyTimeoutMs: READ_BUSY_TIMEOUT_MS },
    });
    worker.on('message', (answer: Answer) => {
      const pending = this._pending.get(answer.id);
      if (!pending) return;
      this._pending.delete(answer.id);
      if ('rows' in answer) {
        pending.resolve(answer.rows);
        return;
      }
      const error = Object.assign(new Error(answer.error.message), { code: answer.error.code });
      pending.reject(sqliteUnavailable(error) ?? error);
    });
    const fail = (error: Error): void => {
      if (this._worker === worker) this._worker = undefined;
      for (const pending of this._pending.values()) pending.reject(error);
      this._pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('the SQLite reader thread ended')));
    return worker;
  }
}

/** `params` as `{ p1, p2, … }`; integers as `BigInt` (bound as SQLite integers), other values as they are. */
function named(params: readonly unknown[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  params.forEach((value, i) => {
    values[`p${i + 1}`] = typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : value;
  });
  return values;
}
