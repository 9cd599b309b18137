/**
 * `POST /api/query`: the query API (admin token). The body is parsed and
 * validated into one query (`query/parse.ts`; anything that cannot be
 * answered is a 400 naming the field), then run on the store
 * (`query/engine.ts`). See docs/collector.md for the request and the answer.
 * @packageDocumentation
 */

import type { FastifyInstance } from 'fastify';
import type { CollectorContext } from '../context.js';
import { HttpError } from '../http-error.js';
import { runQuery } from '../query/engine.js';
import { parseQuery } from '../query/parse.js';

/** Register `POST /api/query`; 401 without the right `Authorization: Bearer TOKEN` (always, when no token is configured). */
export function registerQuery(app: FastifyInstance, ctx: CollectorContext): void {
  app.post(
    '/api/query',
    {
      // Authentication before the body is looked at: a stranger learns nothing about the query format.
      onRequest: async (request, reply) => {
        if (!ctx.isAdmin(request.headers.authorization)) {
          reply.header('www-authenticate', 'Bearer');
          throw new HttpError(401, 'admin token required');
        }
      },
    },
    async (request) => runQuery(ctx.storage, parseQuery(request.body), { zone: ctx.timezone, now: ctx.clock().getTime() }),
  );
}
