/**
 * The SQLite checkpointer thread's entry point (a `worker_threads` worker
 * started by `startCheckpointer` in `sqlite-checkpointer.ts`). It copies committed pages from the WAL into the database
 * file every few milliseconds on a connection of its own, so the fsyncs and
 * page copies of checkpointing happen beside the HTTP thread instead of
 * inside a commit on it. Checkpointing is invisible to readers and writers
 * (`PASSIVE`: it never waits for them and they never wait for it), so it
 * changes neither durability nor what anyone reads.
 *
 * Protocol: any message stops it (the connection is closed, the thread ends).
 *
 * Plain JavaScript (type-checked through JSDoc): a worker's entry must load as
 * it is, from the sources in the tests as from the build.
 * @packageDocumentation
 */
// @ts-check

import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

if (parentPort) {
  const port = parentPort;
  /** @type {import('./sqlite-checkpointer.js').CheckpointerData} */
  const { file, intervalMs } = workerData;
  const db = new Database(file, { fileMustExist: true });
  // A checkpoint syncs the WAL before copying and the database file after
  // (synchronous = NORMAL), so a crash at any point leaves a consistent file.
  db.pragma('synchronous = NORMAL');
  const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), intervalMs);
  port.once('message', () => {
    clearInterval(timer);
    db.close();
    port.close();
  });
}
