/**
 * `POST /consent`: proof-of-consent records (docs/collector.md#consent-records-and-the-consent-cookie).
 * @packageDocumentation
 */

import { MAX_EXPIRES_DAYS, NAME_PATTERN, type ConsentState } from 'consent-gate/protocol';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { consentCookie } from '../consent-cookie.js';
import { consentRefusal } from '../consent-origin.js';
import type { CollectorContext } from '../context.js';
import { HttpError } from '../http-error.js';
import { applyIpPolicy } from '../ip.js';
import { consentSchema } from '../schemas.js';

/** `?cookie=NAME&days=N`: the site's `cookieName` and `expiresDays`, sent by the SDK for the re-issued cookie. */
interface CookieQuery {
  cookie?: string;
  days?: string;
}

/**
 * The cookie's name and life from the query, or the defaults where a value is
 * missing. A malformed value gets no cookie at all (`null`), never a wrong one;
 * the record is stored either way.
 */
function cookieSettings({ cookie, days }: CookieQuery): { name?: string; days?: number } | null {
  if (cookie !== undefined && !NAME_PATTERN.test(cookie)) return null;
  if (days !== undefined && !/^\d{1,3}$/.test(days)) return null;
  const life = days === undefined ? undefined : Number(days);
  if (life !== undefined && (life < 1 || life > MAX_EXPIRES_DAYS)) return null;
  return { ...(cookie === undefined ? {} : { name: cookie }), ...(life === undefined ? {} : { days: life }) };
}

/**
 * Register `POST /consent`: only from a page of one of `allowOrigins` (else 403,
 * before the body is even read: see `consent-origin.ts`), stores the decision
 * with server time, user agent and truncated IP (none with `--ip none`),
 * answers 201; re-issues the consent cookie (named and timed by
 * `?cookie=&days=`, default `cg_consent` for 182 days) when a cookie domain is
 * configured.
 */
export function registerConsent(app: FastifyInstance, ctx: CollectorContext, allowOrigins: readonly string[]): void {
  const allowed = new Set(allowOrigins);
  const onRequest = async (request: { headers: IncomingHttpHeaders }) => {
    const refusal = consentRefusal(request.headers, allowed);
    if (refusal) throw new HttpError(403, refusal);
  };
  app.post<{ Body: ConsentState; Querystring: CookieQuery }>(
    '/consent',
    { schema: { body: consentSchema }, onRequest },
    async (request, reply) => {
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
      const settings = cookieSettings(request.query);
      if (ctx.cookieDomain && settings) {
        const cookie = consentCookie(state, {
          domain: ctx.cookieDomain,
          secure: request.protocol === 'https',
          now,
          ...settings,
        });
        if (cookie) reply.header('set-cookie', cookie);
      }
      return reply.code(201).send({ id: state.id });
    },
  );
}
