/**
 * Checkpoints beside the HTTP thread. In WAL mode SQLite checkpoints inside a
 * commit once the WAL holds `wal_autocheckpoint` pages (1000 by default): the
 * committing thread then syncs the WAL, copies its pages into the database
 * file and syncs that file, and on the collector that thread is the one
 * answering HTTP. A checkpointer thread (`sqlite-checkpointer-thread.ts`)
 * does this work instead; the commit threshold is raised so that commits
 * only catch up now and then on the few pages the thread has not copied yet,
 * which is what lets the WAL start over from its beginning (a checkpoint that
 * runs beside continuous commits seldom finds the WAL fully copied).
 * @packageDocumentation
 */

import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

/**
 * Pause of the checkpointer thread between two checkpoints. A page changed
 * several times in between is copied once, so a longer pause means less
 * copying and fewer syncs: 100 ms needed about half the thread's CPU of 20 ms
 * (3.8 against 6.7 µs per event in the bench).
 */
const INTERVAL_MS = 100;

/**
 * WAL size (pages) at which a commit catches up by itself while the thread
 * runs: at most ~80 MB of WAL. Each catch-up copies what the thread has not
 * (at most one pause's worth) and briefly holds up the HTTP thread, so they
 * should be rare: under full load this is about once a second.
 */
const COMMIT_CHECKPOINT_PAGES = 20_000;

/** SQLite's own threshold, used again if the thread fails. */
const DEFAULT_CHECKPOINT_PAGES = 1000;

/** What the checkpointer thread is started with (`workerData`). */
export interface CheckpointerData {
  /** Database file, already in WAL mode. */
  file: string;
  /** Pause between two checkpoints, in milliseconds. */
  intervalMs: number;
}

/**
 * Start checkpointing `file` (in WAL mode) on a thread of its own; `db` is the
 * connection that commits. If the thread fails, `onError` gets the error and
 * commits checkpoint as SQLite does by default. Returns a function that stops
 * the thread and resolves once it has ended.
 */
export function startCheckpointer(file: string, db: Database, onError: (error: unknown) => void): () => Promise<void> {
  const worker = new Worker(new URL('./sqlite-checkpointer-thread.js', import.meta.url), {
    workerData: { file, intervalMs: INTERVAL_MS } satisfies CheckpointerData,
  });
  db.pragma(`wal_autocheckpoint = ${COMMIT_CHECKPOINT_PAGES}`);
  let running = true;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', (error) => {
    running = false;
    if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_CHECKPOINT_PAGES}`);
    onError(error);
  });
  return async () => {
    if (running) worker.postMessage('stop');
    running = false;
    await exited;
  };
}
