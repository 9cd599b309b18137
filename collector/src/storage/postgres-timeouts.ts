/**
 * How long the collector waits for PostgreSQL: the pool's timeouts, set from
 * the command line (`--pg-connect-timeout` and the others). Apart from the
 * store itself, so that the command line can name the defaults without
 * loading the `pg` driver (a SQLite deployment never loads it).
 * @packageDocumentation
 */

/** How long the collector waits for PostgreSQL, in milliseconds. */
export interface PostgresTimeouts {
  /** To open a connection, or to get one from a full pool. Default 5,000. */
  connectMs?: number;
  /** For one statement, enforced by the server (`statement_timeout`). Default 15,000. */
  statementMs?: number;
  /**
   * For the answer to one query, enforced by the collector: a server that
   * stopped answering. Also ends, on the server, a transaction its collector
   * left open (`idle_in_transaction_session_timeout`). Default 20,000.
   */
  queryMs?: number;
  /** A pooled connection unused this long is closed. Default 10,000 (node-postgres's own). */
  idleMs?: number;
}

/** The defaults of {@link PostgresTimeouts}: a statistics query of a large site fits; a hung server is noticed. */
export const DEFAULT_POSTGRES_TIMEOUTS: Readonly<Required<PostgresTimeouts>> = {
  connectMs: 5_000,
  statementMs: 15_000,
  queryMs: 20_000,
  idleMs: 10_000,
};
