/**
 * Retention: events and consent records older than `--retention-days` (by
 * server arrival time) are purged at start and then once a day.
 * @packageDocumentation
 */

import type { PurgeResult, Storage } from './storage/storage.js';

const DAY_MS = 86_400_000;

/** Purge everything received more than `days` days before `now`. */
export function purgeExpired(storage: Storage, days: number, now: Date): Promise<PurgeResult> {
  return storage.purgeReceivedBefore(new Date(now.getTime() - days * DAY_MS));
}

/**
 * Run {@link purgeExpired} every day; the timer does not keep the process alive.
 * Returns a function that stops it.
 */
export function scheduleRetention(storage: Storage, days: number, clock: () => Date, onError: (error: unknown) => void): () => void {
  const timer = setInterval(() => {
    purgeExpired(storage, days, clock()).catch(onError);
  }, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
