// A small site whose every figure can be counted by hand, for the query API's
// tests on both stores. Events are posted to the real collector (POST /collect,
// POST /consent) with the collector's clock set to each event's arrival time.
//
// Reporting days (UTC): 2026-03-12 (previous period), 2026-03-18, -19, -20 (today,
// the clock stops at 12:00). Six visits of four visitors in the last 7 days:
//
//   visit  visitor  arrives (UTC)        pages (client seconds from start)                  what else
//   a1     alice    03-18 09:00          / (0, from Google), /pricing (60)                  engagement 30 s on /pricing (90), signup {plan: pro} (120); DE, Chrome
//   b1     bob      03-18 21:30          /blog/hello (0), utm newsletter/email/spring       engagement 45 s (45); AT, Firefox
//   a2     alice    03-19 10:00          /blog/hello (0), direct                            DE, Chrome: returning
//   c1     carol    03-19 23:50          /search?q=vps hosting (0, from Hacker News),       signup {plan: basic} (960, arrives 03-20 00:06); no country, iPhone
//                                        /pricing (900, arrives 03-20 00:05)
//   d1     dave     03-20 11:58          / (0), direct                                      engagement 10 s on / (10); FR, Firefox
//   b2     bob      03-20 08:00          /pricing (0), utm newsletter/email/summer          AT, Firefox: returning
//   e1     erin     03-12 10:00          / (0, from Google), /about (60)                    DE, Chrome (the previous 7 days)
//
// Consent decisions: 03-18 09:00 accept-all, 03-18 21:30 custom (analytics granted),
// 03-19 12:00 reject-all, 03-20 11:59 gpc; 03-12 09:00 accept-all.
import { createEnricher } from '../src/enrichment/index.ts';
import { createAgentClassifier } from '../src/user-agent.ts';
import { FIREFOX_UA, makeConsent, query as dbQuery, type StoreKind } from './helpers.ts';
import { startApp, type AppHandle } from './in-process.ts';
import { CHROME_UA } from './collector-process.js';

export const TOKEN = 'query-api-test-token-0123456789';
export const AUTH = { authorization: `Bearer ${TOKEN}` };
export const SITE = 'https://www.example.com';
export const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

/** The fixture's "now": queries run at this time. */
export const NOW = Date.parse('2026-03-20T12:00:00.000Z');

/** Names the enrichment gives (computed through it, so that its rules stay its own). */
export async function enrichedNames() {
  const enricher = await createEnricher();
  const agent = createAgentClassifier();
  return {
    google: enricher.acquisition('https://www.google.com/', `${SITE}/`, undefined),
    hackerNews: enricher.acquisition('https://news.ycombinator.com/item', `${SITE}/search`, undefined),
    newsletter: enricher.acquisition('', `${SITE}/blog/hello`, { source: 'newsletter', medium: 'email', campaign: 'spring' }),
    direct: enricher.acquisition('', `${SITE}/`, undefined),
    chrome: agent(CHROME_UA),
    firefox: agent(FIREFOX_UA),
    iphone: agent(IPHONE_UA),
  };
}

/** One event of the fixture: when it arrives, with which request headers, and its body. */
interface Arrival {
  at: string;
  userAgent: string;
  country?: string;
  body: Record<string, unknown>;
}

/** An event of visit `visitId` of `visitorId` that started at `start`, on `path`, `seconds` into the visit. */
function event(visitorId: string, visitId: string, start: string, path: string, seconds: number, extra: Record<string, unknown> = {}) {
  const startMs = Date.parse(start);
  return {
    type: 'pageview',
    url: `${SITE}${path}`,
    path,
    title: 'Page',
    referrer: '',
    visitorId,
    visitId,
    visitStart: new Date(startMs).toISOString(),
    ts: new Date(startMs + seconds * 1000).toISOString(),
    language: 'en-GB',
    screen: '1920x1080',
    timezone: 'Europe/Berlin',
    consent: { id: `consent-${visitorId}`, revision: 1, analytics: true },
    ...extra,
  };
}

/** Arrival `seconds` after `start` (ISO). */
const after = (start: string, seconds: number) => new Date(Date.parse(start) + seconds * 1000).toISOString();

