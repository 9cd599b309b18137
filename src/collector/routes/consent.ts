/**
 * `POST /consent`: proof-of-consent records (SPEC §8).
 * @packageDocumentation
 */

import type { FastifyInstance } from 'fastify';
import type { ConsentState } from '../../core/types.js';
import { consentCookie } from '../consent-cookie.js';
import type { CollectorContext } from '../context.js';
import { applyIpPolicy } from '../ip.js';
import { consentSchema } from '../schemas.js';

/**
 * Register `POST /consent`: stores the decision with server time, user agent and
 * truncated IP (none with `--ip none`), answers 201; re-issues `cg_consent` when a
 * cookie domain is configured.
 */
export function registerConsent(app: FastifyInstance, ctx: CollectorContext): void {
  app.post<{ Body: ConsentState }>('/consent', { schema: { body: consentSchema } }, async (request, reply) => {
    const state = request.body;
    const now = ctx.clock();
    await ctx.storage.insertConsent({
      consentId: state.id,
      revision: state.revision,
      timestamp: state.timestamp,
      method: state.method,
      categories: state.categories,
      ip: applyIpPolicy(request.ip, ctx.ipMode === 'none' ? 'none' : 'truncated'),
      userAgent: request.headers['user-agent'] ?? null,
      receivedAt: now.toISOString(),
    });
    ctx.metrics.consentRecords += 1;
    if (ctx.cookieDomain) {
      const cookie = consentCookie(state, {
        domain: ctx.cookieDomain,
        secure: request.protocol === 'https',
        now,
      });
      if (cookie) reply.header('set-cookie', cookie);
    }
    return reply.code(201).send({ id: state.id });
  });
}
