/**
 * Admin token check for `/stats`: `Authorization: Bearer TOKEN`.
 * @packageDocumentation
 */

import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * Build a checker for an `Authorization` header. Comparison is constant-time
 * (on SHA-256 digests, so the token length does not leak either). Without a
 * configured token every request is refused.
 */
export function createBearerCheck(token: string | undefined): (authorization: string | undefined) => boolean {
  if (!token) return () => false;
  const expected = digest(token);
  return (authorization) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    return match !== null && timingSafeEqual(digest(match[1]!), expected);
  };
}
