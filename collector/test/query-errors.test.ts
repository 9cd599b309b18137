// POST /api/query refuses what it cannot answer with 400 and an error naming
// the field, is admin-only (401, the admin throttle), and never answers 5xx,
// whatever the body: 1,500 random queries built from its vocabulary, and junk.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeStores } from './helpers.ts';
import type { AppHandle } from './in-process.ts';
import { prng } from './prng.ts';
import { AUTH, query, startFixture } from './query-fixture.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20260320);
const BODIES = 1500;

/** Bodies that cannot be answered, and the field their error must name. */
const REFUSED: [body: unknown, field: RegExp][] = [
  ['not an object', /^body:/],
  [[], /^body:/],
  [{ date_range: '7d' }, /^metrics:/],
  [{ metrics: [], date_range: '7d' }, /^metrics:/],
  [{ metrics: ['visitors', 'visitors'], date_range: '7d' }, /^metrics\[1\]:/],
  [{ metrics: ['sessions'], date_range: '7d' }, /^metrics\[0\]: unknown metric/],
  [{ metrics: ['visitors'] }, /^date_range: is required/],
  [{ metrics: ['visitors'], date_range: '14d' }, /^date_range:/],
  [{ metrics: ['visitors'], date_range: ['2026-02-30', '2026-03-01'] }, /^date_range\[0\]:/],
  [{ metrics: ['visitors'], date_range: ['2026-03-02', '2026-03-01'] }, /^date_range: the first date/],
  [{ metrics: ['visitors'], date_range: ['2000-01-01', '2026-03-01'] }, /^date_range: spans at most/],
  [{ metrics: ['visitors'], date_range: '7d', dimensions: ['visit:city'] }, /^dimensions\[0\]: unknown dimension/],
  [{ metrics: ['visitors'], date_range: '7d', dimensions: ['event:props:'] }, /^dimensions\[0\]:/],
  [{ metrics: ['visitors'], date_range: '7d', dimensions: ['event:props:a"b'] }, /^dimensions\[0\]:/],
  [{ metrics: ['visitors'], date_range: '7d', dimensions: ['time:day', 'time:week'] }, /^dimensions:/],
  [{ metrics: ['visitors'], date_range: '7d', filters: [['matches', 'event:page', ['x']]] }, /^filters\[0\]\[0\]: unknown operator/],
  [{ metrics: ['visitors'], date_range: '7d', filters: [['is', 'event:page', 'x']] }, /^filters\[0\]\[2\]:/],
  [{ metrics: ['visitors'], date_range: '7d', filters: [['is', 'event:page', []]] }, /^filters\[0\]\[2\]:/],
  [{ metrics: ['visitors'], date_range: '7d', filters: [['is', 'event:page', [1]]] }, /^filters\[0\]\[2\]\[0\]:/],
  [
    { metrics: ['visitors'], date_range: '7d', filters: [['is', 'time:day', ['2026-03-01']]] },
    /^filters\[0\]\[1\]: time dimensions cannot be filtered/,
  ],
  [{ metrics: ['visitors'], date_range: '7d', filters: [['not']] }, /^filters\[0\]:/],
  [{ metrics: ['visitors'], date_range: '7d', filters: [['or', []]] }, /^filters\[0\]:/],
  [{ metrics: ['visitors'], date_range: '7d', filters: [['and', [['is', 'visit:nowhere', ['x']]]]] }, /^filters\[0\]\[1\]\[0\]\[1\]:/],
  [{ metrics: ['visitors'], date_range: '7d', order_by: [['pageviews', 'desc']] }, /^order_by\[0\]\[0\]:/],
  [{ metrics: ['visitors'], date_range: '7d', order_by: [['visitors', 'up']] }, /^order_by\[0\]\[1\]:/],
  [{ metrics: ['visitors'], date_range: '7d', include: { comparison: 'last_year' } }, /^include\.comparison:/],
  [{ metrics: ['visitors'], date_range: '7d', include: { imports: true } }, /^include\.imports:/],
  [{ metrics: ['visitors'], date_range: '7d', include: { time_labels: true } }, /^include\.time_labels:/],
  [{ metrics: ['visitors'], date_range: '7d', pagination: { limit: 0 } }, /^pagination\.limit:/],
  [{ metrics: ['visitors'], date_range: '7d', pagination: { limit: 10_001 } }, /^pagination\.limit:/],
  [{ metrics: ['visitors'], date_range: '7d', pagination: { offset: -1 } }, /^pagination\.offset:/],
  [{ metrics: ['visitors'], date_range: '7d', site_id: 'example.com' }, /^site_id: unknown field/],
  [{ metrics: ['time_on_page'], date_range: '7d' }, /^metrics: time_on_page needs event:page/],
  [{ metrics: ['percentage'], date_range: '7d' }, /^metrics: percentage needs a dimension/],
  [{ metrics: ['conversion_rate'], date_range: '7d' }, /^metrics: conversion_rate needs a goal/],
  [
    { metrics: ['conversion_rate'], date_range: '7d', filters: [['not', ['is', 'event:name', ['signup']]]] },
    /^metrics: conversion_rate needs a goal/,
  ],
  [{ metrics: ['decisions', 'visitors'], date_range: '7d' }, /^metrics:/],
  [{ metrics: ['decisions'], date_range: '7d', dimensions: ['visit:country'] }, /^dimensions:/],
  [{ metrics: ['opt_in_rate'], date_range: '7d', filters: [['is', 'visit:country', ['DE']]] }, /^filters:/],
  [{ metrics: ['visitors'], date_range: '7d', dimensions: ['consent:method'] }, /^dimensions:/],
  [{ metrics: ['visitors'], date_range: 'realtime', dimensions: ['time:hour'] }, /^dimensions:/],
  [{ metrics: ['visitors'], date_range: ['2016-01-01', '2026-01-01'], dimensions: ['time:hour'] }, /^dimensions: time:hour over/],
];

