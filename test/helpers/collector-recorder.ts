/**
 * The browser side of the recording collector (collector-recorder-plugin.mjs):
 * what the analytics endpoint received, read back from the test server.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import type { ConsentState } from '../../src/core/types.ts';
import type { WireEvent } from '../../src/tracker/event.ts';

/** One request as the recording collector received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** The query string, with its `?` (or empty). */
  query: string;
  contentType: string;
  body: string;
  headers: Record<string, string>;
}

let recorders = 0;

/** Polls the async `check` (every 20 ms, at most `timeoutMs`) until it returns a truthy value. */
export async function poll<T>(
  check: () => Promise<T>,
  what: string,
  timeoutMs = 4000,
): Promise<Exclude<T, false | null | undefined | 0 | ''>> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as Exclude<T, false | null | undefined | 0 | ''>;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A fresh recording collector (its own name, so tests never see each other's requests). */
export function recorder(prefix = 'r') {
  const name = `${prefix}-${Date.now().toString(36)}-${++recorders}`;
  const requests = () =>
    executeServerCommand<RecordedRequest[], { name: string }>('recorder-requests', { name }) as Promise<RecordedRequest[]>;
  const events = async () =>
    (await requests()).filter((r) => r.method === 'POST' && r.path === '/collect').map((r) => JSON.parse(r.body) as WireEvent);
  const collected = (list: RecordedRequest[]) => list.filter((r) => r.method === 'POST' && r.path === '/collect');
  return {
    /** The collector URL to configure. */
    url: `${location.origin}/recorder/${name}`,
    requests,
    /** The events received on `POST /collect`, in order. */
    events,
    /** The consent records received on `POST /consent`, in order. */
    async consentRecords(): Promise<ConsentState[]> {
      return (await requests()).filter((r) => r.method === 'POST' && r.path === '/consent').map((r) => JSON.parse(r.body) as ConsentState);
    },
    /** Waits until at least `count` consent records arrived, and returns them. */
    async waitForConsentRecords(count: number): Promise<ConsentState[]> {
      return poll(async () => {
        const list = await this.consentRecords();
        return list.length >= count && list;
      }, `${count} consent record(s) at the collector`);
    },
    /** Waits until at least `count` events (matching `type`, if given) arrived, and returns them. */
    async waitForEvents(count: number, type?: WireEvent['type']): Promise<WireEvent[]> {
      return poll(
        async () => {
          const list = (await events()).filter((e) => !type || e.type === type);
          return list.length >= count && list;
        },
        `${count} ${type ?? 'event'}(s) at the collector`,
      );
    },
    /**
     * Every request received so far, once a marker beacon sent now has arrived:
     * the browser delivers beacons in order, so any beacon the page sent before
     * is in the answer and "nothing was sent" is checked without sleeping.
     */
    async settled(): Promise<RecordedRequest[]> {
      const marker = `${Math.random()}`;
      navigator.sendBeacon(`/recorder/${name}/marker`, marker);
      const all = await poll(async () => {
        const list = await requests();
        return list.some((r) => r.path === '/marker' && r.body === marker) && list;
      }, 'the marker beacon');
      return all.filter((r) => r.path !== '/marker');
    },
    /** The `POST /collect` requests received so far, once settled (see {@link settled}). */
    async settledEvents(): Promise<RecordedRequest[]> {
      return collected(await this.settled());
    },
  };
}

/** Cookie names in the jar. */
export const ANALYTICS_COOKIES = ['cg_vid', 'cg_visit'];
