/**
 * The data-access answer `{ visitorId, events: [...] }` of `GET /visitor/:id` as a stream
 * of JSON text, one chunk per page of the history: the answer for a history
 * of any length is never held in memory whole, and a slow client only slows
 * its own stream (the next page is read when the previous one was taken).
 * @packageDocumentation
 */

import { Readable } from 'node:stream';
import { toVisitorEvent } from './events.js';
import type { StoredEvent } from './storage/storage.js';

/**
 * The answer's JSON text: `first`, the result of the pages' first `next()`
 * (awaited by the caller, so that a store failure becomes an error answer
 * before anything is sent), then the rest of `pages`.
 */
export function historyJson(visitorId: string, first: IteratorResult<StoredEvent[]>, pages: AsyncIterator<StoredEvent[]>): Readable {
  async function* chunks(): AsyncGenerator<string> {
    let separator = '';
    let page = first;
    yield `{"visitorId":${JSON.stringify(visitorId)},"events":[`;
    while (!page.done) {
      yield separator + page.value.map((event) => JSON.stringify(toVisitorEvent(event))).join(',');
      separator = ',';
      page = await pages.next();
    }
    yield ']}';
  }
  // One chunk of read-ahead: memory is bounded by a page, whatever the client's speed.
  return Readable.from(chunks(), { highWaterMark: 1 });
}
