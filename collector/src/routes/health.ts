/**
 * `GET /health`: liveness and counters.
 * @packageDocumentation
 */

import type { FastifyInstance } from 'fastify';
import type { CollectorContext } from '../context.js';

/** Register `GET /health`: `{ status: 'ok', storage, uptimeSeconds, acceptedEvents, droppedBots, … }`. */
export function registerHealth(app: FastifyInstance, ctx: CollectorContext): void {
  const started = Date.now();
  app.get('/health', async () => ({
    status: 'ok',
    storage: ctx.storage.kind,
    uptimeSeconds: Math.round((Date.now() - started) / 1000),
    ...ctx.metrics,
  }));
}
