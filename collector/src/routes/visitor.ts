/**
 * `GET /visitor/:id` (data access) and `DELETE /visitor/:id` (erasure).
 * Both answer the same for an id that was never seen, so they reveal nothing.
 * A visitor with a very large history costs neither the memory of its whole
 * answer nor a long pause of the event loop: the answer is streamed page by
 * page and erasure runs in chunks. Both routes are limited per client, since
 * each request reads or writes a whole history.
 * @packageDocumentation
 */

import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { CollectorContext } from '../context.js';
import { historyJson } from '../history-json.js';
import { visitorParamsSchema } from '../schemas.js';

/** Requests per client (IP address) and window to the visitor routes, GET and DELETE together; `max` is `--visitor-rate-limit`'s default. */
export const VISITOR_RATE_LIMIT = { max: 60, timeWindow: 60_000 } as const;

/** Clients whose request counts are remembered (least recently seen forgotten first): bounded memory. */
const RATE_LIMIT_CLIENTS = 10_000;

interface VisitorRoute {
  Params: { id: string };
}

/**
 * Register the visitor-rights routes, in a scope of their own with the rate
 * limit: `perMinute` requests per client and minute (`--visitor-rate-limit`);
 * throws a RangeError for a value that is not a positive integer.
 */
export function registerVisitor(app: FastifyInstance, ctx: CollectorContext, perMinute: number = VISITOR_RATE_LIMIT.max): void {
  if (!Number.isSafeInteger(perMinute) || perMinute < 1)
    throw new RangeError(`visitorRateLimit must be a positive integer, got ${perMinute}`);
  app.register(async (scope) => {
    // Counted per `request.ip`, which honours --trust-proxy; 429 with Retry-After past the limit.
    await scope.register(rateLimit, { max: perMinute, timeWindow: VISITOR_RATE_LIMIT.timeWindow, cache: RATE_LIMIT_CLIENTS });

    scope.get<VisitorRoute>('/visitor/:id', { schema: { params: visitorParamsSchema } }, async (request, reply) => {
      const pages = ctx.storage.visitorEvents(request.params.id)[Symbol.asyncIterator]();
      const first = await pages.next();
      return reply.type('application/json; charset=utf-8').send(historyJson(request.params.id, first, pages));
    });

    scope.delete<VisitorRoute>('/visitor/:id', { schema: { params: visitorParamsSchema } }, async (request, reply) => {
      await ctx.storage.deleteVisitor(request.params.id);
      return reply.code(204).send();
    });
  });
}
