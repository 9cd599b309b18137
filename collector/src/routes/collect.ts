/**
 * `POST /collect`: one analytics event or an array of them (SPEC §7, §8),
 * enriched once here (device, place, acquisition) and stored with the visits
 * they change.
 * @packageDocumentation
 */

import type { FastifyInstance } from 'fastify';
import type { CollectorContext } from '../context.js';
import { hasAnalyticsConsent, toStoredEvent, type ArrivalContext, type WireEvent } from '../events.js';
import { applyIpPolicy } from '../ip.js';
import { collectBodySchema } from '../schemas.js';
import type { StoredEvent } from '../storage/storage.js';

/** Register `POST /collect`: 202 once stored, 403 without analytics consent. */
export function registerCollect(app: FastifyInstance, ctx: CollectorContext): void {
  const receivedAt = isoClock(ctx.clock);
  app.post<{ Body: WireEvent[] }>(
    '/collect',
    {
      schema: { body: collectBodySchema },
      // A single event is validated and stored as a batch of one.
      preValidation: (request, _reply, done) => {
        if (!Array.isArray(request.body)) request.body = [request.body as unknown as WireEvent];
        done();
      },
    },
    // Not async: the answer is sent from the commit callback, without an extra
    // promise per request (this is the collector's hot path).
    (request, reply) => {
      const events = request.body;
      if (!events.every(hasAnalyticsConsent)) {
        // The whole batch is refused, so no event is stored without consent.
        ctx.metrics.refusedNoConsent += events.length;
        reply.code(403).send({ error: 'analytics consent required: consent.analytics must be true' });
        return;
      }
      const userAgent = request.headers['user-agent'] ?? null;
      const agent = ctx.classifyAgent(userAgent ?? undefined);
      if (agent.bot) {
        // Answered like a success so crawlers do not retry; not stored.
        ctx.metrics.droppedBots += events.length;
        reply.code(202).send();
        return;
      }
      // The place is looked up from the whole address, before the --ip policy truncates or drops it.
      const place = ctx.enricher.place(request.ip, request.headers);
      const arrival: ArrivalContext = {
        ip: applyIpPolicy(request.ip, ctx.ipMode),
        userAgent,
        browser: agent.browser,
        os: agent.os,
        device: agent.device,
        country: place.country,
        isp: place.isp,
        enricher: ctx.enricher,
        receivedAt: receivedAt(),
      };
      const stored = new Array<StoredEvent>(events.length);
      for (let i = 0; i < events.length; i++) stored[i] = toStoredEvent(events[i]!, arrival);
      // Answered only after COMMIT: a 202 means the events are durable.
      ctx.storage.insertEvents(stored).then(
        () => {
          ctx.metrics.acceptedEvents += events.length;
          reply.code(202).send();
        },
        (error: unknown) => reply.send(error),
      );
    },
  );
}

/**
 * The clock's time as an ISO string, formatted once per millisecond:
 * `toISOString` is slow, and under load many requests arrive within one.
 */
function isoClock(clock: () => Date): () => string {
  let lastMs = NaN;
  let lastIso = '';
  return () => {
    const now = clock();
    if (now.getTime() !== lastMs) {
      lastIso = now.toISOString();
      lastMs = now.getTime();
    }
    return lastIso;
  };
}
