/**
 * CORS for the configured origins only: other origins get no CORS header at all.
 * `/consent` also allows credentials, so the re-issued cookie is accepted.
 * @packageDocumentation
 */

import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/** Methods the browser SDK uses. */
const METHODS = ['GET', 'POST', 'DELETE'];

/** Preflight cache lifetime in seconds. */
const MAX_AGE = 86_400;

/** Register CORS for `allowOrigins` (exact `scheme://host[:port]` strings); nothing when the list is empty. */
export async function registerCors(app: FastifyInstance, allowOrigins: readonly string[]): Promise<void> {
  if (allowOrigins.length === 0) return;
  const allowed = new Set(allowOrigins);
  await app.register(cors, {
    delegator: (request, callback) => {
      const origin = request.headers.origin;
      if (!origin || !allowed.has(origin)) {
        callback(null, { origin: false });
        return;
      }
      const path = request.url.split('?', 1)[0];
      callback(null, { origin, credentials: path === '/consent', methods: METHODS, maxAge: MAX_AGE });
    },
  });
}
