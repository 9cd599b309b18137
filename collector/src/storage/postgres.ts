/**
 * The PostgreSQL store (node-postgres, a connection pool), for running any
 * number of stateless collectors in front of one database.
 *
 * Durability: writes go through the same group-commit queue as SQLite; each
 * group is one transaction (consecutive event inserts of the group become one
 * multi-row `INSERT … SELECT FROM unnest(…)`; a group of event inserts only is
 * that one statement, committed on its own), and a request is answered only
 * after its commit returned. With PostgreSQL's default `synchronous_commit =
 * on` the commit has been flushed to the server's WAL on disk, so an
 * acknowledged event survives the collector being killed and the database
 * server crashing. A collector killed mid-transaction leaves nothing behind:
 * the server rolls the open transaction back when the connection drops.
 *
 * A database that stops answering: connections, statements and queries time
 * out ({@link PostgresTimeouts}), the write queue is bounded, and once an
 * operation found the database away every request that needs it is answered
 * 503 at once until `Retry-After` has passed; then the pool connects again.
 * A write refused for its data (a constraint, a value out of range) keeps its
 * connection: only timeouts and broken sessions cost one.
 * @packageDocumentation
 */

import pg from 'pg';
import type { PoolClient } from 'pg';
import { EVENT_COLUMNS, eventFromRow, eventParams, type EventRow } from './event-columns.js';
import { StoreAvailability } from './availability.js';
import { GroupCommitQueue } from './group-commit.js';
import { ERASE_CHUNK_SIZE, historyPages, purgeInChunks, type HistoryCursor, type HistoryPage } from './chunked.js';
import { connectionSurvives, postgresUnavailable } from './postgres-errors.js';
import { migrate } from './postgres-schema.js';
import { queryStats } from './postgres-stats.js';
import { EXTENDED_LAST_TS, VISIT_INSERT_COLUMNS, VISIT_MERGE, visitDeltas, visitInsertParams } from './visit-deltas.js';
import { EMPTY_MONTH_ROWS, monthOfDay, monthUpsert, ROLLUP_SUMS, STATE_UPSERT, stateParams, type RollupChange } from './rollup-writes.js';
import type { ConsentRecord, PurgeResult, SqlRow, SqlStatement, Stats, StatsRange, Storage, StoredEvent } from './storage.js';

/** A write, as data: the transaction runner merges consecutive event inserts. */
type PgWrite =
  | { kind: 'events'; events: readonly StoredEvent[]; rows: unknown[][] }
  | { kind: 'consent'; row: unknown[] }
  | { kind: 'deleteVisitor'; visitorId: string; limit: number }
  | { kind: 'deleteVisitorVisits'; visitorId: string; limit: number }
  | { kind: 'purge'; cutoff: string; limit: number }
  | { kind: 'rollups'; change: RollupChange };

type EventsWrite = Extract<PgWrite, { kind: 'events' }>;

/** PostgreSQL array type of each events column, for `unnest`. */
const EVENT_ARRAY_TYPES: Record<(typeof EVENT_COLUMNS)[number][0], string> = {
  type: 'text',
  url: 'text',
  path: 'text',
  title: 'text',
  referrer: 'text',
  search: 'text',
  visitor_id: 'text',
  visit_id: 'text',
  visit_start: 'timestamptz',
  ts: 'timestamptz',
  language: 'text',
  screen: 'text',
  timezone: 'text',
  engaged_ms: 'bigint',
  name: 'text',
  props: 'json',
  consent_id: 'text',
  consent_revision: 'integer',
  ip: 'text',
  user_agent: 'text',
  browser: 'text',
  referrer_host: 'text',
  utm: 'json',
  os: 'text',
  device: 'text',
  country: 'text',
  isp: 'text',
  source: 'text',
  channel: 'text',
  hostname: 'text',
  received_at: 'timestamptz',
};

const COLUMNS = EVENT_COLUMNS.map(([column]) => column);

