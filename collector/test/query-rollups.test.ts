// The roll-ups answer exactly as the raw visits and events do: a generated site
// of 60 days, every query the roll-ups can answer (and some they cannot) asked
// with and without them, on both stores; and they follow what changes after a
// day was rolled up: late events, an erasure, the retention purge, another
// time zone.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loadSite } from '../bench/site.mjs';
import { describeStores, makeEvent, query as dbQuery, type StoreKind } from './helpers.ts';
import { startApp, type AppHandle } from './in-process.ts';
import { AUTH, rollUp } from './query-fixture.ts';

const TOKEN = AUTH.authorization.slice('Bearer '.length);
const NOW = Date.parse('2026-03-20T12:00:00.000Z');
const ZONE = 'Europe/Berlin';

const DIMENSIONS = [
  [],
  ['visit:source'],
  ['visit:channel'],
  ['visit:utm_campaign'],
  ['visit:entry_page'],
  ['visit:exit_page'],
  ['visit:country'],
  ['visit:isp'],
  ['visit:browser'],
  ['visit:os'],
  ['visit:device'],
  ['visit:screen'],
  ['visit:language'],
  ['visit:visitor_type'],
  ['visit:referrer'],
  ['event:page'],
  ['event:hostname'],
  ['event:name'],
  ['event:search'],
  ['time:day'],
  ['time:week'],
  ['time:month'],
  ['time:hour_of_day'],
  ['time:day_of_week'],
  ['time:day_of_week', 'time:hour_of_day'],
  ['event:props:plan'],
];
const VISIT_METRICS = ['visitors', 'visits', 'pageviews', 'events', 'views_per_visit', 'bounce_rate', 'visit_duration'];
const EVENT_METRICS = ['visitors', 'pageviews', 'events'];
const RANGES: unknown[] = [
  '7d',
  '30d',
  'month',
  '12mo',
  'all',
  'day',
  ['2026-02-01', '2026-02-28'],
  ['2026-02-10', '2026-03-19'],
  ['2026-03-19', '2026-03-20'],
];

