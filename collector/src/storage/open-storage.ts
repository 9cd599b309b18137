/**
 * Opens the store the options name, loading only its driver: a PostgreSQL
 * deployment never loads better-sqlite3, a SQLite one never loads pg. Both
 * drivers are optional dependencies, so `npm install --omit=optional` plus the
 * one in use is a valid install.
 * @packageDocumentation
 */

import type { PostgresTimeouts } from './postgres-timeouts.js';
import type { Storage } from './storage.js';

/** Where the events go: a PostgreSQL URL, else a SQLite file. */
export interface StoreOptions {
  /** `--database-url`: PostgreSQL. */
  databaseUrl?: string | undefined;
  /** `--db`: the SQLite file, used without a database URL. */
  db: string;
  /** `--pg-connect-timeout` and the others: how long to wait for PostgreSQL (defaults otherwise). */
  postgresTimeouts?: PostgresTimeouts;
}

/** A store module failed to load because its npm driver is not installed. */
export class MissingDriverError extends Error {
  /** @param driver - the npm package to install. @param store - what needs it. */
  constructor(
    readonly driver: string,
    store: string,
  ) {
    super(`${store} needs the npm package "${driver}", which is not installed: run \`npm install ${driver}\``);
    this.name = 'MissingDriverError';
  }
}

/** True when `error` says that the package `name` itself could not be found. */
function isMissingPackage(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'ERR_MODULE_NOT_FOUND' && typeof message === 'string' && message.includes(`'${name}'`);
}

/** `load()`, with a missing `driver` reported as a {@link MissingDriverError}. */
async function loadDriver<T>(driver: string, store: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw isMissingPackage(error, driver) ? new MissingDriverError(driver, store) : error;
  }
}

/** Open PostgreSQL with `databaseUrl`, else the SQLite file `db`, importing only that store's code. */
export async function openStorage(options: StoreOptions): Promise<Storage> {
  if (options.databaseUrl) {
    const { openPostgresStorage } = await loadDriver('pg', 'PostgreSQL (--database-url)', () => import('./postgres.js'));
    return openPostgresStorage(options.databaseUrl, undefined, options.postgresTimeouts);
  }
  const { openSqliteStorage } = await loadDriver('better-sqlite3', 'SQLite (--db)', () => import('./sqlite.js'));
  return openSqliteStorage(options.db);
}
