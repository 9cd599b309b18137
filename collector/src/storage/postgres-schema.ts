/**
 * PostgreSQL schema and its migrations, tracked in a `schema_migrations` table:
 * migration `i` brings a database from version `i` to `i + 1`. Collectors that
 * start at the same time serialise on an advisory lock, so each migration runs
 * exactly once.
 * @packageDocumentation
 */

import type { Pool } from 'pg';

/**
 * Ordered migrations; append only, never edit one that shipped. Times are
 * `timestamptz`; `props` and `categories` are `json` (not `jsonb`), which keeps
 * the text, and so the key order, the visitor sent.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE events (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type             text        NOT NULL,
    url              text,
    path             text,
    title            text,
    referrer         text,
    search           text,
    visitor_id       text        NOT NULL,
    visit_id         text,
    visit_start      timestamptz,
    ts               timestamptz,
    language         text,
    screen           text,
    timezone         text,
    engaged_ms       bigint,
    name             text,
    props            json,
    consent_id       text,
    consent_revision integer,
    ip               text,
    user_agent       text,
    browser          text,
    referrer_host    text,
    received_at      timestamptz NOT NULL
  );
  -- access and erasure requests
  CREATE INDEX events_visitor ON events (visitor_id);
  -- statistics ranges and retention purge
  CREATE INDEX events_received ON events (received_at);

  CREATE TABLE consents (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consent_id  text        NOT NULL,
    revision    integer     NOT NULL,
    timestamp   timestamptz NOT NULL,
    method      text        NOT NULL,
    categories  json        NOT NULL,
    ip          text,
    user_agent  text,
    received_at timestamptz NOT NULL
  );
  CREATE INDEX consents_consent_id ON consents (consent_id);
  CREATE INDEX consents_received ON consents (received_at);
  `,
  // Keyset pages of one visitor's history in received order (chunked.ts); erasure uses its prefix.
  `
  CREATE INDEX events_visitor_received ON events (visitor_id, received_at, id);
  DROP INDEX events_visitor;
  `,
];

/** Key of the session advisory lock held while migrating ("consent-gate" in ASCII, truncated). */
const MIGRATION_LOCK = 0x636f6e73656e74;

/**
 * Apply the migrations the database has not seen yet, each in its own
 * transaction, under `pg_advisory_lock` so that collectors starting together
 * wait for each other. Refuses a database written by a newer collector.
 */
export async function migrate(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version    integer     PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now())`);
      const { rows } = await client.query<{ version: number }>('SELECT COALESCE(MAX(version), 0)::int AS version FROM schema_migrations');
      const current = rows[0]!.version;
      if (current > MIGRATIONS.length) {
        throw new Error(`database schema version ${current} is newer than this collector supports (${MIGRATIONS.length})`);
      }
      for (let version = current; version < MIGRATIONS.length; version++) {
        await client.query('BEGIN');
        try {
          await client.query(MIGRATIONS[version]!);
          await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version + 1]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
