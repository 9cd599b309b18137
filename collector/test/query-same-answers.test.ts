// SQLite and PostgreSQL answer every query alike: the same random queries, on
// the same site (query-fixture.ts) in each store, get the same answers, to the
// digit and in the same order, and the same errors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AppHandle } from './in-process.ts';
import { prng } from './prng.ts';
import { query, SITE, startFixture } from './query-fixture.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 7);
const QUERIES = 400;
const skip = process.env.DATABASE_URL ? false : process.env.CI ? false : 'needs DATABASE_URL (scripts/with-postgres.sh)';

const METRICS = ['visitors', 'visits', 'pageviews', 'views_per_visit', 'bounce_rate', 'visit_duration', 'events'];
const DIMENSIONS = [
  'event:page',
  'event:hostname',
  'event:name',
  'event:props:plan',
  'event:search',
  'visit:entry_page',
  'visit:exit_page',
  'visit:source',
  'visit:referrer',
  'visit:channel',
  'visit:utm_campaign',
  'visit:country',
  'visit:device',
  'visit:browser',
  'visit:os',
  'visit:screen',
  'visit:language',
  'visit:visitor_type',
  'time:day',
  'time:hour_of_day',
  'time:day_of_week',
];
const VALUES = ['/', '/pricing', '/blog', 'DE', 'AT', 'signup', 'pageview', 'new', 'returning', '(not set)', 'e', 'Ü', '😀', 'newsletter'];
const RANGES: unknown[] = ['day', '7d', '30d', 'month', '12mo', 'all', 'realtime', ['2026-03-18', '2026-03-19']];

describe('SQLite and PostgreSQL answer every query alike', { skip }, () => {
  let sqlite: AppHandle;
  let postgres: AppHandle;
  before(async () => {
    [sqlite, postgres] = await Promise.all([startFixture('sqlite'), startFixture('postgres')]);
    // Values that sort differently by locale than by bytes.
    for (const site of [sqlite, postgres]) {
      for (const [i, path] of ['/Zebra', '/apple', '/Äpfel', '/éclair', '/_x', '/%25'].entries()) {
        await site.request('POST', '/collect', {
          body: {
            type: 'pageview',
            url: `${SITE}${path}`,
            path,
            referrer: '',
            visitorId: `sorter-${i}`,
            visitId: `s-${i}`,
            ts: '2026-03-20T11:00:00.000Z',
            consent: { analytics: true },
          },
        });
      }
    }
  });
  after(async () => {
    await Promise.all([sqlite?.stop(), postgres?.stop()]);
  });

  it(`gives the same answer to ${QUERIES} random queries (seed ${SEED})`, async () => {
    const random = prng(SEED);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const some = <T>(list: readonly T[], min: number, max: number): T[] => [
      ...new Set(Array.from({ length: min + Math.floor(random() * (max - min + 1)) }, () => pick(list))),
    ];
    const leaf = () => [
      pick(['is', 'is_not', 'contains', 'contains_not']),
      pick(DIMENSIONS.filter((d) => !d.startsWith('time:'))),
      some(VALUES, 1, 3),
    ];
    const filter = (depth: number): unknown => {
      const r = random();
      if (depth < 2 && r < 0.15) return ['not', filter(depth + 1)];
      if (depth < 2 && r < 0.3) return [pick(['and', 'or']), some([0, 1, 2], 1, 3).map(() => filter(depth + 1))];
      return leaf();
    };
    let answered = 0;
    for (let i = 0; i < QUERIES; i++) {
      const metrics = some(METRICS, 1, 4);
      const dimensions = random() < 0.8 ? some(DIMENSIONS, 1, 2) : [];
      const body: Record<string, unknown> = { metrics, date_range: pick(RANGES), dimensions };
      if (random() < 0.4) body.filters = some([0, 1], 1, 2).map(() => filter(0));
      if (dimensions.length > 0 && random() < 0.3) body.metrics = [...metrics, 'percentage'];
      if (random() < 0.3) body.order_by = [[pick([...metrics, ...dimensions]), pick(['asc', 'desc'])]];
      if (random() < 0.4) body.include = { comparison: pick(['previous_period', 'year_over_year']), total_rows: true };
      if (random() < 0.3) body.pagination = { limit: pick([1, 3, 10]), offset: pick([0, 1, 2]) };
      const [a, b] = [await query(sqlite, body), await query(postgres, body)];
      assert.equal(b.status, a.status, `query ${i}: ${JSON.stringify(body)}: ${a.text} | ${b.text}`);
      assert.deepEqual(b.json, a.json, `query ${i}: ${JSON.stringify(body)}`);
      if (a.status === 200) answered += 1;
    }
    assert.ok(answered > QUERIES / 2, `most queries answered: ${answered}`);
  });
});
