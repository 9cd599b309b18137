/**
 * SQLite schema and its migrations, tracked with `PRAGMA user_version`:
 * migration `i` brings a database from version `i` to `i + 1`.
 * @packageDocumentation
 */

import type { Database } from 'better-sqlite3';

/** Ordered migrations; append only, never edit one that shipped. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE events (
    id               INTEGER PRIMARY KEY,
    type             TEXT    NOT NULL,
    url              TEXT,
    path             TEXT,
    title            TEXT,
    referrer         TEXT,
    search           TEXT,
    visitor_id       TEXT    NOT NULL,
    visit_id         TEXT,
    visit_start      TEXT,
    ts               TEXT,
    language         TEXT,
    screen           TEXT,
    timezone         TEXT,
    engaged_ms       INTEGER,
    name             TEXT,
    props            TEXT,
    consent_id       TEXT,
    consent_revision INTEGER,
    ip               TEXT,
    user_agent       TEXT,
    browser          TEXT,
    referrer_host    TEXT,
    received_at      TEXT    NOT NULL
  );
  -- access and erasure requests
  CREATE INDEX events_visitor ON events (visitor_id);
  -- statistics ranges and retention purge
  CREATE INDEX events_received ON events (received_at);

  CREATE TABLE consents (
    id          INTEGER PRIMARY KEY,
    consent_id  TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    timestamp   TEXT    NOT NULL,
    method      TEXT    NOT NULL,
    categories  TEXT    NOT NULL,
    ip          TEXT,
    user_agent  TEXT,
    received_at TEXT    NOT NULL
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

/**
 * Apply the migrations a database has not seen yet, each in its own transaction.
 * Refuses a database written by a newer collector.
 */
export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`database schema version ${current} is newer than this collector supports (${MIGRATIONS.length})`);
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
