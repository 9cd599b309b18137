/**
 * Group commit: write operations that arrive while a commit is under way (or
 * while the event loop is busy) are run together in one transaction, and each
 * caller's promise settles only after that transaction committed. One commit
 * (one fsync) then covers many requests, which is how the collector reaches its
 * throughput without ever acknowledging an event before it is durable.
 *
 * The queue is bounded: while the store is slow or away, writes beyond
 * {@link MAX_PENDING_WRITES} rows are refused at once with a
 * {@link StoreUnavailableError} (503) instead of piling up in memory, and
 * while a commit found the store away, every write is refused at once until
 * the outage's `Retry-After` has passed.
 * @packageDocumentation
 */

import type { StoreAvailability } from './availability.js';
import { StoreUnavailableError } from './store-unavailable.js';

/** Rows (events, consent records…) that may wait for a commit; about 1 KiB of memory each. */
export const MAX_PENDING_WRITES = 10_000;

/** `Retry-After` of a write refused because the queue is full: it drains in well under a second once the store answers. */
const QUEUE_FULL_RETRY_SECONDS = 1;

interface Pending<Op> {
  op: Op;
  /** Rows the operation writes, counted against {@link MAX_PENDING_WRITES}. */
  weight: number;
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
  /** Rows that may wait (the sum of the operations' weights). Default {@link MAX_PENDING_WRITES}. */
  maxPending?: number;
  /**
   * The store's availability: a commit that fails with a
   * {@link StoreUnavailableError} records the outage there (and fails the
   * operations waiting behind it), and while it lasts operations are refused
   * at once.
   */
  availability?: StoreAvailability;
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
  private _pendingWeight = 0;
  private readonly _maxBatch: number;
  private readonly _maxInFlight: number;
  private readonly _maxPending: number;
  private readonly _availability: StoreAvailability | undefined;

  /** @param runInTransaction - runs the operations in one transaction, in order */
  constructor(
    private readonly runInTransaction: RunInTransaction<Op>,
    options: GroupCommitOptions = {},
  ) {
    this._maxBatch = options.maxBatch ?? 32;
    this._maxInFlight = options.maxInFlight ?? 1;
    this._maxPending = options.maxPending ?? MAX_PENDING_WRITES;
    this._availability = options.availability;
  }

  /** Number of operations waiting for the next commit. */
  get size(): number {
    return this._pending.length;
  }

  /** Rows waiting for the next commit (the operations' weights). */
  get pendingWeight(): number {
    return this._pendingWeight;
  }

  /**
   * Queue an operation writing `weight` rows; resolves with its result once its
   * transaction committed. Rejects at once with a {@link StoreUnavailableError}
   * while the store is away or the queue is full.
   */
  enqueue<R>(op: Op, weight = 1): Promise<R> {
    if (this._closed) return Promise.reject(new Error('storage is closed'));
    const outage = this._availability?.outage;
    if (outage) return Promise.reject(outage);
    if (this._pendingWeight + weight > this._maxPending && this._pending.length > 0) {
      return Promise.reject(new StoreUnavailableError('the store is not keeping up: write queue full', QUEUE_FULL_RETRY_SECONDS));
    }
    this._pendingWeight += weight;
    return new Promise<R>((resolve, reject) => {
      this._pending.push({ op, weight, resolve: resolve as (value: unknown) => void, reject });
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
    this._pendingWeight = 0;
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
      this._availability?.up();
      batch.forEach((p, i) => p.resolve(results[i]));
    } catch (error) {
      if (error instanceof StoreUnavailableError) {
        // Not the operations' fault, and replaying them one by one would only
        // wait for the store again: fail them, and in an outage those queued behind them.
        this._availability?.down(error);
        const waiting = error.outage ? this._pending.splice(0) : [];
        for (const p of waiting) this._pendingWeight -= p.weight;
        for (const p of [...batch, ...waiting]) p.reject(error);
        return;
      }
      // One failing operation must not fail the others of the batch:
      // replay each in its own transaction so only the culprit is rejected.
      for (const [i, p] of batch.entries()) {
        try {
          p.resolve((await this.runInTransaction([p.op]))[0]);
        } catch (replayError) {
          if (replayError instanceof StoreUnavailableError) {
            this._availability?.down(replayError);
            for (const rest of batch.slice(i)) rest.reject(replayError);
            return;
          }
          p.reject(replayError);
        }
      }
    }
  }
}
