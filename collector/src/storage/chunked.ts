/**
 * Work on many rows in bounded steps, in both stores. A visitor's history is
 * read in pages by keyset (the last row's `received_at` and `id`): each page
 * is one short indexed query, so a history of any length costs bounded memory
 * and never holds the event loop (SQLite) or a pooled connection (PostgreSQL)
 * for longer than one page. Erasure and the retention purge delete in chunks,
 * one transaction each, for the same reason.
 * @packageDocumentation
 */

import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PurgeResult, StoredEvent } from './storage.js';

/** Events per page: one page is read and serialised in a few milliseconds. */
export const HISTORY_PAGE_SIZE = 200;

/**
 * Rows erased per transaction by `deleteVisitor` and by the retention purge:
 * a transaction holds SQLite's event loop or a PostgreSQL connection and its
 * row locks for one chunk, never for a whole history or a whole month.
 */
export const ERASE_CHUNK_SIZE = 500;

/** Where the next page starts: after this row, in `received_at, id` order. */
export interface HistoryCursor {
  /** `received_at` of the last row, as the store compares it exactly. */
  receivedAt: string;
  /** `id` of the last row (a string: PostgreSQL's `bigint`). */
  id: number | string;
}

/** One page: its events and the cursor after its last row. */
export interface HistoryPage {
  /** Events of the page, oldest first. */
  events: StoredEvent[];
  /** Cursor after the page's last row (unused when the page is not full). */
  last: HistoryCursor | null;
}

/**
 * The pages of a history: `readPage(after, limit)` is called until a page
 * comes back shorter than {@link HISTORY_PAGE_SIZE}. Between two pages the
 * event loop takes its turn (I/O, other requests) even when `readPage` is
 * synchronous underneath (SQLite).
 */
export async function* historyPages(
  readPage: (after: HistoryCursor | null, limit: number) => HistoryPage | Promise<HistoryPage>,
): AsyncGenerator<StoredEvent[]> {
  let after: HistoryCursor | null = null;
  for (;;) {
    const page: HistoryPage = await readPage(after, HISTORY_PAGE_SIZE);
    if (page.events.length > 0) yield page.events;
    if (page.events.length < HISTORY_PAGE_SIZE || !page.last) return;
    after = page.last;
    await nextTurn();
  }
}

/**
 * Run `purgeChunk` (at most {@link ERASE_CHUNK_SIZE} events, as many
 * consent records and as many visits, one transaction) until a chunk removes
 * fewer of each; resolves the total removed.
 */
export async function purgeInChunks(purgeChunk: () => Promise<PurgeResult>): Promise<PurgeResult> {
  const total: PurgeResult = { events: 0, consents: 0, visits: 0 };
  for (;;) {
    const removed = await purgeChunk();
    total.events += removed.events;
    total.consents += removed.consents;
    total.visits += removed.visits;
    if (removed.events < ERASE_CHUNK_SIZE && removed.consents < ERASE_CHUNK_SIZE && removed.visits < ERASE_CHUNK_SIZE) return total;
  }
}
