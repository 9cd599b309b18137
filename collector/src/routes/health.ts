/**
 * `GET /health`: the process is alive, and whether its store can be used, so
 * that a load balancer takes a collector whose database is away out of
 * rotation (503) and back once it answers again (200).
 * @packageDocumentation
 */

import type { FastifyInstance } from 'fastify';
import type { CollectorContext } from '../context.js';

/**
 * Register `GET /health`: `{ status, storage: { kind, state, pendingWrites,
 * retryAfterSeconds? }, uptimeSeconds, acceptedEvents, droppedBots, … }`.
 * 200 with `status: 'ok'` while the store is available; 503 with
 * `status: 'degraded'` and `Retry-After` while it is away (the process still
 * answers everything that does not need the store).
 */
export function registerHealth(app: FastifyInstance, ctx: CollectorContext): void {
  const started = Date.now();
  app.get('/health', async (_request, reply) => {
    const storage = await ctx.storage.health();
    const available = storage.state === 'available';
    // A health answer describes this moment: no cache may keep it.
    reply.header('cache-control', 'no-store');
    if (!available) reply.code(503).header('retry-after', String(storage.retryAfterSeconds ?? 1));
    return {
      status: available ? 'ok' : 'degraded',
      storage: { kind: ctx.storage.kind, ...storage },
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
      ...ctx.metrics,
    };
  });
}