function arrivals(): Arrival[] {
  const list: Arrival[] = [];
  const visit = (
    visitor: string,
    id: string,
    start: string,
    userAgent: string,
    country: string | undefined,
    events: [number, Record<string, unknown>, number?][],
  ) => {
    for (const [seconds, fields, arrivesAfter] of events) {
      const { path = '/', ...rest } = fields as { path?: string };
      list.push({ at: after(start, arrivesAfter ?? seconds), userAgent, country, body: event(visitor, id, start, path, seconds, rest) });
    }
  };
  const alice = { screen: '1920x1080', language: 'de-DE' };
  const bob = { screen: '1280x800', language: 'en-US' };
  visit('alice', 'a1', '2026-03-18T09:00:00.000Z', CHROME_UA, 'DE', [
    [0, { path: '/', referrer: 'https://www.google.com/', ...alice }],
    [60, { path: '/pricing', ...alice }],
    [90, { path: '/pricing', type: 'engagement', engagedMs: 30_000, ...alice }],
    [120, { path: '/pricing', type: 'event', name: 'signup', props: { plan: 'pro' }, ...alice }],
  ]);
  const spring = { source: 'newsletter', medium: 'email', campaign: 'spring' };
  visit('bob', 'b1', '2026-03-18T21:30:00.000Z', FIREFOX_UA, 'AT', [
    [0, { path: '/blog/hello', utm: spring, ...bob }],
    [45, { path: '/blog/hello', type: 'engagement', engagedMs: 45_000, utm: spring, ...bob }],
  ]);
  visit('alice', 'a2', '2026-03-19T10:00:00.000Z', CHROME_UA, 'DE', [[0, { path: '/blog/hello', ...alice }]]);
  const carol = { screen: '390x844', language: 'en-US' };
  visit('carol', 'c1', '2026-03-19T23:50:00.000Z', IPHONE_UA, undefined, [
    [0, { path: '/search', search: 'vps hosting', referrer: 'https://news.ycombinator.com/item', ...carol }],
    [900, { path: '/pricing', ...carol }],
    [960, { path: '/pricing', type: 'event', name: 'signup', props: { plan: 'basic' }, ...carol }],
  ]);
  visit('dave', 'd1', '2026-03-20T11:58:00.000Z', FIREFOX_UA, 'FR', [
    [0, { path: '/', screen: '1440x900' }],
    [10, { path: '/', type: 'engagement', engagedMs: 10_000, screen: '1440x900' }],
  ]);
  visit('bob', 'b2', '2026-03-20T08:00:00.000Z', FIREFOX_UA, 'AT', [
    [0, { path: '/pricing', utm: { source: 'newsletter', medium: 'email', campaign: 'summer' }, ...bob }],
  ]);
  visit('erin', 'e1', '2026-03-12T10:00:00.000Z', CHROME_UA, 'DE', [
    [0, { path: '/', referrer: 'https://www.google.com/' }],
    [60, { path: '/about' }],
  ]);
  return list.sort((a, b) => a.at.localeCompare(b.at));
}

/** Consent decisions: when, how, and whether analytics was granted. */
const DECISIONS: [at: string, method: string, analytics: boolean][] = [
  ['2026-03-12T09:00:00.000Z', 'accept-all', true],
  ['2026-03-18T09:00:00.000Z', 'accept-all', true],
  ['2026-03-18T21:30:00.000Z', 'custom', true],
  ['2026-03-19T12:00:00.000Z', 'reject-all', false],
  ['2026-03-20T11:59:00.000Z', 'gpc', false],
];

/** A collector on `store` in `timezone` holding the fixture; its clock stands at {@link NOW} afterwards. */
export async function startFixture(store: StoreKind, timezone = 'UTC'): Promise<AppHandle & { setNow(iso: string): void }> {
  let now = NOW;
  const collector = await startApp({
    store,
    options: { adminToken: TOKEN, countryHeader: 'cf-ipcountry', timezone, allowOrigins: [SITE], clock: () => new Date(now) },
  });
  const setNow = (iso: string) => {
    now = Date.parse(iso);
  };
  for (const { at, userAgent, country, body } of arrivals()) {
    setNow(at);
    const res = await collector.request('POST', '/collect', {
      body,
      headers: { 'user-agent': userAgent, ...(country ? { 'cf-ipcountry': country } : {}) },
    });
    if (res.status !== 202) throw new Error(`fixture event refused: ${res.status} ${res.text}`);
  }
  for (const [i, [at, method, analytics]] of DECISIONS.entries()) {
    setNow(at);
    const body = makeConsent({ id: `decision-${i}`, method, categories: { necessary: true, analytics } });
    const res = await collector.request('POST', '/consent', { body, headers: { origin: SITE } });
    if (res.status !== 201) throw new Error(`fixture decision refused: ${res.status} ${res.text}`);
  }
  setNow(new Date(NOW).toISOString());
  return { ...collector, setNow };
}

/** POST /api/query with the admin token, `body` as JSON (a string too); resolves the answer. */
export async function query(collector: AppHandle, body: unknown) {
  return collector.request('POST', '/api/query', { body: JSON.stringify(body), headers: AUTH, contentType: 'application/json' });
}

/** Roll the closed days up now (the collector does it every minute), and check that it did. */
export async function rollUp(collector: AppHandle): Promise<void> {
  await (collector.app as unknown as { rollups: { run(): Promise<void> } }).rollups.run();
  const [state] = await dbQuery(collector.db, 'SELECT rolled_until FROM rollup_state');
  if (!state) throw new Error('the roll-ups were not built');
}
