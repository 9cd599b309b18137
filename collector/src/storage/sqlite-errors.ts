/**
 * What a better-sqlite3 error means for the collector: the database file is
 * locked by another process, full, or failing (503, try again later), or the
 * request's own data was refused.
 * @packageDocumentation
 */

import { StoreUnavailableError } from './store-unavailable.js';

/** `Retry-After` while the SQLite file is unavailable; also how long writes are refused at once before it is tried again. */
export const SQLITE_RETRY_SECONDS = 1;

/**
 * How long a write waits for a lock held by another connection before it gets
 * `SQLITE_BUSY`. better-sqlite3 is synchronous: the wait holds the event loop,
 * so it stays short and an outage is answered 503 instead (SQLite's default of
 * the collector before was 5 s per write).
 */
export const SQLITE_BUSY_TIMEOUT_MS = 50;

/** Result codes (primary, with their extended forms) of a file that cannot be written now. */
const UNAVAILABLE_CODE = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|READONLY|CANTOPEN|PROTOCOL)(_|$)/;

/** The {@link StoreUnavailableError} that `error` means, or null for any other error. */
export function sqliteUnavailable(error: unknown): StoreUnavailableError | null {
  if (error instanceof StoreUnavailableError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !UNAVAILABLE_CODE.test(code)) return null;
  const reason = error instanceof Error ? error.message : code;
  return new StoreUnavailableError(`the database file is unavailable (${code}: ${reason})`, SQLITE_RETRY_SECONDS, error);
}
