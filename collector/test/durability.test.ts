// An event answered with 2xx is durable; SIGTERM and SIGINT drain in-flight requests.
import assert from 'node:assert/strict';
import http from 'node:http';
import { it } from 'node:test';
import { CHROME_UA, startCollector, waitFor } from './collector-process.js';
import { countEvents, integrityCheck } from './databases.js';
import { describeStores, makeEvent } from './helpers.ts';

describeStores('durability', (store) => {
  it('keeps all 200 acknowledged events after kill -9 and a restart on the same database', async () => {
    const first = await startCollector({ store });
    const statuses: number[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          first.request('POST', '/collect', { body: makeEvent({ visitorId: 'durable', path: `/p${batch * 20 + i}` }) }),
        ),
      );
      statuses.push(...answers.map((a) => a.status));
    }
    assert.equal(statuses.filter((s) => s === 202).length, 200);
    assert.equal(await first.stop('SIGKILL'), 'SIGKILL');

    const second = await startCollector({ db: first.db });
    try {
      const res = await second.request('GET', '/visitor/durable');
      assert.equal(res.json.events.length, 200);
      assert.equal(new Set(res.json.events.map((e: { path: string }) => e.path)).size, 200);
    } finally {
      assert.equal(await second.stop(), 0);
    }
    assert.equal(await integrityCheck(first.db), 'ok');
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${signal} answers the in-flight request, stores it and exits 0`, async () => {
      const collector = await startCollector({ store });
      const body = JSON.stringify(makeEvent({ visitorId: `inflight-${signal}` }));
      const response = new Promise<number | undefined>((resolve, reject) => {
        const req = http.request(`${collector.url}/collect`, {
          method: 'POST',
          headers: {
            'content-type': 'text/plain',
            'content-length': Buffer.byteLength(body),
            'user-agent': CHROME_UA,
            expect: '100-continue',
          },
        });
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        });
        req.on('error', reject);
        // The server has the request (it answered 100 Continue): signal it, wait
        // until it is shutting down, only then send the body.
        req.on('continue', async () => {
          collector.child.kill(signal);
          try {
            await waitFor(() => collector.output().stdout.includes('shutting down'), 5000, 'shutdown to start');
          } catch (error) {
            reject(error);
          }
          req.end(body);
        });
        req.flushHeaders();
      });
      assert.equal(await response, 202);
      assert.equal(await collector.exited, 0);
      assert.equal(await countEvents(collector.db, `inflight-${signal}`), 1);
    });
  }
});
