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
 *
 * A file that another process holds locked, or a full disk: the write fails
 * with `SQLITE_BUSY` after a short wait (better-sqlite3 waits on the event
 * loop's thread) or `SQLITE_FULL`, and every request that writes is answered
 * 503 at once until `Retry-After` has passed; then writes are tried again.
 * @packageDocumentation
 */

import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { StoreAvailability } from './availability.js';
import { GroupCommitQueue } from './group-commit.js';
import { startCheckpointer } from './sqlite-checkpointer.js';
import { SQLITE_BUSY_TIMEOUT_MS, sqliteUnavailable } from './sqlite-errors.js';
import { migrate } from './sqlite-schema.js';
import { createStatsQuery } from './sqlite-stats.js';
import { EVENT_COLUMNS, eventFromRow, eventParams, type EventRow } from './event-columns.js';
import { ERASE_CHUNK_SIZE, historyPages, purgeInChunks, type HistoryCursor, type HistoryPage } from './chunked.js';
import { SqliteReader } from './sqlite-reader.js';
import { EXTENDED_LAST_TS, VISIT_INSERT_COLUMNS, VISIT_MERGE, visitDeltas, visitInsertParams } from './visit-deltas.js';
import { EMPTY_MONTH_ROWS, monthOfDay, monthUpsert, ROLLUP_SUMS, STATE_UPSERT, stateParams, type RollupChange } from './rollup-writes.js';
import type { ConsentRecord, PurgeResult, SqlRow, SqlStatement, Stats, StatsRange, Storage, StoredEvent } from './storage.js';

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
  private readonly _upsertVisit: Statement;
  private readonly _extendVisit: Statement;
  private readonly _insertConsent: Statement;
  private readonly _firstHistoryPage: Statement;
  private readonly _nextHistoryPage: Statement;
  private readonly _deleteVisitor: Statement;
  private readonly _deleteVisitorVisits: Statement;
  private readonly _purgeEvents: Statement;
  private readonly _purgeConsents: Statement;
  private readonly _purgeVisits: Statement;
  private readonly _markDirty: Statement;
  private readonly _reader: SqliteReader;
  private _rollupWrites: ReturnType<typeof prepareRollupWrites> | undefined;
  private readonly _stats: (range: StatsRange) => Stats;
  private readonly _stopCheckpointer: () => Promise<void>;
  private readonly _availability: StoreAvailability;
  private _closing: Promise<void> | undefined;

  /**
   * @param file - database file path (created if missing)
   * @param logError - where a failure of the checkpointer thread is reported, and an outage of the file (once) and its end
   */
  constructor(file: string, logError: (error: unknown) => void = console.error) {
    this._db = new Database(file);
    this._db.pragma('journal_mode = WAL');
    this._db.pragma('synchronous = NORMAL');
    // Opening may wait for another process's migration; requests later may not (sqlite-errors.ts).
    this._db.pragma('busy_timeout = 5000');
    migrate(this._db);
    this._db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    this._stopCheckpointer = startCheckpointer(file, this._db, logError);

    const columns = EVENT_COLUMNS.map(([column]) => column);
    this._insertEvent = this._db.prepare(
      `INSERT INTO events (${columns.join(', ')}, visit_key) VALUES (${columns.map(() => '?').join(', ')}, ?)`,
    );
    // A visit is new when it is its visitor's first: the first of this write, and none stored before.
    this._upsertVisit = this._db.prepare(
      `INSERT INTO visits (${VISIT_INSERT_COLUMNS.join(', ')}, is_new)
       VALUES (${VISIT_INSERT_COLUMNS.map(() => '?').join(', ')},
               CASE WHEN ? = 1 AND NOT EXISTS (SELECT 1 FROM visits WHERE visitor_id = ?) THEN 1 ELSE 0 END)
       ON CONFLICT (visit_id) DO UPDATE SET ${VISIT_MERGE}
       RETURNING id`,
    );
    this._extendVisit = this._db.prepare(
      `UPDATE visits SET last_ts = ${EXTENDED_LAST_TS('last_ts', '@lastTs')} WHERE visit_id = @visitId RETURNING id`,
    );
    this._insertConsent = this._db.prepare(
      `INSERT INTO consents (consent_id, revision, timestamp, method, categories, ip, user_agent, received_at, analytics)
       VALUES (@consentId, @revision, @timestamp, @method, @categories, @ip, @userAgent, @receivedAt, @analytics)`,
    );
    const history = `SELECT id AS cursor_id, ${columns.join(', ')} FROM events WHERE visitor_id = @visitorId`;
    this._firstHistoryPage = this._db.prepare(`${history} ORDER BY received_at, id LIMIT @limit`);
    this._nextHistoryPage = this._db.prepare(`${history} AND (received_at, id) > (@receivedAt, @id) ORDER BY received_at, id LIMIT @limit`);
    this._deleteVisitor = this._db.prepare('DELETE FROM events WHERE id IN (SELECT id FROM events WHERE visitor_id = ? LIMIT ?)');
    this._deleteVisitorVisits = this._db.prepare(
      'DELETE FROM visits WHERE id IN (SELECT id FROM visits WHERE visitor_id = ? LIMIT ?) RETURNING started_at',
    );
    // The roll-ups of the days a visitor's visits (or the purged visits) were on are rebuilt from what is left.
    this._markDirty = this._db.prepare('INSERT INTO rollup_dirty (started_at) VALUES (?)');
    this._purgeEvents = this._db.prepare('DELETE FROM events WHERE id IN (SELECT id FROM events WHERE received_at < ? LIMIT ?)');
    this._purgeConsents = this._db.prepare('DELETE FROM consents WHERE id IN (SELECT id FROM consents WHERE received_at < ? LIMIT ?)');
    this._purgeVisits = this._db.prepare('DELETE FROM visits WHERE id IN (SELECT id FROM visits WHERE started_at < ? LIMIT ?)');
    this._stats = createStatsQuery(this._db);
    this._reader = new SqliteReader(file);

    const transaction = this._db.transaction((ops: readonly WriteOp[]) => ops.map((op) => op()));
    this._availability = new StoreAvailability((error) => logError(error ?? 'the SQLite file is writable again'));
    this._queue = new GroupCommitQueue<WriteOp>(
      (ops) => {
        try {
          return transaction(ops);
        } catch (error) {
          throw sqliteUnavailable(error) ?? error;
        }
      },
      { availability: this._availability },
    );
  }

  /** Rows waiting for a commit (bounded by the write queue). */
  get pendingWrites(): number {
    return this._queue.pendingWeight;
  }

  /** @inheritDoc */
  insertEvents(events: readonly StoredEvent[]): Promise<void> {
    const rows = events.map(eventParams);
    const deltas = visitDeltas(events);
    return this._queue.enqueue(() => {
      // The visits first (each write's events fold into one change per visit), then the events with their visit's key.
      const keys = new Map<string, number>();
      for (const delta of deltas) {
        const row = (
          delta.creates
            ? this._upsertVisit.get(...visitInsertParams(delta), delta.firstOfVisitor ? 1 : 0, delta.visitorId)
            : this._extendVisit.get({ lastTs: delta.lastTs, visitId: delta.visitId })
        ) as { id: number } | undefined;
        if (row) keys.set(delta.visitId, row.id);
      }
      for (let i = 0; i < rows.length; i++) {
        const visitId = events[i]!.visitId;
        this._insertEvent.run(...rows[i]!, visitId === null ? null : (keys.get(visitId) ?? null));
      }
    }, rows.length);
  }

  /** @inheritDoc */
  insertConsent(record: ConsentRecord): Promise<void> {
    const row = { ...record, categories: JSON.stringify(record.categories), analytics: record.categories.analytics === true ? 1 : 0 };
    return this._queue.enqueue(() => {
      this._insertConsent.run(row);
    });
  }

  /** @inheritDoc */
  visitorEvents(visitorId: string): AsyncIterable<StoredEvent[]> {
    return historyPages((after, limit) => classified(() => this._historyPage(visitorId, after, limit)));
  }

  /** @inheritDoc */
  async deleteVisitor(visitorId: string): Promise<void> {
    // One chunk per transaction: the event loop is held for one chunk, not a whole history.
    while ((await this._queue.enqueue<number>(() => this._deleteVisitor.run(visitorId, ERASE_CHUNK_SIZE).changes)) === ERASE_CHUNK_SIZE);
    const eraseVisits = (): number => {
      const gone = this._deleteVisitorVisits.all(visitorId, ERASE_CHUNK_SIZE) as { started_at: number }[];
      for (const visit of gone) this._markDirty.run(visit.started_at);
      return gone.length;
    };
    while ((await this._queue.enqueue<number>(eraseVisits)) === ERASE_CHUNK_SIZE);
  }

  /** @inheritDoc */
  purgeReceivedBefore(cutoff: Date): Promise<PurgeResult> {
    const iso = cutoff.toISOString();
    return purgeInChunks(() =>
      this._queue.enqueue<PurgeResult>(() => {
        const visits = this._purgeVisits.run(cutoff.getTime(), ERASE_CHUNK_SIZE).changes;
        // The day of the cutoff lost some of its visits: its roll-ups are rebuilt.
        if (visits > 0) this._markDirty.run(cutoff.getTime());
        return {
          events: this._purgeEvents.run(iso, ERASE_CHUNK_SIZE).changes,
          consents: this._purgeConsents.run(iso, ERASE_CHUNK_SIZE).changes,
          visits,
        };
      }),
    );
  }

  /** @inheritDoc */
  writeRollups(change: RollupChange): Promise<void> {
    this._rollupWrites ??= prepareRollupWrites(this._db);
    const writes = this._rollupWrites;
    return this._queue.enqueue(() => writes(change));
  }

  /** @inheritDoc */
  async lockRollups(): Promise<() => Promise<void>> {
    // One process owns a SQLite file: nobody else maintains its roll-ups.
    return async () => {};
  }

  /** @inheritDoc */
  read(statements: readonly SqlStatement[]): Promise<SqlRow[][]> {
    return this._reader.read(statements);
  }

  /** @inheritDoc */
  async stats(range: StatsRange): Promise<Stats> {
    return classified(() => this._stats(range));
  }

  /** @inheritDoc */
  async close(): Promise<void> {
    this._closing ??= this._close();
    return this._closing;
  }

  private _historyPage(visitorId: string, after: HistoryCursor | null, limit: number): HistoryPage {
    const rows = (
      after
        ? this._nextHistoryPage.all({ visitorId, limit, receivedAt: after.receivedAt, id: after.id })
        : this._firstHistoryPage.all({ visitorId, limit })
    ) as (EventRow & { cursor_id: number })[];
    const last = rows.at(-1);
    return { events: rows.map(fromRow), last: last ? { receivedAt: last.received_at as string, id: last.cursor_id } : null };
  }

  private async _close(): Promise<void> {
    await this._reader.close();
    await this._queue.close();
    await this._stopCheckpointer();
    // Fold the WAL back into the main file so the .db file alone is complete.
    this._db.pragma('wal_checkpoint(TRUNCATE)');
    this._db.close();
  }
}

