/**
 * Statistics in SQL for the SQLite store. Days are UTC calendar days of the
 * server arrival time (`received_at`), which visitors cannot forge.
 * @packageDocumentation
 */

import type { Database } from 'better-sqlite3';
import { CONSENT_METHODS, consentStats, rangeBounds, TOP_LIMIT } from './stats-shape.js';
import type { ConsentCounts, Stats, StatsRange } from './storage.js';

const IN_RANGE = 'received_at >= :start AND received_at < :end';

/** The days of the range, one row each (`:from` to `:to`). */
const DAY_SERIES = `WITH RECURSIVE day(date) AS (
      SELECT :from UNION ALL SELECT date(date, '+1 day') FROM day WHERE date < :to)`;

/** Joins a table aliased `alias` to the day it was received on. */
const ON_DAY = (alias: string): string => `${alias}.received_at >= day.date || 'T00:00:00.000Z'
     AND ${alias}.received_at <  date(day.date, '+1 day') || 'T00:00:00.000Z'`;

/** Consent decision counts over the rows of `consents` aliased `c`. */
const CONSENT_COUNTS = [
  'COUNT(c.id) AS total',
  ...CONSENT_METHODS.map(([method, key]) => `COALESCE(SUM(c.method = '${method}'), 0) AS ${key}`),
].join(', ');

const SQL = {
  totals: `
    SELECT COALESCE(SUM(type = 'pageview'), 0) AS pageviews,
           COUNT(DISTINCT visitor_id)          AS visitors,
           COUNT(DISTINCT visit_id)            AS visits
    FROM events WHERE ${IN_RANGE}`,
  // Visit duration: from the visit start to the last event of the visit (an
  // engagement event is sent when the page is left), both by the visitor's clock.
  avgVisit: `
    SELECT COALESCE(AVG(seconds), 0) AS avg FROM (
      SELECT MAX(0, (MAX(julianday(ts)) - MIN(julianday(COALESCE(visit_start, ts)))) * 86400.0) AS seconds
      FROM events WHERE ${IN_RANGE} AND visit_id IS NOT NULL AND ts IS NOT NULL
      GROUP BY visit_id)`,
  topPages: `
    SELECT path, COUNT(*) AS pageviews
    FROM events WHERE ${IN_RANGE} AND type = 'pageview' AND path IS NOT NULL
    GROUP BY path ORDER BY pageviews DESC, path LIMIT ${TOP_LIMIT}`,
  // A visit's referrer is the one of its first page view (SQLite takes the bare
  // column referrer_host from the row holding MIN(ts)).
  referrers: `
    SELECT referrer_host AS referrer, COUNT(*) AS visits FROM (
      SELECT visit_id, referrer_host, MIN(ts)
      FROM events WHERE ${IN_RANGE} AND type = 'pageview'
      GROUP BY visit_id)
    WHERE referrer IS NOT NULL
    GROUP BY referrer ORDER BY visits DESC, referrer LIMIT ${TOP_LIMIT}`,
  browsers: `
    SELECT COALESCE(browser, 'Unknown') AS browser, COUNT(DISTINCT visitor_id) AS visitors
    FROM events WHERE ${IN_RANGE}
    GROUP BY 1 ORDER BY visitors DESC, browser LIMIT ${TOP_LIMIT}`,
  days: `
    ${DAY_SERIES}
    SELECT day.date AS date,
           COALESCE(SUM(e.type = 'pageview'), 0) AS pageviews,
           COUNT(DISTINCT e.visitor_id)          AS visitors
    FROM day LEFT JOIN events e ON ${ON_DAY('e')}
    GROUP BY day.date ORDER BY day.date`,
  consentTotals: `SELECT ${CONSENT_COUNTS} FROM consents c WHERE ${IN_RANGE}`,
  consentDays: `
    ${DAY_SERIES}
    SELECT day.date AS date, ${CONSENT_COUNTS}
    FROM day LEFT JOIN consents c ON ${ON_DAY('c')}
    GROUP BY day.date ORDER BY day.date`,
} as const;

/** Prepare the statistics statements once; the returned function runs them. */
export function createStatsQuery(db: Database): (range: StatsRange) => Stats {
  const statements = {
    totals: db.prepare(SQL.totals),
    avgVisit: db.prepare(SQL.avgVisit),
    topPages: db.prepare(SQL.topPages),
    referrers: db.prepare(SQL.referrers),
    browsers: db.prepare(SQL.browsers),
    days: db.prepare(SQL.days),
    consentTotals: db.prepare(SQL.consentTotals),
    consentDays: db.prepare(SQL.consentDays),
  };
  // One read transaction, so every figure comes from the same snapshot.
  return db.transaction((range: StatsRange): Stats => {
    const bounds = rangeBounds(range);
    const days = { from: range.from, to: range.to };
    const totals = statements.totals.get(bounds) as Pick<Stats, 'pageviews' | 'visitors' | 'visits'>;
    const avg = statements.avgVisit.get(bounds) as { avg: number };
    return {
      from: range.from,
      to: range.to,
      ...totals,
      avgVisitSeconds: Math.round(avg.avg),
      topPages: statements.topPages.all(bounds) as Stats['topPages'],
      referrers: statements.referrers.all(bounds) as Stats['referrers'],
      browsers: statements.browsers.all(bounds) as Stats['browsers'],
      days: statements.days.all(days) as Stats['days'],
      consents: consentStats(
        statements.consentTotals.get(bounds) as ConsentCounts,
        statements.consentDays.all(days) as Stats['consents']['days'],
      ),
    };
  });
}
