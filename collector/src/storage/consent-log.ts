/**
 * The consent log's read, through the store's read-only statements (the query
 * engine's path: SQLite's reader thread, a PostgreSQL snapshot): the
 * proof-of-consent records of one consent id, or of a range of UTC days by
 * arrival time, oldest first.
 * @packageDocumentation
 */

import type { ConsentMethod } from 'consent-gate/protocol';
import { dialectOf, type ParamType } from '../query/dialect.js';
import type { ConsentRecord, Storage } from './storage.js';

/** Which consent records to list: one consent id, or a range of UTC days `YYYY-MM-DD` (inclusive, either end open). */
export type ConsentRecordQuery = { consentId: string } | { from?: string; to?: string };

/** A `consents` row as either driver gives it (SQLite: text; PostgreSQL: Date and parsed JSON). */
export interface ConsentLogRow {
  consent_id: string;
  revision: number;
  timestamp: string | Date;
  method: string;
  categories: string | Record<string, boolean>;
  ip: string | null;
  user_agent: string | null;
  received_at: string | Date;
}

const DAY_MS = 86_400_000;
const iso = (value: string | Date): string => (typeof value === 'string' ? value : value.toISOString());

/**
 * The SELECT for `query`, with the placeholders of the store's dialect (`placeholder(n, type)`),
 * and its parameters. Bounds are ISO instants: a day's start, the next day's start.
 */
export function consentLogSql(
  query: ConsentRecordQuery,
  limit: number,
  placeholder: (n: number, type: ParamType) => string,
): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const bind = (clause: string, value: unknown, type: ParamType) => {
    params.push(value);
    where.push(clause.replace('#', placeholder(params.length, type)));
  };
  if ('consentId' in query) bind('consent_id = #', query.consentId, 'text');
  else {
    if (query.from) bind('received_at >= #', `${query.from}T00:00:00.000Z`, 'timestamp');
    if (query.to) bind('received_at < #', new Date(Date.parse(`${query.to}T00:00:00.000Z`) + DAY_MS).toISOString(), 'timestamp');
  }
  params.push(limit);
  const sql = `SELECT consent_id, revision, timestamp, method, categories, ip, user_agent, received_at FROM consents
    ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY received_at, id LIMIT ${placeholder(params.length, 'int')}`;
  return { sql, params };
}

/** A record from its row, the same from both stores. */
export function consentFromRow(row: ConsentLogRow): ConsentRecord {
  return {
    consentId: row.consent_id,
    revision: Number(row.revision),
    timestamp: iso(row.timestamp),
    method: row.method as ConsentMethod,
    categories: typeof row.categories === 'string' ? (JSON.parse(row.categories) as Record<string, boolean>) : row.categories,
    ip: row.ip,
    userAgent: row.user_agent,
    receivedAt: iso(row.received_at),
  };
}

/** Proof-of-consent records, oldest first, at most `limit`: those of one consent id, or those received in a range of UTC days. */
export async function consentRecords(storage: Storage, query: ConsentRecordQuery, limit: number): Promise<ConsentRecord[]> {
  const statement = consentLogSql(query, limit, dialectOf(storage.kind).placeholder);
  const [rows = []] = await storage.read([statement]);
  return (rows as unknown as ConsentLogRow[]).map(consentFromRow);
}
