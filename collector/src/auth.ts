/**
 * Admin token check for `/stats`: `Authorization: Bearer TOKEN`.
 * @packageDocumentation
 */

import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * Shortest admin token accepted. With failed attempts throttled per address
 * (`admin-throttle.ts`), 16 random characters are out of reach of guessing; a
 * short or memorable one is not.
 */
export const MIN_ADMIN_TOKEN_LENGTH = 16;

/**
 * Build a checker for an `Authorization` header. Comparison is constant-time
 * (on SHA-256 digests, so the token length does not leak either). Without a
 * configured token every request is refused; a token shorter than
 * {@link MIN_ADMIN_TOKEN_LENGTH} is a RangeError.
 */
export function createBearerCheck(token: string | undefined): (authorization: string | undefined) => boolean {
  if (!token) return () => false;
  if (token.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new RangeError(`the admin token must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters, got ${token.length}`);
  }
  const expected = digest(token);
  return (authorization) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    return match !== null && timingSafeEqual(digest(match[1]!), expected);
  };
}