/** PostgreSQL array type of each inserted visits column, for `unnest`. */
const VISIT_ARRAY_TYPES: Record<(typeof VISIT_INSERT_COLUMNS)[number], string> = {
  visit_id: 'text',
  visitor_id: 'text',
  started_at: 'bigint',
  start_ts: 'bigint',
  last_ts: 'bigint',
  entry_page: 'text',
  hostname: 'text',
  source: 'text',
  referrer: 'text',
  channel: 'text',
  utm_source: 'text',
  utm_medium: 'text',
  utm_campaign: 'text',
  utm_term: 'text',
  utm_content: 'text',
  country: 'text',
  isp: 'text',
  device: 'text',
  browser: 'text',
  os: 'text',
  screen: 'text',
  language: 'text',
  exit_page: 'text',
  exit_ts: 'bigint',
  pageviews: 'integer',
  events: 'integer',
};

/** Beside the visit columns, each delta says whether it may create the visit and whether it is its visitor's first of the write. */
const DELTA_COLUMNS = [...VISIT_INSERT_COLUMNS, 'first_of_visitor', 'creates'] as const;
const DELTA_TYPES = [...VISIT_INSERT_COLUMNS.map((column) => VISIT_ARRAY_TYPES[column]), 'boolean', 'boolean'];

/**
 * One statement for a write's events and the visits they change (atomic, one
 * round trip): the deltas are merged into `visits` (in visit id order, so that
 * concurrent writes lock visits in the same order and never deadlock), then
 * the events are inserted in arrival order with their visit's key. A visit is
 * new when it is its visitor's first: the first of this write and none stored
 * before.
 */
const INSERT_EVENTS_AND_VISITS = `
  WITH delta AS (
    SELECT * FROM unnest(${DELTA_TYPES.map((type, i) => `$${i + 1}::${type}[]`).join(', ')}) AS d(${DELTA_COLUMNS.join(', ')})
  ), created AS (
    INSERT INTO visits (${VISIT_INSERT_COLUMNS.join(', ')}, is_new)
    SELECT ${VISIT_INSERT_COLUMNS.map((column) => `d.${column}`).join(', ')},
           CASE WHEN d.first_of_visitor AND NOT EXISTS (SELECT 1 FROM visits p WHERE p.visitor_id = d.visitor_id) THEN 1 ELSE 0 END
    FROM delta d WHERE d.creates ORDER BY d.visit_id COLLATE "C"
    ON CONFLICT (visit_id) DO UPDATE SET ${VISIT_MERGE}
    RETURNING id, visit_id
  ), extended AS (
    UPDATE visits SET last_ts = ${EXTENDED_LAST_TS('visits.last_ts', 'd.last_ts')}
    FROM delta d WHERE NOT d.creates AND visits.visit_id = d.visit_id
    RETURNING visits.id, visits.visit_id
  ), keyed AS (
    SELECT id, visit_id FROM created UNION ALL SELECT id, visit_id FROM extended
  )
  INSERT INTO events (${COLUMNS.join(', ')}, visit_key)
  SELECT ${COLUMNS.map((column) => `e.${column}`).join(', ')}, keyed.id
  FROM unnest(${COLUMNS.map((column, i) => `$${DELTA_TYPES.length + i + 1}::${EVENT_ARRAY_TYPES[column]}[]`).join(', ')})
       WITH ORDINALITY AS e(${COLUMNS.join(', ')}, arrival)
  LEFT JOIN keyed ON keyed.visit_id = e.visit_id
  ORDER BY e.arrival`;

