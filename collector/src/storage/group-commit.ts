/**
 * Group commit: write operations that arrive while a commit is under way (or
 * while the event loop is busy) are run together in one transaction, and each
 * caller's promise settles only after that transaction committed. One commit
 * (one fsync) then covers many requests, which is how the collector reaches its
 * throughput without ever acknowledging an event before it is durable.
 * @packageDocumentation
 */

interface Pending<Op> {
  op: Op;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/**
 * Runs a list of operations inside one transaction, in order, and returns one
 * result per operation; throws (after rolling back) if any of them fails. May
 * be synchronous (SQLite) or asynchronous (PostgreSQL).
 */
export type RunInTransaction<Op> = (ops: readonly Op[]) => unknown[] | Promise<unknown[]>;

/** Tuning of a {@link GroupCommitQueue}. */
export interface GroupCommitOptions {
  /**
   * Commit as soon as this many operations wait: answers then leave in a
   * steady stream instead of all connections waiting in lockstep for one big
   * commit, which keeps client and server busy at the same time. Default 32.
   */
  maxBatch?: number;
  /**
   * Transactions that may be committing at once (a network database commits
   * several on different connections; operations queue up meanwhile and form
   * the next batch). Default 1.
   */
  maxInFlight?: number;
}

/**
 * Queue of write operations flushed on `setImmediate` (after the requests
 * already read from the sockets have been handled), when `maxBatch` wait, and
 * whenever a commit finishes while operations wait.
 */
export class GroupCommitQueue<Op> {
  private _pending: Pending<Op>[] = [];
  private _scheduled = false;
  private _closed = false;
  private _inFlight = 0;
  private _idle: (() => void)[] = [];
  private readonly _maxBatch: number;
  private readonly _maxInFlight: number;

  /** @param runInTransaction - runs the operations in one transaction, in order */
  constructor(
    private readonly runInTransaction: RunInTransaction<Op>,
    options: GroupCommitOptions = {},
  ) {
    this._maxBatch = options.maxBatch ?? 32;
    this._maxInFlight = options.maxInFlight ?? 1;
  }

  /** Number of operations waiting for the next commit. */
  get size(): number {
    return this._pending.length;
  }

  /** Queue an operation; resolves with its result once its transaction committed. */
  enqueue<R>(op: Op): Promise<R> {
    if (this._closed) return Promise.reject(new Error('storage is closed'));
    return new Promise<R>((resolve, reject) => {
      this._pending.push({ op, resolve: resolve as (value: unknown) => void, reject });
      if (this._pending.length >= this._maxBatch) {
        this.flush();
      } else if (!this._scheduled) {
        this._scheduled = true;
        setImmediate(() => {
          this._scheduled = false;
          this.flush();
        });
      }
    });
  }

  /** Start committing everything queued now, unless `maxInFlight` commits are under way. */
  flush(): void {
    if (this._pending.length === 0 || this._inFlight >= this._maxInFlight) return;
    const batch = this._pending;
    this._pending = [];
    this._inFlight += 1;
    void this._commit(batch).finally(() => {
      this._inFlight -= 1;
      this.flush();
      if (this._inFlight === 0 && this._pending.length === 0) this._idle.splice(0).forEach((wake) => wake());
    });
  }

  /** Commit what is queued, wait for every commit under way, then refuse further operations. */
  async close(): Promise<void> {
    this._closed = true;
    this.flush();
    if (this._inFlight > 0 || this._pending.length > 0) {
      await new Promise<void>((resolve) => this._idle.push(resolve));
    }
  }

  private async _commit(batch: Pending<Op>[]): Promise<void> {
    try {
      const results = await this.runInTransaction(batch.map((p) => p.op));
      batch.forEach((p, i) => p.resolve(results[i]));
    } catch {
      // One failing operation must not fail the others of the batch:
      // replay each in its own transaction so only the culprit is rejected.
      for (const p of batch) {
        try {
          p.resolve((await this.runInTransaction([p.op]))[0]);
        } catch (error) {
          p.reject(error);
        }
      }
    }
  }
}
