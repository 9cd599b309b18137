// The reporting time zone (--timezone): ranges, days, hours and weekdays are
// local, across daylight saving time. Europe/Berlin springs forward on Sunday
// 2026-03-29 at 02:00 (01:00 UTC) and falls back on Sunday 2026-10-25 at 03:00
// (01:00 UTC).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bucketKeys } from '../src/query/time-buckets.ts';
import { daysRange, parseIsoDay, type ResolvedRange } from '../src/query/date-range.ts';
import { dayStart, localDay, offsetAt, offsetTimeline } from '../src/query/time-zone.ts';
import { describeStores, makeEvent } from './helpers.ts';
import { startApp, type AppHandle } from './in-process.ts';
import { AUTH } from './query-fixture.ts';

const BERLIN = 'Europe/Berlin';
const TOKEN = AUTH.authorization.slice('Bearer '.length);

/** Visits arriving at these instants (UTC), one visitor each. */
const ARRIVALS = [
  '2026-03-28T22:30:00.000Z', // Saturday 23:30 CET
  '2026-03-28T23:30:00.000Z', // Sunday 00:30 CET: already the 29th in Berlin
  '2026-03-29T00:30:00.000Z', // Sunday 01:30 CET
  '2026-03-29T01:30:00.000Z', // Sunday 03:30 CEST (02:00 to 03:00 never happened)
  '2026-03-29T22:30:00.000Z', // Monday 00:30 CEST
  '2026-10-25T00:30:00.000Z', // Sunday 02:30 CEST
  '2026-10-25T01:30:00.000Z', // Sunday 02:30 CET, the same wall-clock hour an hour later
];

describe('the reporting time zone, computed in TypeScript', () => {
  it('knows the offsets of Europe/Berlin and when they change', () => {
    assert.equal(offsetAt(BERLIN, Date.parse('2026-03-29T00:59:59.000Z')), 3_600_000);
    assert.equal(offsetAt(BERLIN, Date.parse('2026-03-29T01:00:00.000Z')), 7_200_000);
    const spans = offsetTimeline(BERLIN, Date.parse('2026-01-01T00:00:00Z'), Date.parse('2027-01-01T00:00:00Z'));
    assert.deepEqual(
      spans.map((span) => [Number.isFinite(span.from) ? new Date(span.from).toISOString() : '-', span.offset / 3_600_000]),
      [
        ['-', 1],
        ['2026-03-29T01:00:00.000Z', 2],
        ['2026-10-25T01:00:00.000Z', 1],
      ],
    );
  });

  it('starts local days at local midnight, and gives a short day 23 hours and a long one 24 buckets', () => {
    const march29 = parseIsoDay('2026-03-29')!;
    assert.equal(new Date(dayStart(BERLIN, march29)).toISOString(), '2026-03-28T23:00:00.000Z');
    assert.equal(new Date(dayStart(BERLIN, march29 + 1)).toISOString(), '2026-03-29T22:00:00.000Z');
    assert.equal(localDay(BERLIN, Date.parse('2026-03-28T23:30:00.000Z')), march29);
    assert.equal(
      bucketKeys('time:hour', daysRange(BERLIN, march29, march29) as Extract<ResolvedRange, { kind: 'days' }>, BERLIN).length,
      23,
    );
    const october25 = parseIsoDay('2026-10-25')!;
    assert.equal(
      bucketKeys('time:hour', daysRange(BERLIN, october25, october25) as Extract<ResolvedRange, { kind: 'days' }>, BERLIN).length,
      24,
    );
  });
});

describeStores('POST /api/query in Europe/Berlin', (store) => {
  let collector: AppHandle;
  let now = Date.parse('2026-11-01T12:00:00.000Z');
  before(async () => {
    collector = await startApp({ store, options: { adminToken: TOKEN, timezone: BERLIN, clock: () => new Date(now) } });
    for (const [i, at] of ARRIVALS.entries()) {
      now = Date.parse(at);
      const res = await collector.request('POST', '/collect', {
        body: makeEvent({ visitorId: `v${i}`, visitId: `visit-${i}`, ts: at, visitStart: at }),
      });
      assert.equal(res.status, 202);
    }
    now = Date.parse('2026-11-01T12:00:00.000Z');
  });
  after(() => collector.stop());

  const ask = async (body: Record<string, unknown>) => {
    const res = await collector.request('POST', '/api/query', { body, headers: AUTH, contentType: 'application/json' });
    assert.equal(res.status, 200, res.text);
    return res.json.results.map((r: { dimensions: unknown[]; metrics: number[] }) => [...r.dimensions, ...r.metrics]);
  };

  it('counts days from local midnight to local midnight', async () => {
    assert.deepEqual(await ask({ metrics: ['visits'], dimensions: ['time:day'], date_range: ['2026-03-28', '2026-03-30'] }), [
      ['2026-03-28', 1],
      ['2026-03-29', 3],
      ['2026-03-30', 1],
    ]);
    assert.deepEqual(await ask({ metrics: ['visits'], date_range: ['2026-03-29', '2026-03-29'] }), [[3]]);
  });

  it('labels the wall-clock hours of the day that springs forward: no 02:00', async () => {
    const res = await collector.request('POST', '/api/query', {
      body: { metrics: ['visits'], dimensions: ['time:hour'], date_range: ['2026-03-29', '2026-03-29'], include: { time_labels: true } },
      headers: AUTH,
      contentType: 'application/json',
    });
    const labels: string[] = res.json.meta.time_labels;
    assert.equal(labels.length, 23);
    assert.deepEqual(labels.slice(0, 3), ['2026-03-29 00:00:00', '2026-03-29 01:00:00', '2026-03-29 03:00:00']);
    assert.deepEqual(
      res.json.results.filter((r: { metrics: number[] }) => r.metrics[0]! > 0).map((r: { dimensions: string[] }) => r.dimensions[0]),
      ['2026-03-29 00:00:00', '2026-03-29 01:00:00', '2026-03-29 03:00:00'],
    );
  });

  it('puts both 02:30s of the day that falls back in one 02:00 bucket', async () => {
    assert.deepEqual(await ask({ metrics: ['visits'], dimensions: ['time:hour'], date_range: ['2026-10-25', '2026-10-25'] }), [
      ['2026-10-25 02:00:00', 2],
    ]);
  });

  it('gives hours of day and days of week on the local clock', async () => {
    assert.deepEqual(
      await ask({ metrics: ['visits'], dimensions: ['time:day_of_week', 'time:hour_of_day'], date_range: ['2026-03-28', '2026-03-30'] }),
      [
        [1, 0, 1],
        [6, 23, 1],
        [7, 0, 1],
        [7, 1, 1],
        [7, 3, 1],
      ],
    );
  });

  it('resolves named ranges in the reporting time zone: "day" is the local today', async () => {
    now = Date.parse('2026-03-28T23:30:00.000Z');
    try {
      const res = await collector.request('POST', '/api/query', {
        body: { metrics: ['visits'], date_range: 'day' },
        headers: AUTH,
        contentType: 'application/json',
      });
      assert.deepEqual(res.json.meta.date_range, ['2026-03-29', '2026-03-29']);
      // The whole local day: from 23:00 UTC on the 28th (so without the 22:30 UTC visit).
      assert.deepEqual(res.json.results[0].metrics, [3]);
    } finally {
      now = Date.parse('2026-11-01T12:00:00.000Z');
    }
  });
});
