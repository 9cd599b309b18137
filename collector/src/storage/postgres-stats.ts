/**
 * Statistics in SQL for the PostgreSQL store: the same figures as
 * `sqlite-stats.ts`, by UTC calendar day of the server arrival time. Ties in the
 * ranked lists are broken by byte order (`COLLATE "C"`), as SQLite does, so both
 * stores answer identically whatever the database's collation.
 * @packageDocumentation
 */

import type { PoolClient } from 'pg';
import { CONSENT_METHODS, consentStats, rangeBounds, TOP_LIMIT } from './stats-shape.js';
import type { ConsentCounts, Stats, StatsRange } from './storage.js';

const IN_RANGE = 'received_at >= $1 AND received_at < $2';

/** The days of the range (`$1` to `$2`), one `timestamp` row each, joined to a table aliased `alias`. */
const DAYS_JOIN = (table: string, alias: string): string => `
    generate_series($1::date::timestamp, $2::date::timestamp, interval '1 day') AS day
    LEFT JOIN ${table} ${alias}
      ON ${alias}.received_at >= day AT TIME ZONE 'UTC'
     AND ${alias}.received_at <  (day + interval '1 day') AT TIME ZONE 'UTC'`;

/** Consent decision counts over the rows of `consents` aliased `c`. */
const CONSENT_COUNTS = [
  'COUNT(c.id)::int AS total',
  ...CONSENT_METHODS.map(([method, key]) => `COUNT(c.id) FILTER (WHERE c.method = '${method}')::int AS "${key}"`),
].join(', ');

const SQL = {
  totals: `
    SELECT COUNT(*) FILTER (WHERE type = 'pageview')::int AS pageviews,
           COUNT(DISTINCT visitor_id)::int               AS visitors,
           COUNT(DISTINCT visit_id)::int                 AS visits
    FROM events WHERE ${IN_RANGE}`,
  // Visit duration: from the visit start to the last event of the visit, both by the visitor's clock.
  avgVisit: `
    SELECT COALESCE(AVG(seconds), 0)::float8 AS avg FROM (
      SELECT GREATEST(0, EXTRACT(EPOCH FROM MAX(ts) - MIN(COALESCE(visit_start, ts)))) AS seconds
      FROM events WHERE ${IN_RANGE} AND visit_id IS NOT NULL AND ts IS NOT NULL
      GROUP BY visit_id) visit`,
  topPages: `
    SELECT path, COUNT(*)::int AS pageviews
    FROM events WHERE ${IN_RANGE} AND type = 'pageview' AND path IS NOT NULL
    GROUP BY path ORDER BY pageviews DESC, path COLLATE "C" LIMIT ${TOP_LIMIT}`,
  // A visit's referrer is the one of its first page view.
  referrers: `
    SELECT referrer_host AS referrer, COUNT(*)::int AS visits FROM (
      SELECT DISTINCT ON (visit_id) visit_id, referrer_host
      FROM events WHERE ${IN_RANGE} AND type = 'pageview'
      ORDER BY visit_id, ts, id) first_view
    WHERE referrer_host IS NOT NULL
    GROUP BY referrer_host ORDER BY visits DESC, referrer_host COLLATE "C" LIMIT ${TOP_LIMIT}`,
  browsers: `
    SELECT browser, visitors FROM (
      SELECT COALESCE(browser, 'Unknown') AS browser, COUNT(DISTINCT visitor_id)::int AS visitors
      FROM events WHERE ${IN_RANGE} GROUP BY 1) ranked
    ORDER BY visitors DESC, browser COLLATE "C" LIMIT ${TOP_LIMIT}`,
  days: `
    SELECT to_char(day, 'YYYY-MM-DD') AS date,
           COUNT(e.id) FILTER (WHERE e.type = 'pageview')::int AS pageviews,
           COUNT(DISTINCT e.visitor_id)::int                   AS visitors
    FROM ${DAYS_JOIN('events', 'e')}
    GROUP BY day ORDER BY day`,
  consentTotals: `SELECT ${CONSENT_COUNTS} FROM consents c WHERE ${IN_RANGE}`,
  consentDays: `
    SELECT to_char(day, 'YYYY-MM-DD') AS date, ${CONSENT_COUNTS}
    FROM ${DAYS_JOIN('consents', 'c')}
    GROUP BY day ORDER BY day`,
} as const;

/**
 * Run the statistics queries on `client`, in one read-only repeatable-read
 * transaction so that every figure comes from the same snapshot.
 */
export async function queryStats(client: PoolClient, range: StatsRange): Promise<Stats> {
  const { start, end } = rangeBounds(range);
  const bounds = [start, end];
  const days = [range.from, range.to];
  const rows = async <T>(sql: string, params: unknown[]): Promise<T[]> => (await client.query(sql, params)).rows as T[];
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const [totals] = await rows<Pick<Stats, 'pageviews' | 'visitors' | 'visits'>>(SQL.totals, bounds);
    const [avg] = await rows<{ avg: number }>(SQL.avgVisit, bounds);
    const stats: Stats = {
      from: range.from,
      to: range.to,
      ...totals!,
      avgVisitSeconds: Math.round(avg!.avg),
      topPages: await rows(SQL.topPages, bounds),
      referrers: await rows(SQL.referrers, bounds),
      browsers: await rows(SQL.browsers, bounds),
      days: await rows(SQL.days, days),
      consents: consentStats((await rows<ConsentCounts>(SQL.consentTotals, bounds))[0]!, await rows(SQL.consentDays, days)),
    };
    await client.query('COMMIT');
    return stats;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
