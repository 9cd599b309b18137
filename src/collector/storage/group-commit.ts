/**
 * Group commit: write operations that arrive while the event loop is busy are
 * run together in one transaction, and each caller's promise settles only after
 * that transaction committed. One fsync then covers many requests, which is how
 * the collector reaches its throughput without ever acknowledging an event
 * before it is durable.
 * @packageDocumentation
 */

/** A write to run inside a transaction. Its return value is handed to its caller. */
export type WriteOp<R> = () => R;

interface Pending {
  op: WriteOp<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/** Runs a list of operations inside one transaction; throws (after rollback) if any throws. */
export type RunInTransaction = (ops: readonly WriteOp<unknown>[]) => unknown[];

/**
 * Queue of write operations flushed on `setImmediate` (after the requests
 * already read from the sockets have been handled) or when `maxBatch` wait.
 */
export class GroupCommitQueue {
  private _pending: Pending[] = [];
  private _scheduled = false;
  private _closed = false;

  /**
   * @param runInTransaction - runs the operations in one transaction, in order
   * @param maxBatch - commit as soon as this many operations wait: answers then
   *   leave in a steady stream instead of all connections waiting in lockstep
   *   for one big commit, which keeps client and server busy at the same time
   */
  constructor(
    private readonly runInTransaction: RunInTransaction,
    private readonly maxBatch = 32,
  ) {}

  /** Number of operations waiting for the next commit. */
  get size(): number {
    return this._pending.length;
  }

  /** Queue an operation; resolves with its result once its transaction committed. */
  enqueue<R>(op: WriteOp<R>): Promise<R> {
    if (this._closed) return Promise.reject(new Error('storage is closed'));
    return new Promise<R>((resolve, reject) => {
      this._pending.push({ op, resolve: resolve as (value: unknown) => void, reject });
      if (this._pending.length >= this.maxBatch) {
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

  /** Commit everything queued now (also used on shutdown). */
  flush(): void {
    const batch = this._pending;
    this._pending = [];
    if (batch.length === 0) return;
    try {
      const results = this.runInTransaction(batch.map((p) => p.op));
      batch.forEach((p, i) => p.resolve(results[i]));
    } catch {
      // One failing operation must not fail the others of the batch:
      // replay each in its own transaction so only the culprit is rejected.
      for (const p of batch) {
        try {
          p.resolve(this.runInTransaction([p.op])[0]);
        } catch (error) {
          p.reject(error);
        }
      }
    }
  }

  /** Flush and refuse further operations. */
  close(): void {
    this.flush();
    this._closed = true;
  }
}
