/**
 * `GET /visitor/:id` (data access) and `DELETE /visitor/:id` (erasure).
 * Both answer the same for an id that was never seen, so they reveal nothing.
 * @packageDocumentation
 */

import type { FastifyInstance } from 'fastify';
import type { CollectorContext } from '../context.js';
import { toVisitorEvent } from '../events.js';
import { visitorParamsSchema, visitorResponseSchema } from '../schemas.js';

interface VisitorRoute {
  Params: { id: string };
}

/** Register the visitor-rights routes. */
export function registerVisitor(app: FastifyInstance, ctx: CollectorContext): void {
  app.get<VisitorRoute>(
    '/visitor/:id',
    { schema: { params: visitorParamsSchema, response: visitorResponseSchema } },
    async (request) => {
      const events = await ctx.storage.eventsOfVisitor(request.params.id);
      return { visitorId: request.params.id, events: events.map(toVisitorEvent) };
    },
  );

  app.delete<VisitorRoute>('/visitor/:id', { schema: { params: visitorParamsSchema } }, async (request, reply) => {
    await ctx.storage.deleteVisitor(request.params.id);
    return reply.code(204).send();
  });
}
