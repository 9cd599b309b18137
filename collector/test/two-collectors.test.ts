// Two stateless collectors on one PostgreSQL database: events sent to both at
// once, one of them killed with SIGKILL midway. Every acknowledged event must be
// stored exactly once, and /stats must agree whichever collector answers it.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { startCollector, type CollectorProcess } from './collector-process.js';
import { parseJson, query, tempDb } from './databases.js';
import { describeStores, makeEvent } from './helpers.ts';

const TOKEN = 'two-collectors-admin-token';
const PER_COLLECTOR = 600;
const CONCURRENCY = 16;

/**
 * Send `count` uniquely marked events to `collector`, `CONCURRENCY` at a time.
 * Resolves the markers answered 202; a refused connection or a reset (the
 * collector was killed) leaves the event unacknowledged. `onAck(n)` runs after
 * every acknowledgement.
 */
async function sendMarked(collector: CollectorProcess, prefix: string, count: number, onAck: (acked: number) => void = () => {}) {
  const acked: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const marker = `${prefix}-${next++}`;
      const event = makeEvent({ visitorId: 'two', visitId: `visit-${marker}`, path: `/two/${marker}`, props: { marker } });
      try {
        const res = await collector.request('POST', '/collect', { body: event });
        if (res.status === 202) {
          acked.push(marker);
          onAck(acked.length);
        }
      } catch {
        // Not acknowledged: the collector died with this request in flight.
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return acked;
}

describeStores(
  'two collectors, one database',
  () => {
    it('stores every acknowledged event exactly once when one collector is killed midway', async (t) => {
      const db = await tempDb('postgres');
      // Both start at once: their migrations serialise on the advisory lock.
      const [a, b] = await Promise.all([
        startCollector({ db, args: ['--admin-token', TOKEN] }),
        startCollector({ db, args: ['--admin-token', TOKEN] }),
      ]);
      let restarted: CollectorProcess | undefined;
      try {
        const [ackedA, ackedB] = await Promise.all([
          sendMarked(a, 'A', PER_COLLECTOR),
          sendMarked(b, 'B', PER_COLLECTOR, (n) => {
            if (n === PER_COLLECTOR / 2) b.child.kill('SIGKILL');
          }),
        ]);
        assert.equal(await b.exited, 'SIGKILL');
        const acked = [...ackedA, ...ackedB];

        const rows = await query(db, "SELECT props FROM events WHERE visitor_id = 'two'");
        const stored = new Map<string, number>();
        for (const row of rows) {
          const { marker } = parseJson(row.props);
          stored.set(marker, (stored.get(marker) ?? 0) + 1);
        }
        const lost = acked.filter((marker) => !stored.has(marker));
        const duplicated = [...stored].filter(([, n]) => n > 1).map(([marker]) => marker);
        const unknown = [...stored.keys()].filter((marker) => !/^[AB]-\d+$/.test(marker));
        t.diagnostic(
          `sent ${2 * PER_COLLECTOR}, acknowledged ${acked.length} (A ${ackedA.length}, B ${ackedB.length} before SIGKILL), ` +
            `stored ${rows.length}, lost ${lost.length}, duplicated ${duplicated.length}`,
        );
        assert.equal(ackedA.length, PER_COLLECTOR, 'the surviving collector acknowledged everything');
        assert.ok(ackedB.length >= PER_COLLECTOR / 2 && ackedB.length < PER_COLLECTOR, `B acknowledged ${ackedB.length}`);
        assert.deepEqual(lost, [], 'acknowledged but not stored');
        assert.deepEqual(duplicated, [], 'stored more than once');
        assert.deepEqual(unknown, []);
        // Only requests in flight at the kill may be stored without an acknowledgement.
        assert.ok(rows.length - acked.length <= CONCURRENCY, `${rows.length - acked.length} unacknowledged rows`);

        restarted = await startCollector({ db, args: ['--admin-token', TOKEN] });
        const auth = { headers: { authorization: `Bearer ${TOKEN}` } };
        const [fromA, fromB] = await Promise.all([a.request('GET', '/stats', auth), restarted.request('GET', '/stats', auth)]);
        assert.equal(fromA.status, 200);
        assert.deepEqual(fromB.json, fromA.json);
        assert.equal(fromA.json.pageviews, rows.length);
        assert.equal(fromA.json.visits, rows.length);
      } finally {
        await Promise.all([a.stop(), b.stop(), restarted?.stop()]);
      }
    });
  },
  { stores: ['postgres'] },
);