const SQL = {
  insertConsent: `INSERT INTO consents (consent_id, revision, timestamp, method, categories, ip, user_agent, received_at, analytics)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
  // The cursor's time as text: a Date would drop the microseconds a row may have.
  firstHistoryPage: `SELECT id AS cursor_id, received_at::text AS cursor_at, ${COLUMNS.join(', ')} FROM events
    WHERE visitor_id = $1 ORDER BY received_at, id LIMIT $2`,
  nextHistoryPage: `SELECT id AS cursor_id, received_at::text AS cursor_at, ${COLUMNS.join(', ')} FROM events
    WHERE visitor_id = $1 AND (received_at, id) > ($3::timestamptz, $4::bigint) ORDER BY received_at, id LIMIT $2`,
  deleteVisitor: 'DELETE FROM events WHERE id IN (SELECT id FROM events WHERE visitor_id = $1 LIMIT $2)',
  // The roll-ups of the days the erased (or purged) visits were on are rebuilt from what is left.
  deleteVisitorVisits: `WITH gone AS (DELETE FROM visits WHERE id IN (SELECT id FROM visits WHERE visitor_id = $1 LIMIT $2) RETURNING started_at)
    INSERT INTO rollup_dirty (started_at) SELECT started_at FROM gone`,
  markDirty: 'INSERT INTO rollup_dirty (started_at) VALUES ($1)',
  purgeEvents: 'DELETE FROM events WHERE id IN (SELECT id FROM events WHERE received_at < $1 LIMIT $2)',
  purgeConsents: 'DELETE FROM consents WHERE id IN (SELECT id FROM consents WHERE received_at < $1 LIMIT $2)',
  purgeVisits: 'DELETE FROM visits WHERE id IN (SELECT id FROM visits WHERE started_at < $1 LIMIT $2)',
} as const;

/** Connections per collector: a few commits in flight, the rest for reads. */
const POOL_SIZE = 10;

/** Group-commit transactions one collector may have committing at once. */
const COMMITS_IN_FLIGHT = 4;

/** How long the collector waits for PostgreSQL, in milliseconds. */
export interface PostgresTimeouts {
  /** To open a connection, or to get one from a full pool. Default 5,000. */
  connectMs?: number;
  /** For one statement, enforced by the server (`statement_timeout`). Default 15,000. */
  statementMs?: number;
  /** For the answer to one query, enforced by the collector: a server that stopped answering. Default 20,000. */
  queryMs?: number;
}

/** The defaults of {@link PostgresTimeouts}: a statistics query of a large site fits; a hung server is noticed. */
const DEFAULT_TIMEOUTS = { connectMs: 5_000, statementMs: 15_000, queryMs: 20_000 } as const;

/**
 * Connect to `url`, apply pending migrations (serialised across collectors
 * with an advisory lock, on a connection of their own without statement
 * timeouts: an index on a large table takes its time) and return the store.
 * Rejects when the database cannot be reached or is newer than this collector.
 */
export async function openPostgresStorage(
  url: string,
  logError: (error: unknown) => void = console.error,
  timeouts: PostgresTimeouts = {},
): Promise<PostgresStorage> {
  const { connectMs, statementMs, queryMs } = { ...DEFAULT_TIMEOUTS, ...timeouts };
  const application_name = 'consent-gate-collector';
  const migrations = new pg.Pool({ connectionString: url, max: 1, application_name, connectionTimeoutMillis: connectMs });
  migrations.on('error', logError);
  try {
    await migrate(migrations);
  } finally {
    await migrations.end();
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    application_name,
    connectionTimeoutMillis: connectMs,
    statement_timeout: statementMs,
    query_timeout: queryMs,
    // A transaction left open by a collector that hung ends on the server too.
    idle_in_transaction_session_timeout: queryMs,
    // Notice a peer that vanished without closing the connection.
    keepAlive: true,
  });
  // An idle connection that breaks (server restart) is reported, not thrown: the pool replaces it.
  pool.on('error', logError);
  return new PostgresStorage(pool, logError);
}

/** {@link Storage} on a PostgreSQL database; writes go through a group-commit queue. */
export class PostgresStorage implements Storage {
  /** @inheritDoc */
  readonly kind = 'postgres';
  private readonly _queue: GroupCommitQueue<PgWrite>;
  private readonly _availability: StoreAvailability;
  private _closing: Promise<void> | undefined;

  /**
   * @param _pool - a pool on a migrated database; the store ends it on close
   * @param logError - hears once when the database goes away, and when it is back
   */
  constructor(
    private readonly _pool: pg.Pool,
    logError: (error: unknown) => void = console.error,
  ) {
    this._availability = new StoreAvailability((error) => logError(error ?? 'PostgreSQL answers again'));
    this._queue = new GroupCommitQueue<PgWrite>(
      (ops) => this._transaction(ops).catch((error: unknown) => Promise.reject(postgresUnavailable(error) ?? error)),
      { maxInFlight: COMMITS_IN_FLIGHT, availability: this._availability },
    );
  }

  /** Rows waiting for a commit (bounded by the write queue). */
  get pendingWrites(): number {
    return this._queue.pendingWeight;
  }

  /** @inheritDoc */
  insertEvents(events: readonly StoredEvent[]): Promise<void> {
    return this._queue.enqueue({ kind: 'events', events, rows: events.map(eventParams) }, events.length);
  }

  /** @inheritDoc */
  insertConsent(r: ConsentRecord): Promise<void> {
    const analytics = r.categories.analytics === true ? 1 : 0;
    const row = [r.consentId, r.revision, r.timestamp, r.method, JSON.stringify(r.categories), r.ip, r.userAgent, r.receivedAt, analytics];
    return this._queue.enqueue({ kind: 'consent', row });
  }

  /** @inheritDoc */
  visitorEvents(visitorId: string): AsyncIterable<StoredEvent[]> {
    return historyPages((after, limit) => this._historyPage(visitorId, after, limit));
  }

  /** @inheritDoc */
  async deleteVisitor(visitorId: string): Promise<void> {
    // One chunk per transaction: no transaction holds a connection and row locks for a whole history.
    const chunk: PgWrite = { kind: 'deleteVisitor', visitorId, limit: ERASE_CHUNK_SIZE };
    while ((await this._queue.enqueue<number>(chunk)) === ERASE_CHUNK_SIZE);
    const visits: PgWrite = { kind: 'deleteVisitorVisits', visitorId, limit: ERASE_CHUNK_SIZE };
    while ((await this._queue.enqueue<number>(visits)) === ERASE_CHUNK_SIZE);
  }

  /** @inheritDoc */
  async purgeReceivedBefore(cutoff: Date): Promise<PurgeResult> {
    const chunk: PgWrite = { kind: 'purge', cutoff: cutoff.toISOString(), limit: ERASE_CHUNK_SIZE };
    return purgeInChunks(() => this._queue.enqueue<PurgeResult>(chunk));
  }

  /** @inheritDoc */
  stats(range: StatsRange): Promise<Stats> {
    return this._read(async () => {
      const client = await this._pool.connect();
      let failure: Error | undefined;
      try {
        return await queryStats(client, range);
      } catch (error) {
        if (!connectionSurvives(error)) failure = error as Error;
        throw error;
      } finally {
        client.release(failure);
      }
    });
  }

  /** @inheritDoc */
  writeRollups(change: RollupChange): Promise<void> {
    return this._queue.enqueue({ kind: 'rollups', change });
  }

  /** @inheritDoc */
  async lockRollups(): Promise<(() => Promise<void>) | null> {
    const client = await this._read(() => this._pool.connect());
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [ROLLUP_LOCK]);
      if (!rows[0]!.locked) {
        client.release();
        return null;
      }
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    // The session holds the lock: the client stays out of the pool until it is given back.
    return async () => {
      try {
        await client.query('SELECT pg_advisory_unlock($1)', [ROLLUP_LOCK]);
        client.release();
      } catch (error) {
        client.release(error as Error);
      }
    };
  }

  /** @inheritDoc */
  read(statements: readonly SqlStatement[]): Promise<SqlRow[][]> {
    return this._read(async () => {
      const client = await this._pool.connect();
      let failure: Error | undefined;
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const results: SqlRow[][] = [];
        for (const { sql, params } of statements) results.push((await client.query(sql, params as unknown[])).rows as SqlRow[]);
        await client.query('COMMIT');
        return results;
      } catch (error) {
        if (!connectionSurvives(error)) failure = error as Error;
        else await client.query('ROLLBACK').catch((rollbackError: unknown) => (failure = rollbackError as Error));
        throw error;
      } finally {
        client.release(failure);
      }
    });
  }

  /** @inheritDoc */
  close(): Promise<void> {
    this._closing ??= this._queue.close().then(() => this._pool.end());
    return this._closing;
  }

  /** One page of a visitor's history; each page borrows a pooled connection only for its query. */
  private async _historyPage(visitorId: string, after: HistoryCursor | null, limit: number): Promise<HistoryPage> {
    const { rows } = await this._read(() =>
      after
        ? this._pool.query<HistoryRow>(SQL.nextHistoryPage, [visitorId, limit, after.receivedAt, after.id])
        : this._pool.query<HistoryRow>(SQL.firstHistoryPage, [visitorId, limit]),
    );
    const last = rows.at(-1);
    return { events: rows.map(fromRow), last: last ? { receivedAt: last.cursor_at, id: last.cursor_id } : null };
  }

  /** A read, unless the database is known to be away; its unavailability is recorded. */
  private _read<T>(read: () => Promise<T>): Promise<T> {
    return this._availability.run(read, postgresUnavailable);
  }

  /** Run a group of writes in one transaction; one result per write. */
  private async _transaction(ops: readonly PgWrite[]): Promise<unknown[]> {
    const client = await this._pool.connect();
    let broken: Error | undefined;
    try {
      if (ops.every((op) => op.kind === 'events')) {
        // The common group, event inserts only, is a single statement: atomic
        // and committed on its own (autocommit), in one round trip.
        try {
          await insertEvents(
            client,
            ops.map((op) => op as EventsWrite),
          );
        } catch (error) {
          // A statement refused by the server left the session idle and usable; anything else did not.
          if (!connectionSurvives(error)) broken = error as Error;
          throw error;
        }
        return ops.map(() => undefined);
      }
      try {
        await client.query('BEGIN');
        const results: unknown[] = [];
        for (let i = 0; i < ops.length;) {
          const op = ops[i]!;
          if (op.kind === 'events') {
            // Consecutive inserts become one statement.
            const writes: EventsWrite[] = [];
            for (; i < ops.length && ops[i]!.kind === 'events'; i++) {
              writes.push(ops[i] as EventsWrite);
              results.push(undefined);
            }
            await insertEvents(client, writes);
            continue;
          }
          results.push(await write(client, op));
          i++;
        }
        await client.query('COMMIT');
        return results;
      } catch (error) {
        if (!connectionSurvives(error)) {
          // A timed-out or broken session: a ROLLBACK would only wait again. The server rolls back when it drops.
          broken = error as Error;
          throw error;
        }
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // The connection itself failed: do not hand it back to the pool.
          broken = rollbackError as Error;
        }
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }
}

/**
 * The events of consecutive writes and the visits they change, in one
 * statement ({@link INSERT_EVENTS_AND_VISITS}), named: each connection parses
 * and plans it once.
 */
async function insertEvents(client: PoolClient, writes: readonly EventsWrite[]): Promise<void> {
  const rows = writes.length === 1 ? writes[0]!.rows : writes.flatMap((write) => write.rows);
  const deltas = visitDeltas(writes.length === 1 ? writes[0]!.events : writes.flatMap((write) => write.events));
  const deltaRows = deltas.map((delta) => [...visitInsertParams(delta), delta.firstOfVisitor, delta.creates]);
  const values = [...DELTA_COLUMNS.map((_, c) => deltaRows.map((row) => row[c])), ...COLUMNS.map((_, c) => rows.map((row) => row[c]))];
  await client.query({ name: 'insert-events-and-visits', text: INSERT_EVENTS_AND_VISITS, values });
}

/** One write other than an event insert. */
async function write(client: PoolClient, op: Exclude<PgWrite, { kind: 'events' }>): Promise<unknown> {
  switch (op.kind) {
    case 'consent':
      await client.query(SQL.insertConsent, op.row);
      return undefined;
    case 'deleteVisitor':
      return (await client.query(SQL.deleteVisitor, [op.visitorId, op.limit])).rowCount ?? 0;
    case 'deleteVisitorVisits':
      return (await client.query(SQL.deleteVisitorVisits, [op.visitorId, op.limit])).rowCount ?? 0;
    case 'purge': {
      const visits = (await client.query(SQL.purgeVisits, [Date.parse(op.cutoff), op.limit])).rowCount ?? 0;
      if (visits > 0) await client.query(SQL.markDirty, [Date.parse(op.cutoff)]);
      return {
        events: (await client.query(SQL.purgeEvents, [op.cutoff, op.limit])).rowCount ?? 0,
        consents: (await client.query(SQL.purgeConsents, [op.cutoff, op.limit])).rowCount ?? 0,
        visits,
      } satisfies PurgeResult;
    }
    case 'rollups':
      await writeRollups(client, op.change);
      return undefined;
  }
}

/** Key of the session advisory lock of the collector that maintains the roll-ups ("rollup" in ASCII). */
const ROLLUP_LOCK = 0x726f6c6c7570;

/** Apply one roll-up change inside the caller's transaction. */
async function writeRollups(client: PoolClient, change: RollupChange): Promise<void> {
  if (change.reset) await client.query('DELETE FROM rollup_days; DELETE FROM rollup_months; DELETE FROM rollup_returns');
  if (change.dropBefore !== undefined) {
    const month = monthOfDay(change.dropBefore);
    await client.query('DELETE FROM rollup_days WHERE day < $1', [change.dropBefore]);
    await client.query('DELETE FROM rollup_returns WHERE day < $1', [change.dropBefore]);
    await client.query('DELETE FROM rollup_months WHERE month <= $1', [month]);
    const from = Date.UTC(Math.floor(month / 12), month % 12, 1) / 86_400_000;
    const to = Date.UTC(Math.floor(month / 12), (month % 12) + 1, 1) / 86_400_000;
    await client.query(
      `INSERT INTO rollup_months (dim, value, month, ${ROLLUP_SUMS.join(', ')})
       SELECT dim, value, $1, ${ROLLUP_SUMS.map((c) => `SUM(${c})`).join(', ')} FROM rollup_days WHERE day >= $2 AND day < $3 GROUP BY dim, value`,
      [month, from, to],
    );
  }
  for (const rolled of change.days) {
    const keys = [rolled.day, monthOfDay(rolled.day)];
    await client.query(monthUpsert('-', '$1::integer', '$2::integer'), keys);
    await client.query('DELETE FROM rollup_days WHERE day = $1', [rolled.day]);
    await client.query('DELETE FROM rollup_returns WHERE day = $1', [rolled.day]);
    if (rolled.sums.length > 0) {
      const columns = [
        rolled.sums.map(([dim]) => dim),
        rolled.sums.map(([, value]) => value),
        ...ROLLUP_SUMS.map((c) => rolled.sums.map(([, , sums]) => sums[c])),
      ];
      await client.query(
        `INSERT INTO rollup_days (dim, value, day, ${ROLLUP_SUMS.join(', ')})
         SELECT dim, value, $1, ${ROLLUP_SUMS.join(', ')} FROM unnest($2::text[], $3::text[], ${ROLLUP_SUMS.map((_, i) => `$${i + 4}::bigint[]`).join(', ')})
           AS r(dim, value, ${ROLLUP_SUMS.join(', ')})`,
        [rolled.day, ...columns],
      );
    }
    if (rolled.returns.length > 0) {
      await client.query(
        `INSERT INTO rollup_returns (dim, value, day, prev, n)
         SELECT dim, value, $1, prev, n FROM unnest($2::text[], $3::text[], $4::integer[], $5::bigint[]) AS r(dim, value, prev, n)`,
        [rolled.day, ...[0, 1, 2, 3].map((c) => rolled.returns.map((row) => row[c]))],
      );
    }
    await client.query(monthUpsert('+', '$1::integer', '$2::integer'), keys);
    await client.query(EMPTY_MONTH_ROWS('$1::integer'), [keys[1]]);
  }
  await client.query(STATE_UPSERT(['$1', '$2', '$3', '$4', '$5']), stateParams(change.state));
  if (change.clean && change.clean.length > 0)
    await client.query('DELETE FROM rollup_dirty WHERE started_at = ANY($1::bigint[])', [change.clean]);
}

/** A history row: the event's columns and the keyset cursor. */
type HistoryRow = EventRow & { cursor_id: string; cursor_at: string };

/** Times come back as `Date` (ISO strings in the record), `bigint` as a string, `json` (`props`, `utm`) parsed. */
function fromRow(row: EventRow): StoredEvent {
  return eventFromRow(row, (field, value) => {
    if (value instanceof Date) return value.toISOString();
    if (field === 'engagedMs' && value !== null) return Number(value);
    return value;
  });
}