/**
 * Run a read; a file that is unavailable is reported as such. Reads do not
 * consult or change the writes' outage: in WAL mode they go on while another
 * process holds the write lock.
 */
function classified<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw sqliteUnavailable(error) ?? error;
  }
}

/** Prepare the roll-up writes of `db`; the returned function applies one change (inside the caller's transaction). */
function prepareRollupWrites(db: Database.Database): (change: RollupChange) => void {
  const statements = {
    subtract: db.prepare(monthUpsert('-', '@day', '@month')),
    add: db.prepare(monthUpsert('+', '@day', '@month')),
    emptyMonths: db.prepare(EMPTY_MONTH_ROWS('@month')),
    deleteDay: db.prepare('DELETE FROM rollup_days WHERE day = ?'),
    deleteReturns: db.prepare('DELETE FROM rollup_returns WHERE day = ?'),
    insertDay: db.prepare(
      `INSERT INTO rollup_days (dim, value, day, ${ROLLUP_SUMS.join(', ')}) VALUES (?, ?, ?, ${ROLLUP_SUMS.map(() => '?').join(', ')})`,
    ),
    insertReturn: db.prepare('INSERT INTO rollup_returns (dim, value, day, prev, n) VALUES (?, ?, ?, ?, ?)'),
    dropDays: db.prepare('DELETE FROM rollup_days WHERE day < ?'),
    dropReturns: db.prepare('DELETE FROM rollup_returns WHERE day < ?'),
    dropMonths: db.prepare('DELETE FROM rollup_months WHERE month <= ?'),
    rebuildMonth: db.prepare(
      `INSERT INTO rollup_months (dim, value, month, ${ROLLUP_SUMS.join(', ')})
       SELECT dim, value, @month, ${ROLLUP_SUMS.map((c) => `SUM(${c})`).join(', ')} FROM rollup_days WHERE day >= @from AND day < @to GROUP BY dim, value`,
    ),
    state: db.prepare(STATE_UPSERT(['?', '?', '?', '?', '?'])),
    clean: db.prepare('DELETE FROM rollup_dirty WHERE started_at = ?'),
  };
  return (change) => {
    if (change.reset) db.exec('DELETE FROM rollup_days; DELETE FROM rollup_months; DELETE FROM rollup_returns;');
    if (change.dropBefore !== undefined) {
      const month = monthOfDay(change.dropBefore);
      statements.dropDays.run(change.dropBefore);
      statements.dropReturns.run(change.dropBefore);
      statements.dropMonths.run(month);
      const from = Date.UTC(Math.floor(month / 12), month % 12, 1) / 86_400_000;
      statements.rebuildMonth.run({ month, from, to: Date.UTC(Math.floor(month / 12), (month % 12) + 1, 1) / 86_400_000 });
    }
    for (const rolled of change.days) {
      const keys = { day: rolled.day, month: monthOfDay(rolled.day) };
      statements.subtract.run(keys);
      statements.deleteDay.run(rolled.day);
      statements.deleteReturns.run(rolled.day);
      for (const [dim, value, sums] of rolled.sums) {
        statements.insertDay.run(dim, value, rolled.day, ...ROLLUP_SUMS.map((column) => sums[column]));
      }
      for (const [dim, value, prev, n] of rolled.returns) statements.insertReturn.run(dim, value, rolled.day, prev, n);
      statements.add.run(keys);
      statements.emptyMonths.run({ month: keys.month });
    }
    statements.state.run(...stateParams(change.state));
    for (const startedAt of change.clean ?? []) statements.clean.run(startedAt);
  };
}

function fromRow(row: EventRow): StoredEvent {
  return eventFromRow(row, (field, value) =>
    (field === 'props' || field === 'utm') && typeof value === 'string' ? JSON.parse(value) : value,
  );
}
