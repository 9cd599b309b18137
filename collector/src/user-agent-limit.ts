/**
 * The user agent is stored with every event and every consent record, so its
 * length multiplies: a 16 KB header copied into the up to 100 events of one
 * request would be 1.6 MB written. Real browsers send 100–300 characters; the
 * collector keeps the first 512.
 * @packageDocumentation
 */

import type { onRequestHookHandler } from 'fastify';

/** Longest user agent stored, in characters. */
export const MAX_USER_AGENT_LENGTH = 512;

/**
 * `onRequest` hook: cut the `User-Agent` header to {@link MAX_USER_AGENT_LENGTH}
 * where the request is read, so that every route (and bot detection, and its
 * cache) sees the stored value. Node decodes header values as Latin-1, one
 * character per byte, so the cut never splits a character.
 */
export const limitUserAgent: onRequestHookHandler = (request, _reply, done) => {
  const userAgent = request.headers['user-agent'];
  if (userAgent !== undefined && userAgent.length > MAX_USER_AGENT_LENGTH) {
    request.headers['user-agent'] = userAgent.slice(0, MAX_USER_AGENT_LENGTH);
  }
  done();
};
