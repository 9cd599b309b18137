// POST /api/query on a site whose figures are counted by hand (query-fixture.ts):
// every metric, dimension, filter form and option, on both stores.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeStores, type StoreKind } from './helpers.ts';
import type { AppHandle } from './in-process.ts';
import { enrichedNames, query, rollUp, SITE, startFixture } from './query-fixture.ts';

type Names = Awaited<ReturnType<typeof enrichedNames>>;

/** The results as flat rows: dimension values, then metric values. */
const flat = (json: { results: { dimensions: unknown[]; metrics: number[] }[] }) =>
  json.results.map((r) => [...r.dimensions, ...r.metrics]);

/** Rows sorted as the engine sorts ties: by count descending, then by value in byte order. */
const byCountThenName = (rows: [string, ...number[]][]) =>
  [...rows].sort((a, b) => b[1] - a[1] || (Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])) as number));

/** The suite, on the raw visits and events or, with `rolled`, on the roll-ups of the closed days (today stays raw). */
const suite = (rolled: boolean) => (store: StoreKind) => {
  let site: AppHandle;
  let names: Names;
  before(async () => {
    [site, names] = await Promise.all([startFixture(store), enrichedNames()]);
    if (rolled) await rollUp(site);
  });
  after(() => site.stop());

  const ask = async (body: Record<string, unknown>) => {
    const res = await query(site, { date_range: '7d', ...body });
    assert.equal(res.status, 200, res.text);
    return res.json;
  };

  it('counts the top figures of the last 7 days', async () => {
    const json = await ask({ metrics: ['visitors', 'visits', 'pageviews', 'views_per_visit', 'bounce_rate', 'visit_duration', 'events'] });
    // 4 visitors, 6 visits, 8 page views (8 / 6 = 1.33), 4 bounces of 6 (66.7 %), durations 120 + 45 + 0 + 960 + 10 + 0 s.
    assert.deepEqual(flat(json), [[4, 6, 8, 1.33, 67, 189, 2]]);
    assert.deepEqual(json.meta, { time_zone: 'UTC', date_range: ['2026-03-14', '2026-03-20'] });
  });

  it('echoes the query with its defaults', async () => {
    const json = await ask({ metrics: ['visitors'] });
    assert.deepEqual(json.query, {
      metrics: ['visitors'],
      date_range: '7d',
      dimensions: [],
      filters: [],
      order_by: [['visitors', 'desc']],
      include: { comparison: null, time_labels: false, total_rows: false },
      pagination: { limit: 100, offset: 0 },
    });
  });

  it('compares with the previous period and the same days a year before', async () => {
    const metrics = ['visitors', 'visits', 'pageviews', 'bounce_rate', 'visit_duration', 'views_per_visit'];
    const previous = await ask({ metrics, include: { comparison: 'previous_period' } });
    // The previous 7 days: erin's one visit, two page views, 60 s.
    assert.deepEqual(previous.results[0].comparison, {
      dimensions: [],
      metrics: [1, 1, 2, 0, 60, 2],
      change: [300, 500, 300, 67, 215, -33],
    });
    assert.deepEqual(previous.meta.comparison_date_range, ['2026-03-07', '2026-03-13']);
    const yearBefore = await ask({ metrics: ['visitors', 'bounce_rate'], include: { comparison: 'year_over_year' } });
    assert.deepEqual(yearBefore.results[0].comparison, { dimensions: [], metrics: [0, 0], change: [100, 67] });
    assert.deepEqual(yearBefore.meta.comparison_date_range, ['2025-03-14', '2025-03-20']);
  });

  it('breaks pages down by the events on them: visitors, page views and time on page; visits by entry page', async () => {
    const json = await ask({ metrics: ['visitors', 'pageviews', 'time_on_page', 'visits', 'bounce_rate'], dimensions: ['event:page'] });
    assert.deepEqual(flat(json), [
      // /pricing: alice, carol, bob; 30 s of engagement over 3 views; entered once (b2, a bounce).
      ['/pricing', 3, 3, 10, 1, 100],
      // /: alice and dave; dave's 10 s over 2 views; entered by a1 and d1 (d1 bounced).
      ['/', 2, 2, 5, 2, 50],
      // /blog/hello: bob and alice; 45 s over 2 views rounds 22.5 up; entered by b1 and a2 (both bounced).
      ['/blog/hello', 2, 2, 23, 2, 100],
      ['/search', 1, 1, 0, 1, 0],
    ]);
  });

  it('breaks visits down by entry and exit page, and visitors by visitor type', async () => {
    assert.deepEqual(flat(await ask({ metrics: ['visits', 'visitors'], dimensions: ['visit:entry_page'] })), [
      ['/', 2, 2],
      ['/blog/hello', 2, 2],
      ['/pricing', 1, 1],
      ['/search', 1, 1],
    ]);
    assert.deepEqual(flat(await ask({ metrics: ['visits'], dimensions: ['visit:exit_page'] })), [
      ['/pricing', 3],
      ['/blog/hello', 2],
      ['/', 1],
    ]);
    assert.deepEqual(flat(await ask({ metrics: ['visitors', 'visits'], dimensions: ['visit:visitor_type'] })), [
      ['new', 4, 4],
      ['returning', 2, 2],
    ]);
  });

  it('breaks visits down by source, referrer and channel as the enrichment names them', async () => {
    const sources = byCountThenName([
      [names.newsletter.source, 1, 2, 100],
      [names.direct.source, 2, 2, 100],
      [names.google.source, 1, 1, 0],
      [names.hackerNews.source, 1, 1, 0],
    ]);
    assert.deepEqual(
      flat(
        await ask({
          metrics: ['visitors', 'visits', 'bounce_rate'],
          dimensions: ['visit:source'],
          order_by: [
            ['visitors', 'desc'],
            ['visits', 'desc'],
          ],
        }),
      ),
      sources.sort((a, b) => b[1] - a[1] || b[2] - a[2] || Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0]))),
    );
    assert.deepEqual(flat(await ask({ metrics: ['visits'], dimensions: ['visit:referrer'] })), [
      ['Direct / None', 4],
      ['google.com/', 1],
      ['news.ycombinator.com/item', 1],
    ]);
    const channels = new Map<string, number>();
    for (const [channel, visits] of [
      [names.google.channel, 1],
      [names.newsletter.channel, 2],
      [names.direct.channel, 2],
      [names.hackerNews.channel, 1],
    ] as const) {
      channels.set(channel, (channels.get(channel) ?? 0) + visits);
    }
    const expected = byCountThenName([...channels].map(([channel, visits]) => [channel, visits]));
    assert.deepEqual(flat(await ask({ metrics: ['visits'], dimensions: ['visit:channel'] })), expected);
  });

  it('breaks visits down by each campaign tag', async () => {
    const tags = async (dimension: string) => flat(await ask({ metrics: ['visits'], dimensions: [dimension] }));
    assert.deepEqual(await tags('visit:utm_source'), [
      ['(not set)', 4],
      ['newsletter', 2],
    ]);
    assert.deepEqual(await tags('visit:utm_medium'), [
      ['(not set)', 4],
      ['email', 2],
    ]);
    assert.deepEqual(await tags('visit:utm_campaign'), [
      ['(not set)', 4],
      ['spring', 1],
      ['summer', 1],
    ]);
    assert.deepEqual(await tags('visit:utm_term'), [['(not set)', 6]]);
    assert.deepEqual(await tags('visit:utm_content'), [['(not set)', 6]]);
  });

  it('breaks visitors down by place and device, with their percentage', async () => {
    const ask2 = async (dimension: string) => flat(await ask({ metrics: ['visitors', 'percentage'], dimensions: [dimension] }));
    assert.deepEqual(await ask2('visit:country'), [
      ['(not set)', 1, 25],
      ['AT', 1, 25],
      ['DE', 1, 25],
      ['FR', 1, 25],
    ]);
    assert.deepEqual(await ask2('visit:isp'), [['(not set)', 4, 100]]);
    const device = (info: { device: string | null }) => info.device ?? '(not set)';
    assert.deepEqual(
      await ask2('visit:device'),
      byCountThenName([
        [device(names.chrome), 3, 75],
        [device(names.iphone), 1, 25],
      ]),
    );
    const browsers = new Map<string, number>();
    for (const info of [names.chrome, names.firefox, names.firefox, names.iphone])
      browsers.set(info.browser ?? '(not set)', (browsers.get(info.browser ?? '(not set)') ?? 0) + 1);
    assert.deepEqual(await ask2('visit:browser'), byCountThenName([...browsers].map(([b, n]) => [b, n, n * 25])));
    const systems = new Map<string, number>();
    for (const info of [names.chrome, names.firefox, names.firefox, names.iphone])
      systems.set(info.os ?? '(not set)', (systems.get(info.os ?? '(not set)') ?? 0) + 1);
    assert.deepEqual(await ask2('visit:os'), byCountThenName([...systems].map(([o, n]) => [o, n, n * 25])));
    assert.deepEqual(await ask2('visit:screen'), [
      ['1280x800', 1, 25],
      ['1440x900', 1, 25],
      ['1920x1080', 1, 25],
      ['390x844', 1, 25],
    ]);
    assert.deepEqual(await ask2('visit:language'), [
      ['en-US', 2, 50],
      ['de-DE', 1, 25],
      ['en-GB', 1, 25],
    ]);
  });

  it('breaks events down by host name, name, site search and custom property', async () => {
    assert.deepEqual(flat(await ask({ metrics: ['visitors', 'pageviews'], dimensions: ['event:hostname'] })), [['www.example.com', 4, 8]]);
    assert.deepEqual(flat(await ask({ metrics: ['visitors', 'events', 'pageviews'], dimensions: ['event:name'] })), [
      ['pageview', 4, 0, 8],
      ['signup', 2, 2, 0],
    ]);
    assert.deepEqual(flat(await ask({ metrics: ['visitors'], dimensions: ['event:search'] })), [
      ['(not set)', 4],
      ['vps hosting', 1],
    ]);
    assert.deepEqual(
      flat(await ask({ metrics: ['visitors', 'events'], dimensions: ['event:props:plan'], filters: [['is', 'event:name', ['signup']]] })),
      [
        ['basic', 1, 1],
        ['pro', 1, 1],
      ],
    );
  });

  it('counts a visit on the day it started, with all its events, in every time dimension', async () => {
    const json = await ask({ metrics: ['visitors', 'visits', 'pageviews'], dimensions: ['time:day'], include: { time_labels: true } });
    assert.deepEqual(flat(json), [
      ['2026-03-14', 0, 0, 0],
      ['2026-03-15', 0, 0, 0],
      ['2026-03-16', 0, 0, 0],
      ['2026-03-17', 0, 0, 0],
      ['2026-03-18', 2, 2, 3],
      // carol's visit started at 23:50: its page view after midnight counts here too.
      ['2026-03-19', 2, 2, 3],
      ['2026-03-20', 2, 2, 2],
    ]);
    assert.deepEqual(json.meta.time_labels, [
      '2026-03-14',
      '2026-03-15',
      '2026-03-16',
      '2026-03-17',
      '2026-03-18',
      '2026-03-19',
      '2026-03-20',
    ]);
    assert.deepEqual(flat(await ask({ metrics: ['visits'], dimensions: ['time:week'] })), [['2026-03-16', 6]]);
    assert.deepEqual(flat(await ask({ metrics: ['visits'], dimensions: ['time:month'], date_range: 'month' })), [['2026-03-01', 7]]);
    assert.deepEqual(flat(await ask({ metrics: ['visits'], dimensions: ['time:hour'], date_range: 'day' })), [
      ['2026-03-20 08:00:00', 1],
      ['2026-03-20 11:00:00', 1],
    ]);
    assert.deepEqual(flat(await ask({ metrics: ['visits'], dimensions: ['time:hour_of_day'] })), [
      [8, 1],
      [9, 1],
      [10, 1],
      [11, 1],
      [21, 1],
      [23, 1],
    ]);
    // Wednesday 18th, Thursday 19th, Friday 20th (1 = Monday).
    assert.deepEqual(flat(await ask({ metrics: ['pageviews'], dimensions: ['time:day_of_week', 'time:hour_of_day'] })), [
      [3, 9, 2],
      [3, 21, 1],
      [4, 10, 1],
      [4, 23, 2],
      [5, 8, 1],
      [5, 11, 1],
    ]);
  });

  it('lines the comparison of a time series up by position', async () => {
    const json = await ask({
      metrics: ['visits'],
      dimensions: ['time:day'],
      date_range: ['2026-03-18', '2026-03-20'],
      include: { comparison: 'previous_period' },
    });
    assert.deepEqual(
      json.results.map((r: { dimensions: string[]; metrics: number[]; comparison: { dimensions: string[]; metrics: number[] } }) => [
        r.dimensions[0],
        r.metrics[0],
        r.comparison.dimensions[0],
        r.comparison.metrics[0],
      ]),
      [
        ['2026-03-18', 2, '2026-03-15', 0],
        ['2026-03-19', 2, '2026-03-16', 0],
        ['2026-03-20', 2, '2026-03-17', 0],
      ],
    );
  });

  it('filters with is, is_not, contains, contains_not, not, or and and', async () => {
    const figures = async (filters: unknown[]) => flat(await ask({ metrics: ['visitors', 'visits', 'pageviews'], filters }))[0];
    assert.deepEqual(await figures([['is', 'visit:country', ['DE', 'AT']]]), [2, 4, 5]);
    // A visit without a country is "(not set)", which is not DE.
    assert.deepEqual(await figures([['is_not', 'visit:country', ['DE']]]), [3, 4, 5]);
    assert.deepEqual(await figures([['is', 'visit:country', ['(not set)']]]), [1, 1, 2]);
    // Page views on /blog pages, by their visitors; visits that entered there.
    assert.deepEqual(await figures([['contains', 'event:page', ['/blog']]]), [2, 2, 2]);
    assert.deepEqual(await figures([['contains_not', 'visit:utm_campaign', ['spr']]]), [4, 5, 7]);
    assert.deepEqual(await figures([['not', ['is', 'visit:country', ['DE']]]]), [3, 4, 5]);
    assert.deepEqual(
      await figures([
        [
          'or',
          [
            ['is', 'visit:country', ['FR']],
            ['is', 'visit:visitor_type', ['returning']],
          ],
        ],
      ]),
      [3, 3, 3],
    );
    assert.deepEqual(
      await figures([
        [
          'and',
          [
            ['is', 'visit:country', ['DE']],
            ['contains', 'event:page', ['/blog']],
          ],
        ],
      ]),
      [1, 1, 1],
    );
    // Matching is exact and case-sensitive; % and _ are plain text.
    assert.deepEqual(await figures([['contains', 'event:page', ['/BLOG', '%', '_']]]), [0, 0, 0]);
    assert.deepEqual(await figures([['is', 'event:search', ['vps hosting']]]), [1, 1, 1]);
    assert.deepEqual(await figures([['is', 'event:props:plan', ['pro']]]), [1, 1, 0]);
    assert.deepEqual(await figures([['is', 'event:hostname', ['www.example.com']]]), [4, 6, 8]);
  });

  it('counts visits that entered on a page, and visitors who viewed it, under an event:page filter', async () => {
    const json = await ask({
      metrics: ['visitors', 'visits', 'bounce_rate', 'visit_duration', 'views_per_visit', 'time_on_page'],
      filters: [['is', 'event:page', ['/pricing']]],
    });
    // Viewed by alice, carol and bob; entered only by b2 (a bounce of 0 s).
    assert.deepEqual(flat(json), [[3, 1, 100, 0, 1, 10]]);
  });

  it('gives the conversion rate of a goal among all visitors, also per group', async () => {
    const goal = ['is', 'event:name', ['signup']];
    assert.deepEqual(flat(await ask({ metrics: ['visitors', 'events', 'conversion_rate'], filters: [goal] })), [[2, 2, 50]]);
    assert.deepEqual(flat(await ask({ metrics: ['visitors', 'conversion_rate'], filters: [goal], dimensions: ['visit:country'] })), [
      ['(not set)', 1, 25],
      ['DE', 1, 25],
    ]);
    // A page goal, with another filter kept in the base: DE visitors (alice) who viewed /pricing.
    assert.deepEqual(
      flat(
        await ask({
          metrics: ['conversion_rate'],
          filters: [
            ['is', 'event:page', ['/pricing']],
            ['is', 'visit:country', ['DE']],
          ],
        }),
      ),
      [[100]],
    );
  });

  it('orders by any metric or dimension, paginates and counts the rows', async () => {
    const json = await ask({
      metrics: ['pageviews'],
      dimensions: ['event:page'],
      order_by: [
        ['pageviews', 'asc'],
        ['event:page', 'desc'],
      ],
      pagination: { limit: 2, offset: 1 },
      include: { total_rows: true },
    });
    // Ascending page views: /search 1, then /blog/hello 2 and / 2 (descending names), then /pricing 3.
    assert.deepEqual(flat(json), [
      ['/blog/hello', 2],
      ['/', 2],
    ]);
    assert.equal(json.meta.total_rows, 4);
    const byName = await ask({
      metrics: ['visits'],
      dimensions: ['visit:entry_page'],
      order_by: [['visit:entry_page', 'desc']],
      pagination: { limit: 1 },
    });
    assert.deepEqual(flat(byName), [['/search', 1]]);
    const ratio = await ask({ metrics: ['bounce_rate'], dimensions: ['visit:entry_page'], order_by: [['bounce_rate', 'asc']] });
    assert.deepEqual(flat(ratio), [
      ['/search', 0],
      ['/', 50],
      ['/blog/hello', 100],
      ['/pricing', 100],
    ]);
  });

  it('answers realtime from the last 5 minutes, and ranges named and explicit', async () => {
    assert.deepEqual(flat(await ask({ metrics: ['visitors', 'pageviews'], date_range: 'realtime' })), [[1, 1]]);
    assert.deepEqual(flat(await ask({ metrics: ['visits'], date_range: 'day' })), [[2]]);
    assert.deepEqual(flat(await ask({ metrics: ['visits'], date_range: '30d' })), [[7]]);
    assert.deepEqual(flat(await ask({ metrics: ['visits'], date_range: '12mo' })), [[7]]);
    assert.deepEqual((await ask({ metrics: ['visits'], date_range: '12mo' })).meta.date_range, ['2025-04-01', '2026-03-20']);
    const all = await ask({ metrics: ['visits'], date_range: 'all' });
    assert.deepEqual([flat(all), all.meta.date_range], [[[7]], ['2026-03-12', '2026-03-20']]);
    assert.deepEqual(flat(await ask({ metrics: ['visits'], date_range: ['2026-03-19', '2026-03-19'] })), [[2]]);
    assert.deepEqual(flat(await ask({ metrics: ['visits'], date_range: ['2025-01-01', '2025-01-31'] })), [[0]]);
  });

  it('counts consent decisions and the opt-in rate, by method and by day', async () => {
    assert.deepEqual(flat(await ask({ metrics: ['decisions', 'opt_in_rate'], include: { comparison: 'previous_period' } })), [[4, 50]]);
    assert.deepEqual(flat(await ask({ metrics: ['decisions', 'opt_in_rate'], dimensions: ['consent:method'] })), [
      ['accept-all', 1, 100],
      ['custom', 1, 100],
      ['gpc', 1, 0],
      ['reject-all', 1, 0],
    ]);
    assert.deepEqual(
      flat(
        await ask({
          metrics: ['decisions'],
          dimensions: ['time:day'],
          date_range: ['2026-03-18', '2026-03-20'],
          filters: [['is_not', 'consent:method', ['gpc']]],
        }),
      ),
      [
        ['2026-03-18', 2],
        ['2026-03-19', 1],
      ],
    );
    const compared = await ask({ metrics: ['decisions', 'opt_in_rate'], include: { comparison: 'previous_period' } });
    assert.deepEqual(compared.results[0].comparison.metrics, [1, 100]);
    assert.deepEqual(compared.results[0].comparison.change, [300, -50]);
  });

  it('answers hostile text as text', async () => {
    const hostile = '"><img src=x onerror=alert(1)>';
    const res = await site.request('POST', '/collect', {
      body: {
        type: 'pageview',
        url: `${SITE}/x`,
        path: `/${hostile}`,
        referrer: '',
        visitorId: 'mallory',
        visitId: 'm1',
        ts: new Date().toISOString(),
        utm: { campaign: hostile },
        consent: { analytics: true },
      },
    });
    assert.equal(res.status, 202);
    const json = await ask({
      metrics: ['visits'],
      dimensions: ['visit:utm_campaign', 'visit:entry_page'],
      filters: [['is', 'visit:utm_campaign', [hostile]]],
      date_range: 'all',
    });
    assert.deepEqual(flat(json), [[hostile, `/${hostile}`, 1]]);
  });
};

describeStores('POST /api/query on a hand-counted site', suite(false));
describeStores('POST /api/query on a hand-counted site, from the roll-ups', suite(true));
