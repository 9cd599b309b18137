/**
 * The check behind `GET /health` for the SQLite store: what a write would
 * meet now, found without writing anything.
 * @packageDocumentation
 */

import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { SQLITE_RETRY_SECONDS } from './sqlite-errors.js';
import { StoreUnavailableError } from './store-unavailable.js';

/**
 * A check of the SQLite file `file` open as `db`, for
 * {@link StoreAvailability.probe}; it throws when a write would fail or be lost:
 *
 * - Another process holds the write lock: the check takes the lock for a
 *   moment with a statement that changes nothing, so it meets `SQLITE_BUSY`
 *   after the same short wait as a write (an outage, as for a write).
 * - The file at `file` is no longer the one open (removed or replaced):
 *   SQLite in WAL mode goes on writing into the open file without an error,
 *   and what it writes is gone at the next start. /health reports it; it is
 *   no outage of the writes, which SQLite still accepts.
 */
export function sqliteHealthCheck(db: Database.Database, file: string): () => void {
  const opened = fileIdentity(file);
  const takeWriteLock = db.prepare('DELETE FROM consents WHERE 0');
  return () => {
    if (opened !== undefined && fileIdentity(file) !== opened) {
      throw new StoreUnavailableError('the database file was removed or replaced', SQLITE_RETRY_SECONDS, undefined, false);
    }
    takeWriteLock.run();
  };
}

/** Device and inode of `file`, or undefined when there is none (removed, or an in-memory database). */
function fileIdentity(file: string): string | undefined {
  const stats = statSync(file, { throwIfNoEntry: false });
  return stats && `${stats.dev}:${stats.ino}`;
}
