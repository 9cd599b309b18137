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
  // Enrichment at ingestion, campaign tags, and visits computed once. Events stored before
  // have no campaign tags, OS, device, country or ISP; their source is the referrer's host.
  `
  ALTER TABLE events ADD COLUMN utm TEXT;
  ALTER TABLE events ADD COLUMN os TEXT;
  ALTER TABLE events ADD COLUMN device TEXT;
  ALTER TABLE events ADD COLUMN country TEXT;
  ALTER TABLE events ADD COLUMN isp TEXT;
  ALTER TABLE events ADD COLUMN source TEXT;
  ALTER TABLE events ADD COLUMN channel TEXT;
  ALTER TABLE events ADD COLUMN hostname TEXT;
  ALTER TABLE events ADD COLUMN visit_key INTEGER;

  UPDATE events SET
    source = COALESCE(CASE WHEN referrer_host LIKE 'www.%' THEN substr(referrer_host, 5) ELSE referrer_host END, 'Direct / None'),
    channel = CASE WHEN referrer_host IS NULL THEN 'Direct' ELSE 'Referral' END,
    hostname = CASE WHEN instr(url, '://') > 0 THEN substr(url, instr(url, '://') + 3) END;
  UPDATE events SET hostname = substr(hostname, 1, instr(hostname, '/') - 1) WHERE instr(hostname, '/') > 0;
  UPDATE events SET hostname = substr(hostname, 1, instr(hostname, ':') - 1) WHERE instr(hostname, ':') > 0;
  UPDATE events SET hostname = lower(hostname) WHERE hostname IS NOT NULL;

  CREATE TABLE visits (
    id           INTEGER PRIMARY KEY,
    visit_id     TEXT    NOT NULL UNIQUE,
    visitor_id   TEXT    NOT NULL,
    started_at   INTEGER NOT NULL,
    start_ts     INTEGER,
    last_ts      INTEGER,
    entry_page   TEXT,
    hostname     TEXT,
    source       TEXT,
    referrer     TEXT,
    channel      TEXT,
    utm_source   TEXT,
    utm_medium   TEXT,
    utm_campaign TEXT,
    utm_term     TEXT,
    utm_content  TEXT,
    country      TEXT,
    isp          TEXT,
    device       TEXT,
    browser      TEXT,
    os           TEXT,
    screen       TEXT,
    language     TEXT,
    exit_page    TEXT,
    exit_ts      INTEGER,
    pageviews    INTEGER NOT NULL,
    events       INTEGER NOT NULL,
    is_new       INTEGER NOT NULL
  );

  INSERT INTO visits (visit_id, visitor_id, started_at, start_ts, last_ts, entry_page, hostname, source, referrer, channel,
                      browser, screen, language, exit_page, exit_ts, pageviews, events, is_new)
  WITH timed AS (
    SELECT id, visit_id, visitor_id, type, path, hostname, source, referrer, referrer_host, channel, browser, screen, language,
           CAST(round(unixepoch(received_at, 'subsec') * 1000) AS INTEGER) AS arrived,
           CAST(round(unixepoch(ts, 'subsec') * 1000) AS INTEGER) AS ts_ms,
           CAST(round(unixepoch(visit_start, 'subsec') * 1000) AS INTEGER) AS start_ms,
           substr(referrer, instr(referrer, '://') + 3) AS referrer_rest
    FROM events WHERE visit_id IS NOT NULL
  ), ranked AS (
    SELECT timed.*,
           ROW_NUMBER() OVER (PARTITION BY visit_id ORDER BY type = 'engagement', type <> 'pageview', arrived, id) AS entry_rank,
           ROW_NUMBER() OVER (PARTITION BY visit_id ORDER BY type = 'pageview' DESC, COALESCE(ts_ms, 0) DESC, arrived DESC, id DESC) AS exit_rank,
           ROW_NUMBER() OVER (PARTITION BY visit_id ORDER BY type = 'engagement', arrived, id) AS start_rank
    FROM timed
  ), visit AS (
    SELECT visit_id,
           MIN(CASE WHEN type <> 'engagement' THEN arrived END) AS started_at,
           MAX(CASE WHEN start_rank = 1 THEN COALESCE(start_ms, ts_ms) END) AS start_ts,
           MAX(ts_ms) AS last_ts,
           MAX(CASE WHEN exit_rank = 1 AND type = 'pageview' THEN path END) AS exit_page,
           MAX(CASE WHEN exit_rank = 1 AND type = 'pageview' THEN COALESCE(ts_ms, 0) END) AS exit_ts,
           SUM(CASE WHEN type = 'pageview' THEN 1 ELSE 0 END) AS pageviews,
           SUM(CASE WHEN type = 'event' THEN 1 ELSE 0 END) AS events
    FROM ranked GROUP BY visit_id
    HAVING SUM(CASE WHEN type <> 'engagement' THEN 1 ELSE 0 END) > 0
  )
  SELECT visit.visit_id, entry.visitor_id, visit.started_at, visit.start_ts, visit.last_ts, entry.path, entry.hostname, entry.source,
         CASE WHEN entry.referrer_host IS NOT NULL
              THEN CASE WHEN lower(substr(entry.referrer_rest, 1, 4)) = 'www.' THEN substr(entry.referrer_rest, 5)
                        ELSE entry.referrer_rest END END,
         entry.channel, entry.browser, entry.screen, entry.language, visit.exit_page, visit.exit_ts, visit.pageviews, visit.events,
         ROW_NUMBER() OVER (PARTITION BY entry.visitor_id ORDER BY visit.started_at, visit.visit_id) = 1
  FROM visit JOIN ranked entry ON entry.visit_id = visit.visit_id AND entry.entry_rank = 1
  ORDER BY visit.started_at, visit.visit_id;

  UPDATE events SET visit_key = (SELECT id FROM visits WHERE visits.visit_id = events.visit_id) WHERE visit_id IS NOT NULL;

  -- the query engine: visits by start; a visitor's visits (new or returning, erasure); a visit's events
  CREATE INDEX visits_started ON visits (started_at);
  CREATE INDEX visits_visitor ON visits (visitor_id, started_at);
  CREATE INDEX events_visit ON events (visit_key);

  ALTER TABLE consents ADD COLUMN analytics INTEGER NOT NULL DEFAULT 0;
  UPDATE consents SET analytics = CASE WHEN json_type(categories, '$.analytics') = 'true' THEN 1 ELSE 0 END;
  `,
  // Roll-ups of closed days (query/rollups.ts): per dimension value and local day (and month),
  // the visits' and events' sums and the visitors seen for the first time; per day, the
  // returning visitors by the day they were last seen. Rebuilt from visits and events at will.
  `
  CREATE TABLE rollup_days (
    dim       TEXT    NOT NULL,
    value     TEXT    NOT NULL,
    day       INTEGER NOT NULL,
    visits    INTEGER NOT NULL,
    pageviews INTEGER NOT NULL,
    events    INTEGER NOT NULL,
    bounces   INTEGER NOT NULL,
    duration  INTEGER NOT NULL,
    engaged   INTEGER NOT NULL,
    firsts    INTEGER NOT NULL,
    PRIMARY KEY (dim, day, value)
  ) WITHOUT ROWID;
  CREATE TABLE rollup_months (
    dim       TEXT    NOT NULL,
    value     TEXT    NOT NULL,
    month     INTEGER NOT NULL,
    visits    INTEGER NOT NULL,
    pageviews INTEGER NOT NULL,
    events    INTEGER NOT NULL,
    bounces   INTEGER NOT NULL,
    duration  INTEGER NOT NULL,
    engaged   INTEGER NOT NULL,
    firsts    INTEGER NOT NULL,
    PRIMARY KEY (dim, month, value)
  ) WITHOUT ROWID;
  CREATE TABLE rollup_returns (
    dim   TEXT    NOT NULL,
    value TEXT    NOT NULL,
    day   INTEGER NOT NULL,
    prev  INTEGER NOT NULL,
    n     INTEGER NOT NULL,
    PRIMARY KEY (dim, day, value, prev)
  ) WITHOUT ROWID;
  CREATE TABLE rollup_state (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    timezone      TEXT    NOT NULL,
    first_day     INTEGER NOT NULL,
    rolled_until  INTEGER NOT NULL,
    checked_at    INTEGER NOT NULL,
    purged_before INTEGER NOT NULL
  );
  CREATE TABLE rollup_dirty (started_at INTEGER NOT NULL);
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