describeStores('POST /api/query: what it refuses, and to whom', (store) => {
  let site: AppHandle;
  before(async () => {
    site = await startFixture(store);
  });
  after(() => site.stop());

  it('answers 401 without the admin token, before looking at the body', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer not-the-token-at-all' },
      { authorization: AUTH.authorization.toUpperCase() },
    ] as Record<string, string>[]) {
      const res = await site.request('POST', '/api/query', { body: '{not json', headers, remoteAddress: '192.0.2.10' });
      assert.equal(res.status, 401);
      assert.equal(res.headers['www-authenticate'], 'Bearer');
    }
  });

  it('is throttled with the other admin routes: 429 after 10 wrong tokens from one address', async () => {
    const address = '203.0.113.99';
    for (let n = 1; n <= 10; n++) {
      const res = await site.request('POST', '/api/query', {
        body: {},
        headers: { authorization: `Bearer wrong-${n}` },
        remoteAddress: address,
      });
      assert.equal(res.status, 401);
    }
    const blocked = await site.request('POST', '/api/query', {
      body: { metrics: ['visitors'], date_range: '7d' },
      headers: AUTH,
      remoteAddress: address,
    });
    assert.equal(blocked.status, 429);
    assert.ok(blocked.headers['retry-after']);
  });

  for (const [body, field] of REFUSED) {
    it(`refuses ${JSON.stringify(body).slice(0, 110)} with 400 naming the field`, async () => {
      const res = await query(site, body);
      assert.equal(res.status, 400, res.text);
      assert.match(res.json.error, field);
    });
  }

  it('refuses a body that is not JSON with 400', async () => {
    const res = await site.request('POST', '/api/query', { body: '{"metrics": [', headers: AUTH, contentType: 'application/json' });
    assert.equal(res.status, 400);
    assert.equal(typeof res.json.error, 'string');
  });

  it(`never answers 5xx: ${BODIES} random queries (seed ${SEED})`, async () => {
    const random = prng(SEED);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const some = <T>(list: readonly T[], max: number): T[] => Array.from({ length: Math.floor(random() * (max + 1)) }, () => pick(list));
    const metrics = [
      'visitors',
      'visits',
      'pageviews',
      'views_per_visit',
      'bounce_rate',
      'visit_duration',
      'time_on_page',
      'events',
      'percentage',
      'conversion_rate',
      'decisions',
      'opt_in_rate',
      'x',
    ];
    const dimensions = [
      'event:page',
      'event:hostname',
      'event:name',
      'event:props:plan',
      'event:props:a.b',
      'event:search',
      'visit:entry_page',
      'visit:exit_page',
      'visit:source',
      'visit:referrer',
      'visit:channel',
      'visit:utm_source',
      'visit:utm_campaign',
      'visit:country',
      'visit:isp',
      'visit:device',
      'visit:browser',
      'visit:os',
      'visit:screen',
      'visit:language',
      'visit:visitor_type',
      'time:hour',
      'time:day',
      'time:week',
      'time:month',
      'time:hour_of_day',
      'time:day_of_week',
      'consent:method',
    ];
    const values = [
      '/',
      '/pricing',
      'DE',
      'signup',
      'pageview',
      'new',
      '(not set)',
      '',
      '%',
      "'; --",
      '\\',
      'x'.repeat(300),
      'accept-all',
      '😀',
    ];
    const ranges: unknown[] = [
      'day',
      '7d',
      '30d',
      'month',
      '12mo',
      'all',
      'realtime',
      ['2026-03-18', '2026-03-20'],
      ['1970-01-01', '1970-01-31'],
      ['9998-12-01', '9998-12-31'],
      'x',
      7,
      null,
    ];
    const junk = (): unknown => pick([null, true, 0, -1, 1e308, 'x', [], {}, [[]], { __proto__: { polluted: true } }, [1, 'a']]);
    const filter = (depth: number): unknown => {
      const r = random();
      if (depth < 3 && r < 0.15) return ['not', filter(depth + 1)];
      if (depth < 3 && r < 0.3) return [pick(['and', 'or']), some([0], 3).map(() => filter(depth + 1))];
      if (r < 0.32) return junk();
      return [pick(['is', 'is_not', 'contains', 'contains_not', 'has']), pick(dimensions), some(values, 3)];
    };
    const valid = (list: string[], bad: number) => list.filter(() => random() >= bad);
    const eventMetrics = metrics.filter(
      (m) => !['decisions', 'opt_in_rate', 'x', 'percentage', 'conversion_rate', 'time_on_page'].includes(m),
    );
    const body = (): unknown => {
      const consent = random() < 0.1;
      const b: Record<string, unknown> = {
        metrics:
          random() < 0.05
            ? junk()
            : [
                ...new Set(
                  random() < 0.7
                    ? [pick(consent ? ['decisions', 'opt_in_rate'] : eventMetrics), ...some(consent ? [] : eventMetrics, 2)]
                    : some(metrics, 4),
                ),
              ],
        date_range: random() < 0.8 ? pick(ranges.slice(0, 8)) : pick(ranges),
      };
      if (random() < 0.7)
        b.dimensions = random() < 0.05 ? junk() : [...new Set(valid(some(dimensions, 2), 0.1))].slice(0, random() < 0.8 ? 1 : 2);
      if (random() < 0.5) b.filters = some([0], 2).map(() => filter(random() < 0.5 ? 2 : 0));
      if (random() < 0.3) b.order_by = some([...metrics, ...dimensions], 2).map((key) => [key, pick(['asc', 'desc', 'sideways'])]);
      if (random() < 0.4)
        b.include = {
          comparison: pick([null, 'previous_period', 'year_over_year']),
          time_labels: random() < 0.2,
          total_rows: random() < 0.5,
        };
      if (random() < 0.3) b.pagination = { limit: pick([1, 2, 100, 10_000, 0, 1.5]), offset: pick([0, 1, 5, -1]) };
      if (random() < 0.03) return junk();
      return b;
    };
    const statuses = new Map<number, number>();
    for (let i = 0; i < BODIES; i++) {
      const sent = body();
      const res = await query(site, sent);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      assert.ok(res.status === 200 || res.status === 400, `body ${i}: ${res.status} ${res.text} for ${JSON.stringify(sent)}`);
      if (res.status === 400) assert.match(res.json.error, /^[\w.[\]]+: /, `body ${i}: ${res.text}`);
    }
    assert.ok((statuses.get(200) ?? 0) > BODIES / 10, `a fair share answered: ${JSON.stringify([...statuses])}`);
    assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
  });
});
