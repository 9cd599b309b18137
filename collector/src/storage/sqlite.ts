/**
 * The embedded SQLite store (better-sqlite3).
 *
 * Durability: WAL journal with `synchronous = NORMAL`. A commit has written its
 * pages to the WAL file (the operating system's page cache) before it returns,
 * so an acknowledged event survives the collector process being killed
 * (`kill -9`, a crash, an out-of-memory kill). The WAL is fsynced at each
 * checkpoint, not at each commit: a power loss or kernel crash may lose the
 * commits since the last checkpoint, but never corrupts the database.
 * Checkpoints run on a thread of their own (`sqlite-checkpointer.ts`). `FULL`
 * (an fsync per group commit) gave 9,200 instead of 13,300 events/s on the
 * bench machine, with the event loop blocked during each fsync.
 * @packageDocumentation
 */

import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { GroupCommitQueue } from './group-commit.js';
import { startCheckpointer } from './sqlite-checkpointer.js';
import { migrate } from './sqlite-schema.js';
import { createStatsQuery } from './sqlite-stats.js';
import { EVENT_COLUMNS, eventFromRow, eventParams, type EventRow } from './event-columns.js';
import type { ConsentRecord, PurgeResult, Stats, StatsRange, Storage, StoredEvent } from './storage.js';

/** A write run inside a group-commit transaction; its return value goes to its caller. */
type WriteOp = () => unknown;

/**
 * Open (creating and migrating when needed) a SQLite store at `file`.
 * `logError` hears of a failed checkpointer thread (the store goes on).
 */
export function openSqliteStorage(file: string, logError: (error: unknown) => void = console.error): SqliteStorage {
  return new SqliteStorage(file, logError);
}

/** {@link Storage} on one SQLite file; all writes go through a group-commit queue. */
export class SqliteStorage implements Storage {
  /** @inheritDoc */
  readonly kind = 'sqlite';
  private readonly _db: Database.Database;
  private readonly _queue: GroupCommitQueue<WriteOp>;
  private readonly _insertEvent: Statement;
  private readonly _insertConsent: Statement;
  private readonly _selectVisitor: Statement;
  private readonly _deleteVisitor: Statement;
  private readonly _purgeEvents: Statement;
  private readonly _purgeConsents: Statement;
  private readonly _stats: (range: StatsRange) => Stats;
  private readonly _stopCheckpointer: () => Promise<void>;
  private _closing: Promise<void> | undefined;

  /**
   * @param file - database file path (created if missing)
   * @param logError - where a failure of the checkpointer thread is reported
   */
  constructor(file: string, logError: (error: unknown) => void = console.error) {
    this._db = new Database(file);
    this._db.pragma('journal_mode = WAL');
    this._db.pragma('synchronous = NORMAL');
    this._db.pragma('busy_timeout = 5000');
    migrate(this._db);
    this._stopCheckpointer = startCheckpointer(file, this._db, logError);

    const columns = EVENT_COLUMNS.map(([column]) => column);
    this._insertEvent = this._db.prepare(
      `INSERT INTO events (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    this._insertConsent = this._db.prepare(
      `INSERT INTO consents (consent_id, revision, timestamp, method, categories, ip, user_agent, received_at)
       VALUES (@consentId, @revision, @timestamp, @method, @categories, @ip, @userAgent, @receivedAt)`,
    );
    this._selectVisitor = this._db.prepare(
      `SELECT ${columns.join(', ')} FROM events WHERE visitor_id = ? ORDER BY received_at, id`,
    );
    this._deleteVisitor = this._db.prepare('DELETE FROM events WHERE visitor_id = ?');
    this._purgeEvents = this._db.prepare('DELETE FROM events WHERE received_at < ?');
    this._purgeConsents = this._db.prepare('DELETE FROM consents WHERE received_at < ?');
    this._stats = createStatsQuery(this._db);

    const transaction = this._db.transaction((ops: readonly WriteOp[]) => ops.map((op) => op()));
    this._queue = new GroupCommitQueue<WriteOp>((ops) => transaction(ops));
  }

  /** @inheritDoc */
  insertEvents(events: readonly StoredEvent[]): Promise<void> {
    const rows = events.map(eventParams);
    return this._queue.enqueue(() => {
      for (const row of rows) this._insertEvent.run(row);
    });
  }

  /** @inheritDoc */
  insertConsent(record: ConsentRecord): Promise<void> {
    const row = { ...record, categories: JSON.stringify(record.categories) };
    return this._queue.enqueue(() => {
      this._insertConsent.run(row);
    });
  }

  /** @inheritDoc */
  async eventsOfVisitor(visitorId: string): Promise<StoredEvent[]> {
    return (this._selectVisitor.all(visitorId) as EventRow[]).map(fromRow);
  }

  /** @inheritDoc */
  deleteVisitor(visitorId: string): Promise<void> {
    return this._queue.enqueue(() => {
      this._deleteVisitor.run(visitorId);
    });
  }

  /** @inheritDoc */
  purgeReceivedBefore(cutoff: Date): Promise<PurgeResult> {
    const iso = cutoff.toISOString();
    return this._queue.enqueue<PurgeResult>(() => ({
      events: this._purgeEvents.run(iso).changes,
      consents: this._purgeConsents.run(iso).changes,
    }));
  }

  /** @inheritDoc */
  async stats(range: StatsRange): Promise<Stats> {
    return this._stats(range);
  }

  /** @inheritDoc */
  async close(): Promise<void> {
    this._closing ??= this._close();
    return this._closing;
  }

  private async _close(): Promise<void> {
    await this._queue.close();
    await this._stopCheckpointer();
    // Fold the WAL back into the main file so the .db file alone is complete.
    this._db.pragma('wal_checkpoint(TRUNCATE)');
    this._db.close();
  }
}

function fromRow(row: EventRow): StoredEvent {
  return eventFromRow(row, (field, value) => (field === 'props' && typeof value === 'string' ? JSON.parse(value) : value));
}
