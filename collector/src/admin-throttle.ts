/**
 * Wrong admin tokens, throttled per client address: after
 * `maxFailures` wrong tokens within `windowMs`, that address gets 429 (with
 * `Retry-After`) on the admin routes until the window is over. The right token
 * is refused too while an address is blocked, or a guesser would learn which
 * guess was the right one. Requests without any `Authorization` header are no
 * guesses and are not counted. Other addresses are not affected.
 *
 * The counting is @fastify/rate-limit's: an LRU of addresses (a flood of
 * addresses cannot exhaust memory), IPv6 clients counted by /64 (so one host
 * cannot rotate through its own subnet), behind `--trust-proxy` by the client
 * the proxy names.
 * @packageDocumentation
 */

import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { HttpError } from './http-error.js';

/** How many wrong tokens an address may try, and in what time. */
export interface AdminThrottle {
  /** Wrong tokens accepted (each answered 401) before the address is blocked. */
  maxFailures: number;
  /** The window, from an address's first wrong token, in milliseconds. */
  windowMs: number;
}

/** Ten wrong tokens a minute: plenty for a site owner's typos, nothing for a guesser. */
export const DEFAULT_ADMIN_THROTTLE: Readonly<AdminThrottle> = { maxFailures: 10, windowMs: 60_000 };

/**
 * Throttle wrong admin tokens on every route of `scope` (an encapsulated
 * plugin context holding the admin routes: the hook applies to them only).
 * `isAdmin` is the token check of those routes, which still answer 401.
 */
export async function throttleAdminFailures(
  scope: FastifyInstance,
  isAdmin: (authorization: string | undefined) => boolean,
  { maxFailures, windowMs }: AdminThrottle = DEFAULT_ADMIN_THROTTLE,
): Promise<void> {
  // Only the counter is used (`global: false`): no route of the scope is limited as a whole.
  await scope.register(rateLimit, { global: false });
  const failures = scope.createRateLimit({ max: maxFailures, timeWindow: windowMs });
  scope.addHook('onRequest', async (request, reply) => {
    const seen = await failures(request, { increment: false });
    if (!seen.isAllowed && seen.remaining === 0) {
      reply.header('retry-after', String(Math.max(1, seen.ttlInSeconds)));
      throw new HttpError(429, 'too many wrong admin tokens from this address: try again later');
    }
    const { authorization } = request.headers;
    if (authorization !== undefined && !isAdmin(authorization)) await failures(request);
  });
}