describeStores('roll-ups', (store: StoreKind) => {
  let site: AppHandle;
  before(async () => {
    site = await startApp({ store, options: { adminToken: TOKEN, timezone: ZONE, clock: () => new Date(NOW) } });
    await loadSite(site.db, { events: 25_000, days: 60, now: NOW, seed: 3 });
  });
  after(() => site.stop());

  const ask = async (body: unknown) => {
    const res = await site.request('POST', '/api/query', { body: JSON.stringify(body), headers: AUTH, contentType: 'application/json' });
    assert.equal(res.status, 200, `${res.text} for ${JSON.stringify(body)}`);
    return res.json;
  };
  /** Make the engine ignore the roll-ups (a state in another zone), run `fn`, and give them back. */
  const raw = async <T>(fn: () => Promise<T>): Promise<T> => {
    await dbQuery(site.db, "UPDATE rollup_state SET timezone = 'ignored'");
    try {
      return await fn();
    } finally {
      await dbQuery(site.db, 'UPDATE rollup_state SET timezone = ?', [ZONE]);
    }
  };
  /** Every query of the matrix: a metric set per dimension and range, with a comparison, percentages, labels. */
  const matrix = () =>
    RANGES.flatMap((range) =>
      DIMENSIONS.map((dimensions) => {
        const eventDimension = dimensions.some((d) => d.startsWith('event:') && d !== 'event:page' && d !== 'event:hostname');
        const metrics = eventDimension ? EVENT_METRICS : VISIT_METRICS;
        const body: Record<string, unknown> = {
          metrics: dimensions.length > 0 ? [...metrics, 'percentage'] : metrics,
          date_range: range,
          dimensions,
        };
        if (dimensions[0] === 'event:page') body.metrics = [...metrics, 'time_on_page'];
        if (
          dimensions.length === 1 &&
          dimensions[0]!.startsWith('time:') &&
          !['time:hour_of_day', 'time:day_of_week'].includes(dimensions[0]!)
        ) {
          body.include = { time_labels: true, comparison: 'previous_period' };
        } else {
          body.include = { comparison: 'year_over_year', total_rows: true };
          body.pagination = { limit: 15 };
        }
        return body;
      }),
    );

  it('answers from the roll-ups, not from the raw rows, once they are built', async () => {
    await rollUp(site);
    const [state] = await dbQuery(site.db, 'SELECT timezone, first_day, rolled_until FROM rollup_state');
    assert.equal(state.timezone, ZONE);
    // 2026-03-19 (day 20531) closed at midnight in Berlin, an hour before 12:00 UTC on the 20th.
    assert.equal(Number(state.rolled_until), 20531);
    const before = await ask({ metrics: ['visits'], date_range: ['2026-03-01', '2026-03-10'] });
    await dbQuery(site.db, "UPDATE rollup_days SET visits = visits + 1000 WHERE dim = '' AND day = 20521");
    const tampered = await ask({ metrics: ['visits'], date_range: ['2026-03-01', '2026-03-10'] });
    await dbQuery(site.db, "UPDATE rollup_days SET visits = visits - 1000 WHERE dim = '' AND day = 20521");
    assert.equal(tampered.results[0].metrics[0], before.results[0].metrics[0] + 1000);
  });

  it(`gives the raw rows' answers to ${RANGES.length * DIMENSIONS.length} queries`, async () => {
    const queries = matrix();
    const rolled = [];
    for (const body of queries) rolled.push(await ask(body));
    const expected = await raw(async () => {
      const answers = [];
      for (const body of queries) answers.push(await ask(body));
      return answers;
    });
    for (const [i, body] of queries.entries()) assert.deepEqual(rolled[i], expected[i], JSON.stringify(body));
  });

  it('rebuilds a rolled day that got late events, and the days of an erased visitor', async () => {
    const late = Date.parse('2026-03-18T10:00:00.000Z');
    const [visit] = await dbQuery(site.db, 'SELECT visit_id, visitor_id FROM visits WHERE started_at >= ? ORDER BY started_at LIMIT 1', [
      late,
    ]);
    // A page view of a rolled day's visit arrives now (it was held in a train tunnel).
    await site.request('POST', '/collect', {
      body: makeEvent({
        visitorId: visit.visitor_id,
        visitId: visit.visit_id,
        path: '/late-page',
        url: 'https://www.example.com/late-page',
      }),
    });
    const [erased] = await dbQuery(
      site.db,
      'SELECT visitor_id FROM visits WHERE started_at < ? AND is_new = 0 ORDER BY started_at DESC LIMIT 1',
      [late],
    );
    assert.equal((await site.request('DELETE', `/visitor/${erased.visitor_id}`)).status, 204);
    await rollUp(site);
    const queries = [
      { metrics: VISIT_METRICS, date_range: '30d' },
      { metrics: ['visitors', 'pageviews'], date_range: '30d', dimensions: ['event:page'], pagination: { limit: 5 } },
      { metrics: ['visitors', 'visits'], date_range: '30d', dimensions: ['visit:source'] },
      { metrics: ['visitors'], date_range: '30d', dimensions: ['time:day'] },
    ];
    for (const body of queries) {
      const rolled = await ask(body);
      assert.deepEqual(rolled, await raw(() => ask(body)), JSON.stringify(body));
    }
    const [page] = (
      await ask({ metrics: ['pageviews'], date_range: '30d', dimensions: ['event:page'], filters: [['is', 'event:page', ['/late-page']]] })
    ).results;
    assert.deepEqual(page.metrics, [1]);
  });

  it('starts over in another time zone', async () => {
    await site.stop();
    site = await startApp({ store, db: site.db, options: { adminToken: TOKEN, timezone: 'America/New_York', clock: () => new Date(NOW) } });
    await rollUp(site);
    const [state] = await dbQuery(site.db, 'SELECT timezone FROM rollup_state');
    assert.equal(state.timezone, 'America/New_York');
    const body = { metrics: ['visitors', 'visits'], date_range: '30d', dimensions: ['time:day'] };
    const rolled = await ask(body);
    await dbQuery(site.db, "UPDATE rollup_state SET timezone = 'ignored'");
    assert.deepEqual(rolled, await ask(body));
  });
});
