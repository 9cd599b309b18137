/**
 * `GET /api/consents`: the consent log for the site owner (admin token). The
 * records of one consent id (`?id=`: proof of consent for an audit or for the
 * visitor who asks), or those received in a range of UTC days (`?from=&to=`,
 * both optional), as JSON or, with `format=csv`, as a CSV file.
 * @packageDocumentation
 */

import type { FastifyInstance } from 'fastify';
import type { CollectorContext } from '../context.js';
import { toCsv } from '../dashboard/csv.js';
import { HttpError } from '../http-error.js';
import { consentRecords } from '../storage/consent-log.js';
import type { ConsentRecord } from '../storage/storage.js';

/** Records one answer holds at most; a longer log is read range by range. */
export const CONSENT_LOG_LIMIT = 50_000;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

interface ConsentLogQuery {
  id?: string;
  from?: string;
  to?: string;
  format?: 'json' | 'csv';
}

const querySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 200 },
    from: { type: 'string', pattern: DAY.source },
    to: { type: 'string', pattern: DAY.source },
    format: { type: 'string', enum: ['json', 'csv'] },
  },
} as const;

/** The records as CSV (the dashboard's writer: formula starts neutralised), categories as `name=granted` pairs. */
function recordsCsv(records: readonly ConsentRecord[]): string {
  return toCsv(
    ['consent_id', 'received_at', 'timestamp', 'method', 'revision', 'categories', 'user_agent', 'ip'],
    records.map((r) => [
      r.consentId,
      r.receivedAt,
      r.timestamp,
      r.method,
      r.revision,
      Object.entries(r.categories)
        .map(([name, granted]) => `${name}=${granted}`)
        .join(' '),
      r.userAgent,
      r.ip,
    ]),
  );
}

/** Register `GET /api/consents`; 401 without the right `Authorization: Bearer TOKEN`. */
export function registerConsentLog(app: FastifyInstance, ctx: CollectorContext): void {
  app.get<{ Querystring: ConsentLogQuery }>(
    '/api/consents',
    {
      schema: { querystring: querySchema },
      // Authentication before validation: a stranger learns nothing about the query format.
      onRequest: async (request, reply) => {
        if (!ctx.isAdmin(request.headers.authorization)) {
          reply.header('www-authenticate', 'Bearer');
          throw new HttpError(401, 'admin token required');
        }
      },
    },
    async (request, reply) => {
      const { id, from, to, format = 'json' } = request.query;
      if (id !== undefined && (from !== undefined || to !== undefined))
        throw new HttpError(400, 'ask for "id" or for "from"/"to", not both');
      for (const [name, day] of [
        ['from', from],
        ['to', to],
      ] as const) {
        if (day !== undefined && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day)
          throw new HttpError(400, `"${name}" must be a date YYYY-MM-DD`);
      }
      if (from && to && from > to) throw new HttpError(400, '"from" must not be after "to"');
      const records = await consentRecords(ctx.storage, id !== undefined ? { consentId: id } : { from, to }, CONSENT_LOG_LIMIT + 1);
      const truncated = records.length > CONSENT_LOG_LIMIT;
      if (truncated) records.length = CONSENT_LOG_LIMIT;
      reply.header('cache-control', 'no-store');
      if (format === 'csv') {
        const name = id !== undefined ? 'consent-record.csv' : `consent-records${from ? `-${from}` : ''}${to ? `-${to}` : ''}.csv`;
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}"`)
          .header('x-truncated', String(truncated))
          .send(recordsCsv(records));
      }
      return { records, truncated };
    },
  );
}
