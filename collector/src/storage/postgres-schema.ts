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
  // Enrichment at ingestion, campaign tags, and visits computed once (times in ms since the
  // epoch, as in SQLite). Events stored before have no campaign tags, OS, device, country or
  // ISP; their source is the referrer's host.
  `
  ALTER TABLE events
    ADD COLUMN utm json,
    ADD COLUMN os text,
    ADD COLUMN device text,
    ADD COLUMN country text,
    ADD COLUMN isp text,
    ADD COLUMN source text,
    ADD COLUMN channel text,
    ADD COLUMN hostname text,
    ADD COLUMN visit_key bigint;

  UPDATE events SET
    source = COALESCE(CASE WHEN referrer_host LIKE 'www.%' THEN substr(referrer_host, 5) ELSE referrer_host END, 'Direct / None'),
    channel = CASE WHEN referrer_host IS NULL THEN 'Direct' ELSE 'Referral' END,
    hostname = lower(substring(url FROM '://([^/:]*)'));

  CREATE TABLE visits (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    visit_id     text    NOT NULL UNIQUE,
    visitor_id   text    NOT NULL,
    started_at   bigint  NOT NULL,
    start_ts     bigint,
    last_ts      bigint,
    entry_page   text,
    hostname     text,
    source       text,
    referrer     text,
    channel      text,
    utm_source   text,
    utm_medium   text,
    utm_campaign text,
    utm_term     text,
    utm_content  text,
    country      text,
    isp          text,
    device       text,
    browser      text,
    os           text,
    screen       text,
    language     text,
    exit_page    text,
    exit_ts      bigint,
    pageviews    integer NOT NULL,
    events       integer NOT NULL,
    is_new       integer NOT NULL
  );

  INSERT INTO visits (visit_id, visitor_id, started_at, start_ts, last_ts, entry_page, hostname, source, referrer, channel,
                      browser, screen, language, exit_page, exit_ts, pageviews, events, is_new)
  WITH timed AS (
    SELECT id, visit_id, visitor_id, type, path, hostname, source, referrer, referrer_host, channel, browser, screen, language,
           round(extract(epoch FROM received_at) * 1000)::bigint AS arrived,
           round(extract(epoch FROM ts) * 1000)::bigint AS ts_ms,
           round(extract(epoch FROM visit_start) * 1000)::bigint AS start_ms,
           substr(referrer, strpos(referrer, '://') + 3) AS referrer_rest
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
         (ROW_NUMBER() OVER (PARTITION BY entry.visitor_id ORDER BY visit.started_at, visit.visit_id COLLATE "C") = 1)::int
  FROM visit JOIN ranked entry ON entry.visit_id = visit.visit_id AND entry.entry_rank = 1
  ORDER BY visit.started_at, visit.visit_id COLLATE "C";

  UPDATE events SET visit_key = visits.id FROM visits WHERE visits.visit_id = events.visit_id;

  -- the query engine: visits by start; a visitor's visits (new or returning, erasure); a visit's events
  CREATE INDEX visits_started ON visits (started_at);
  CREATE INDEX visits_visitor ON visits (visitor_id, started_at);
  CREATE INDEX events_visit ON events (visit_key);

  ALTER TABLE consents ADD COLUMN analytics integer NOT NULL DEFAULT 0;
  UPDATE consents SET analytics = CASE WHEN json_typeof(categories -> 'analytics') = 'boolean'
                                        AND categories ->> 'analytics' = 'true' THEN 1 ELSE 0 END;
  `,
  // Roll-ups of closed days (query/rollups.ts): per dimension value and local day (and month),
  // the visits' and events' sums and the visitors seen for the first time; per day, the
  // returning visitors by the day they were last seen. Rebuilt from visits and events at will.
  `
  CREATE TABLE rollup_days (
    dim       text    NOT NULL,
    value     text    NOT NULL,
    day       integer NOT NULL,
    visits    bigint  NOT NULL,
    pageviews bigint  NOT NULL,
    events    bigint  NOT NULL,
    bounces   bigint  NOT NULL,
    duration  bigint  NOT NULL,
    engaged   bigint  NOT NULL,
    firsts    bigint  NOT NULL,
    PRIMARY KEY (dim, day, value)
  );
  CREATE TABLE rollup_months (
    dim       text    NOT NULL,
    value     text    NOT NULL,
    month     integer NOT NULL,
    visits    bigint  NOT NULL,
    pageviews bigint  NOT NULL,
    events    bigint  NOT NULL,
    bounces   bigint  NOT NULL,
    duration  bigint  NOT NULL,
    engaged   bigint  NOT NULL,
    firsts    bigint  NOT NULL,
    PRIMARY KEY (dim, month, value)
  );
  CREATE TABLE rollup_returns (
    dim   text    NOT NULL,
    value text    NOT NULL,
    day   integer NOT NULL,
    prev  integer NOT NULL,
    n     bigint  NOT NULL,
    PRIMARY KEY (dim, day, value, prev)
  );
  CREATE TABLE rollup_state (
    id            integer PRIMARY KEY CHECK (id = 1),
    timezone      text    NOT NULL,
    first_day     integer NOT NULL,
    rolled_until  integer NOT NULL,
    checked_at    bigint  NOT NULL,
    purged_before integer NOT NULL
  );
  CREATE TABLE rollup_dirty (started_at bigint NOT NULL);
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
