/**
 * What a node-postgres error means for the collector: the database is away
 * (503, try again later), or the request's own data was refused (the pooled
 * connection is fine and is reused).
 * @packageDocumentation
 */

import pg from 'pg';
import { StoreUnavailableError } from './store-unavailable.js';

/** `Retry-After` while PostgreSQL is away; also how long writes are refused at once before it is tried again. */
export const POSTGRES_RETRY_SECONDS = 2;

/**
 * SQLSTATE classes and codes of a database that cannot serve now: connection
 * exceptions (08), insufficient resources (53: disk full, out of memory, too
 * many connections), operator intervention (57: shutdown, cannot connect now),
 * lock timeouts (55P03) and system errors (58: I/O).
 */
const UNAVAILABLE_SQLSTATE = /^(08|53|57|58|55P03)/;

/**
 * A statement cancelled by `statement_timeout`: 503 for that request, but no
 * outage for everyone (a heavy statistics query must not stop ingestion).
 */
const QUERY_CANCELED = '57014';

/** Errors of the socket under a connection. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** node-postgres's own messages for a connection that timed out, broke or was never made. */
const CONNECTION_MESSAGE =
  /timeout exceeded when trying to connect|Connection terminated|Query read timeout|connection error and is not queryable|Client was closed and is not queryable/;

/** The {@link StoreUnavailableError} that `error` means, or null for any other error (the request's own). */
export function postgresUnavailable(error: unknown): StoreUnavailableError | null {
  if (error instanceof StoreUnavailableError) return error;
  if (error instanceof pg.DatabaseError) {
    if (error.code === QUERY_CANCELED)
      return new StoreUnavailableError('the database did not answer in time', POSTGRES_RETRY_SECONDS, error, false);
    return UNAVAILABLE_SQLSTATE.test(error.code ?? '') ? away(error) : null;
  }
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if ((typeof code === 'string' && NETWORK_CODES.has(code)) || (typeof message === 'string' && CONNECTION_MESSAGE.test(message))) {
    return away(error);
  }
  return null;
}

/**
 * True when a connection that ran into `error` can be handed back to the pool:
 * the server reported the error and the session survived it (bad data, a
 * cancelled statement). A timeout, a broken socket or a terminated session
 * destroy the connection instead.
 */
export function connectionSurvives(error: unknown): boolean {
  return error instanceof pg.DatabaseError && !/^(08|57P0)/.test(error.code ?? '');
}

function away(cause: unknown): StoreUnavailableError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new StoreUnavailableError(`the database is unavailable (${reason})`, POSTGRES_RETRY_SECONDS, cause);
}
