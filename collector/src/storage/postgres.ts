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
 * @packageDocumentation
 */

import pg from 'pg';
import type { PoolClient } from 'pg';
import { EVENT_COLUMNS, eventFromRow, eventParams, type EventRow } from './event-columns.js';
import { GroupCommitQueue } from './group-commit.js';
import { migrate } from './postgres-schema.js';
import { queryStats } from './postgres-stats.js';
import type { ConsentRecord, PurgeResult, Stats, StatsRange, Storage, StoredEvent } from './storage.js';

/** A write, as data: the transaction runner merges consecutive event inserts. */
type PgWrite =
  | { kind: 'events'; rows: unknown[][] }
  | { kind: 'consent'; row: unknown[] }
  | { kind: 'deleteVisitor'; visitorId: string }
  | { kind: 'purge'; cutoff: string };

type EventsWrite = Extract<PgWrite, { kind: 'events' }>;

/** PostgreSQL array type of each events column, for `unnest`. */
const EVENT_ARRAY_TYPES: Record<(typeof EVENT_COLUMNS)[number][0], string> = {
  type: 'text', url: 'text', path: 'text', title: 'text', referrer: 'text', search: 'text',
  visitor_id: 'text', visit_id: 'text', visit_start: 'timestamptz', ts: 'timestamptz', language: 'text',
  screen: 'text', timezone: 'text', engaged_ms: 'bigint', name: 'text', props: 'json', consent_id: 'text',
  consent_revision: 'integer', ip: 'text', user_agent: 'text', browser: 'text', referrer_host: 'text',
  received_at: 'timestamptz',
};

const COLUMNS = EVENT_COLUMNS.map(([column]) => column);

const SQL = {
  insertEvents: `INSERT INTO events (${COLUMNS.join(', ')})
    SELECT * FROM unnest(${COLUMNS.map((column, i) => `$${i + 1}::${EVENT_ARRAY_TYPES[column]}[]`).join(', ')})`,
  insertConsent: `INSERT INTO consents (consent_id, revision, timestamp, method, categories, ip, user_agent, received_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
  selectVisitor: `SELECT ${COLUMNS.join(', ')} FROM events WHERE visitor_id = $1 ORDER BY received_at, id`,
  deleteVisitor: 'DELETE FROM events WHERE visitor_id = $1',
  purgeEvents: 'DELETE FROM events WHERE received_at < $1',
  purgeConsents: 'DELETE FROM consents WHERE received_at < $1',
} as const;

/** Connections per collector: a few commits in flight, the rest for reads. */
const POOL_SIZE = 10;

/** Group-commit transactions one collector may have committing at once. */
const COMMITS_IN_FLIGHT = 4;

/**
 * Connect to `url`, apply pending migrations (serialised across collectors
 * with an advisory lock) and return the store. Rejects when the database
 * cannot be reached or is newer than this collector.
 */
export async function openPostgresStorage(url: string, logError: (error: unknown) => void = console.error): Promise<PostgresStorage> {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, application_name: 'consent-gate-collector' });
  // An idle connection that breaks (server restart) is reported, not thrown: the pool replaces it.
  pool.on('error', logError);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresStorage(pool);
}

/** {@link Storage} on a PostgreSQL database; writes go through a group-commit queue. */
export class PostgresStorage implements Storage {
  /** @inheritDoc */
  readonly kind = 'postgres';
  private readonly _queue: GroupCommitQueue<PgWrite>;
  private _closing: Promise<void> | undefined;

  /** @param _pool - a pool on a migrated database; the store ends it on close */
  constructor(private readonly _pool: pg.Pool) {
    this._queue = new GroupCommitQueue<PgWrite>((ops) => this._transaction(ops), { maxInFlight: COMMITS_IN_FLIGHT });
  }

  /** @inheritDoc */
  insertEvents(events: readonly StoredEvent[]): Promise<void> {
    return this._queue.enqueue({ kind: 'events', rows: events.map(eventParams) });
  }

  /** @inheritDoc */
  insertConsent(r: ConsentRecord): Promise<void> {
    const row = [r.consentId, r.revision, r.timestamp, r.method, JSON.stringify(r.categories), r.ip, r.userAgent, r.receivedAt];
    return this._queue.enqueue({ kind: 'consent', row });
  }

  /** @inheritDoc */
  async eventsOfVisitor(visitorId: string): Promise<StoredEvent[]> {
    const { rows } = await this._pool.query<EventRow>(SQL.selectVisitor, [visitorId]);
    return rows.map(fromRow);
  }

  /** @inheritDoc */
  deleteVisitor(visitorId: string): Promise<void> {
    return this._queue.enqueue({ kind: 'deleteVisitor', visitorId });
  }

  /** @inheritDoc */
  purgeReceivedBefore(cutoff: Date): Promise<PurgeResult> {
    return this._queue.enqueue({ kind: 'purge', cutoff: cutoff.toISOString() });
  }

  /** @inheritDoc */
  async stats(range: StatsRange): Promise<Stats> {
    const client = await this._pool.connect();
    try {
      return await queryStats(client, range);
    } finally {
      client.release();
    }
  }

  /** @inheritDoc */
  close(): Promise<void> {
    this._closing ??= this._queue.close().then(() => this._pool.end());
    return this._closing;
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
          await insertEvents(client, ops.flatMap((op) => (op as EventsWrite).rows));
        } catch (error) {
          // Without a ROLLBACK to probe the connection, do not reuse it.
          broken = error as Error;
          throw error;
        }
        return ops.map(() => undefined);
      }
      await client.query('BEGIN');
      try {
        const results: unknown[] = [];
        for (let i = 0; i < ops.length; ) {
          const op = ops[i]!;
          if (op.kind === 'events') {
            // Consecutive inserts become one statement.
            const rows: unknown[][] = [];
            for (; i < ops.length && ops[i]!.kind === 'events'; i++) {
              rows.push(...(ops[i] as EventsWrite).rows);
              results.push(undefined);
            }
            await insertEvents(client, rows);
            continue;
          }
          results.push(await write(client, op));
          i++;
        }
        await client.query('COMMIT');
        return results;
      } catch (error) {
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
 * One multi-row insert of event rows ({@link eventParams} arrays), as a named
 * statement: each connection parses and plans it once.
 */
async function insertEvents(client: PoolClient, rows: readonly unknown[][]): Promise<void> {
  await client.query({ name: 'insert-events', text: SQL.insertEvents, values: COLUMNS.map((_, c) => rows.map((row) => row[c])) });
}

/** One write other than an event insert. */
async function write(client: PoolClient, op: Exclude<PgWrite, { kind: 'events' }>): Promise<unknown> {
  switch (op.kind) {
    case 'consent':
      await client.query(SQL.insertConsent, op.row);
      return undefined;
    case 'deleteVisitor':
      await client.query(SQL.deleteVisitor, [op.visitorId]);
      return undefined;
    case 'purge':
      return {
        events: (await client.query(SQL.purgeEvents, [op.cutoff])).rowCount ?? 0,
        consents: (await client.query(SQL.purgeConsents, [op.cutoff])).rowCount ?? 0,
      } satisfies PurgeResult;
  }
}

/** Times come back as `Date` (ISO strings in the record), `bigint` as a string, `json` parsed. */
function fromRow(row: EventRow): StoredEvent {
  return eventFromRow(row, (field, value) => {
    if (value instanceof Date) return value.toISOString();
    if (field === 'engagedMs' && value !== null) return Number(value);
    return value;
  });
}
