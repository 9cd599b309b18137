/**
 * `GET /stats`: aggregated statistics for the site owner (admin token).
 * @packageDocumentation
 */

import type { FastifyInstance } from 'fastify';
import type { CollectorContext } from '../context.js';
import { HttpError } from '../http-error.js';
import { statsQuerySchema, statsResponseSchema } from '../schemas.js';
import { resolveStatsRange } from '../stats-range.js';

/** Register `GET /stats`; 401 without the right `Authorization: Bearer TOKEN` (always, when no token is configured). */
export function registerStats(app: FastifyInstance, ctx: CollectorContext): void {
  app.get<{ Querystring: { from?: string; to?: string } }>(
    '/stats',
    {
      schema: { querystring: statsQuerySchema, response: statsResponseSchema },
      // Authentication before validation: a stranger learns nothing about the query format.
      onRequest: async (request, reply) => {
        if (!ctx.isAdmin(request.headers.authorization)) {
          reply.header('www-authenticate', 'Bearer');
          throw new HttpError(401, 'admin token required');
        }
      },
    },
    async (request) => ctx.storage.stats(resolveStatsRange(request.query, ctx.clock())),
  );
}
