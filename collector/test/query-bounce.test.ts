// A bounce is a visit of one page view with no custom event (docs/analytics.md#metrics):
// a custom event is an interaction, an engagement report is not. Asked of the raw
// rows and of the roll-ups, for the whole range and by entry page, on both stores.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeStores, type StoreKind } from './helpers.ts';
import { startApp, type AppHandle } from './in-process.ts';
import { query, rollUp, SITE, TOKEN } from './query-fixture.ts';

/** The collector's clock while the visits arrive, and when they are asked about (the next day). */
const VISIT_DAY = '2026-03-19T10:00:00.000Z';
const ASKED_AT = '2026-03-20T12:00:00.000Z';

/** Visit `id` entering at `entry`, with `more` events after its page view (type and path). */
function visitEvents(id: string, entry: string, more: Record<string, unknown>[]) {
  const start = Date.parse(VISIT_DAY);
  return [{ type: 'pageview', path: entry }, ...more].map((fields, i) => ({
    url: `${SITE}${fields.path ?? entry}`,
    title: 'Page',
    referrer: '',
    visitorId: `visitor-${id}`,
    visitId: id,
    visitStart: new Date(start).toISOString(),
    ts: new Date(start + i * 20_000).toISOString(),
    consent: { id: `consent-${id}`, revision: 1, analytics: true },
    path: entry,
    ...fields,
  }));
}

const VISITS = [
  // One page view and a custom event: an interaction, not a bounce.
  visitEvents('signed-up', '/a', [{ type: 'event', name: 'signup', props: { plan: 'pro' } }]),
  // One page view alone: a bounce.
  visitEvents('left', '/a', []),
  // One page view and the time spent on it: still a bounce.
  visitEvents('read', '/b', [{ type: 'engagement', engagedMs: 15_000 }]),
  // Two page views: not a bounce.
  visitEvents('browsed', '/b', [{ type: 'pageview', path: '/c' }]),
];

const suite = (rolled: boolean) => (store: StoreKind) => {
  let site: AppHandle;
  before(async () => {
    let now = Date.parse(VISIT_DAY);
    site = await startApp({ store, options: { adminToken: TOKEN, allowOrigins: [SITE], clock: () => new Date(now) } });
    for (const body of VISITS.flat()) {
      const res = await site.request('POST', '/collect', { body });
      assert.equal(res.status, 202, res.text);
    }
    now = Date.parse(ASKED_AT);
    if (rolled) await rollUp(site);
  });
  after(() => site.stop());

  const ask = async (body: Record<string, unknown>) => {
    const res = await query(site, { date_range: '7d', ...body });
    assert.equal(res.status, 200, res.text);
    return (res.json as { results: { dimensions: string[]; metrics: number[] }[] }).results;
  };

  it('counts a visit with a custom event as no bounce, one with only an engagement report as one', async () => {
    const [total] = await ask({ metrics: ['visits', 'bounce_rate'] });
    assert.deepEqual(total?.metrics, [4, 50], 'two bounces (left, read) of four visits');
  });

  it('gives each entry page its own bounces, adding up to the whole', async () => {
    const rows = await ask({ metrics: ['visits', 'bounce_rate'], dimensions: ['visit:entry_page'] });
    assert.deepEqual(
      rows.map((r) => [...r.dimensions, ...r.metrics]),
      [
        ['/a', 2, 50],
        ['/b', 2, 50],
      ],
    );
  });
};

describeStores('bounce rate: what counts as an interaction', suite(false));
describeStores('bounce rate: what counts as an interaction, from the roll-ups', suite(true));
