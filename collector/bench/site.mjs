// A realistic site's analytics, generated and bulk-loaded into a collector's
// database, for the query benchmarks (`bench/query.mjs`, and the dashboard's).
//
//   import { loadSite } from './site.mjs';
//   await loadSite({ store: 'sqlite', file }, { events: 1_000_000 });          // a migrated database
//   await loadSite({ store: 'postgres', url }, { events: 10_000_000, seed: 2 });
//
// The database must exist and be migrated (start a collector on it once). The
// site, over the last 12 months up to `now`: a power-law spread of pages,
// referrers, countries and ISPs; 30 % of visits by returning visitors; 2–4 page
// views per visit, most followed by an engagement event; custom events with
// properties in a quarter of the visits; campaign tags on about one visit in
// eight; site searches; weekly and daily rhythms and some growth; a few visits
// in the last minutes (for realtime); and the consent decisions of every
// visitor, refusals included. Rows go in with direct bulk inserts (the
// collector's own ingestion path would take hours for 10 M events), in the
// collector's schema, with the visits computed as ingestion computes them.
//
// Deterministic: the same seed, event count and `now` give the same site in
// either store.
import Database from 'better-sqlite3';
import pg from 'pg';

const DAY_MS = 86_400_000;

/** mulberry32: numbers in [0, 1), the same sequence for the same seed. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks items with weights ∝ 1 / rank^s (Zipf), or with the given weights. */
function weighted(items, weights) {
  const cumulative = [];
  let sum = 0;
  for (const weight of weights) cumulative.push((sum += weight));
  return (random) => {
    const target = random() * sum;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return items[low];
  };
}
const zipf = (items, s = 1) =>
  weighted(
    items,
    items.map((_, i) => 1 / (i + 1) ** s),
  );

const PAGES = [
  '/',
  '/pricing',
  '/features',
  '/blog',
  '/docs',
  '/about',
  '/contact',
  '/search',
  ...Array.from({ length: 1500 }, (_, i) => `/blog/post-${i + 1}`),
  ...Array.from({ length: 480 }, (_, i) => `/docs/${['start', 'guides', 'api', 'faq'][i % 4]}/page-${i + 1}`),
];

/** [referrer URL, source, channel]: search engines, social sites, AI assistants, many small referrers, and direct. */
const REFERRERS = [
  ['', 'Direct / None', 'Direct'],
  ['https://www.google.com/', 'Google', 'Organic Search'],
  ['https://news.ycombinator.com/item', 'Hacker News', 'Organic Social'],
  ['https://www.bing.com/', 'Bing', 'Organic Search'],
  ['https://duckduckgo.com/', 'DuckDuckGo', 'Organic Search'],
  ['https://www.reddit.com/r/webdev/', 'Reddit', 'Organic Social'],
  ['https://chatgpt.com/', 'ChatGPT', 'AI Assistants'],
  ['https://t.co/x', 'Twitter', 'Organic Social'],
  ['https://github.com/example/repo', 'GitHub', 'Referral'],
  ['https://www.linkedin.com/feed/', 'LinkedIn', 'Organic Social'],
  ['https://www.perplexity.ai/', 'Perplexity', 'AI Assistants'],
  ['https://www.youtube.com/watch', 'YouTube', 'Organic Video'],
  ['https://www.facebook.com/', 'Facebook', 'Organic Social'],
  ['https://mastodon.social/@x', 'Mastodon', 'Organic Social'],
  ['https://www.ecosia.org/', 'Ecosia', 'Organic Search'],
  ...Array.from({ length: 280 }, (_, i) => {
    const host = `blog${i + 1}.example.org`;
    return [`https://${host}/post`, host, 'Referral'];
  }),
];

/** [utm_source, utm_medium, utm_campaign, channel]. */
const CAMPAIGNS = [
  ['newsletter', 'email', 'spring-sale', 'Email'],
  ['newsletter', 'email', 'product-update', 'Email'],
  ['google', 'cpc', 'brand', 'Paid Search'],
  ['google', 'cpc', 'competitors', 'Paid Search'],
  ['facebook', 'paid_social', 'retargeting', 'Paid Social'],
  ['partner', 'affiliate', 'q2-partners', 'Affiliates'],
  ['display-network', 'display', 'awareness', 'Display'],
  ['podcast', 'audio', 'sponsor', 'Paid Other'],
];

const COUNTRIES = [
  'US',
  'DE',
  'GB',
  'FR',
  'IN',
  'NL',
  'CA',
  'ES',
  'IT',
  'BR',
  'PL',
  'SE',
  'AU',
  'CH',
  'AT',
  'JP',
  'BE',
  'DK',
  'NO',
  'FI',
  'IE',
  'PT',
  'CZ',
  'RO',
  'MX',
  'AR',
  'ZA',
  'NG',
  'KR',
  'SG',
  'TR',
  'UA',
  'GR',
  'HU',
  'NZ',
  'IL',
  'ID',
  'VN',
  'PH',
  null,
];
const ISPS = [
  ...[
    'Deutsche Telekom AG',
    'Comcast Cable Communications, LLC',
    'Vodafone GmbH',
    'British Telecommunications PLC',
    'Orange S.A.',
    'Verizon Business',
    'AT&T Services, Inc.',
    'Charter Communications Inc',
    'Telefonica de Espana S.A.U.',
    'Reliance Jio Infocomm Limited',
  ],
  ...Array.from({ length: 110 }, (_, i) => `Regional ISP ${i + 1}`),
  null,
];
/** [user agent, browser, os, device, screens]. */
const AGENTS = [
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    'Chrome',
    'Windows',
    'desktop',
    ['1920x1080', '1366x768', '2560x1440'],
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
    'Safari',
    'iOS',
    'mobile',
    ['390x844', '393x852', '430x932'],
  ],
  [
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
    'Chrome',
    'Android',
    'mobile',
    ['412x915', '360x800'],
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
    'Safari',
    'macOS',
    'desktop',
    ['1440x900', '1512x982', '1728x1117'],
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
    'Edge',
    'Windows',
    'desktop',
    ['1920x1080', '1536x864'],
  ],
  ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox', 'Linux', 'desktop', ['1920x1080', '2560x1440']],
  [
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
    'Samsung Internet',
    'Android',
    'mobile',
    ['384x854'],
  ],
  [
    'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
    'Safari',
    'iPadOS',
    'tablet',
    ['820x1180', '1024x1366'],
  ],
];
const LANGUAGES = ['en-US', 'de-DE', 'en-GB', 'fr-FR', 'es-ES', 'nl-NL', 'it-IT', 'pt-BR', 'pl-PL', 'sv-SE', 'ja-JP'];
const SEARCHES = Array.from(
  { length: 300 },
  (_, i) =>
    ['vps hosting', 'pricing', 'api key', 'dns', 'backup', 'ssl certificate', 'email', 'domain transfer'][i % 8] + (i >= 8 ? ` ${i}` : ''),
);
/** [name, props] of custom events. */
const CUSTOM_EVENTS = [
  ['signup', () => ({ plan: ['basic', 'pro', 'team'] })],
  ['download', () => ({ format: ['pdf', 'zip'] })],
  ['outbound', () => ({ url: ['https://github.com/example', 'https://docs.example.net'] })],
  ['play_video', () => ({ video: ['intro', 'tour', 'webinar'] })],
  ['newsletter', () => ({})],
];
const HOSTNAMES = ['www.example.com', 'docs.example.com'];

/** Columns the loader fills, in the collector's schema. */
const EVENT_COLUMNS = [
  'type',
  'url',
  'path',
  'title',
  'referrer',
  'search',
  'visitor_id',
  'visit_id',
  'visit_start',
  'ts',
  'language',
  'screen',
  'timezone',
  'engaged_ms',
  'name',
  'props',
  'consent_id',
  'consent_revision',
  'ip',
  'user_agent',
  'browser',
  'referrer_host',
  'utm',
  'os',
  'device',
  'country',
  'isp',
  'source',
  'channel',
  'hostname',
  'received_at',
  'visit_key',
];
const EVENT_TYPES = {
  type: 'text',
  url: 'text',
  path: 'text',
  title: 'text',
  referrer: 'text',
  search: 'text',
  visitor_id: 'text',
  visit_id: 'text',
  visit_start: 'timestamptz',
  ts: 'timestamptz',
  language: 'text',
  screen: 'text',
  timezone: 'text',
  engaged_ms: 'bigint',
  name: 'text',
  props: 'json',
  consent_id: 'text',
  consent_revision: 'integer',
  ip: 'text',
  user_agent: 'text',
  browser: 'text',
  referrer_host: 'text',
  utm: 'json',
  os: 'text',
  device: 'text',
  country: 'text',
  isp: 'text',
  source: 'text',
  channel: 'text',
  hostname: 'text',
  received_at: 'timestamptz',
  visit_key: 'bigint',
};
const VISIT_COLUMNS = [
  'id',
  'visit_id',
  'visitor_id',
  'started_at',
  'start_ts',
  'last_ts',
  'entry_page',
  'hostname',
  'source',
  'referrer',
  'channel',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'country',
  'isp',
  'device',
  'browser',
  'os',
  'screen',
  'language',
  'exit_page',
  'exit_ts',
  'pageviews',
  'events',
  'is_new',
];
const VISIT_TYPES = Object.fromEntries(
  VISIT_COLUMNS.map((c) => [
    c,
    ['id', 'started_at', 'start_ts', 'last_ts', 'exit_ts'].includes(c)
      ? 'bigint'
      : ['pageviews', 'events', 'is_new'].includes(c)
        ? 'integer'
        : 'text',
  ]),
);
const CONSENT_COLUMNS = ['consent_id', 'revision', 'timestamp', 'method', 'categories', 'ip', 'user_agent', 'received_at', 'analytics'];
const CONSENT_TYPES = {
  consent_id: 'text',
  revision: 'integer',
  timestamp: 'timestamptz',
  method: 'text',
  categories: 'json',
  ip: 'text',
  user_agent: 'text',
  received_at: 'timestamptz',
  analytics: 'integer',
};

/** Mean events a generated visit has (3 page views, most with an engagement, a quarter with a custom event): sizes the site. */
const EVENTS_PER_VISIT = 5.8;

/**
 * Generate the site and hand `sink` batches of rows (`{ events, visits, consents }`, each a list of
 * row arrays in the column orders above), waiting for each. Stops once `events` events were generated.
 */
async function generate({ events: target, seed, now, days }, sink, batchEvents = 20_000) {
  const random = prng(seed);
  const pickPage = zipf(PAGES, 1.05);
  const pickReferrer = weighted(
    REFERRERS,
    REFERRERS.map((_, i) => (i === 0 ? 60 : i === 1 ? 45 : 12 / i)),
  );
  const pickCampaign = zipf(CAMPAIGNS, 0.8);
  const pickCountry = zipf(COUNTRIES, 1.1);
  const pickIsp = zipf(ISPS, 1.0);
  const pickAgent = weighted(AGENTS, [40, 22, 15, 9, 6, 4, 2, 2]);
  const pickLanguage = zipf(LANGUAGES, 1.2);
  const pickSearch = zipf(SEARCHES, 1.0);
  const pickEvent = zipf(CUSTOM_EVENTS, 1.0);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const visitsTotal = Math.ceil(target / EVENTS_PER_VISIT);
  // Visits per day: weekdays busier than weekends, the site growing over the year.
  const firstDay = Math.floor(now / DAY_MS) - days + 1;
  const dayWeights = Array.from({ length: days }, (_, i) => {
    const weekday = (firstDay + i + 3) % 7; // 0 = Monday
    return (weekday >= 5 ? 0.7 : 1) * (0.7 + (0.6 * i) / days);
  });
  const weightSum = dayWeights.reduce((a, b) => a + b, 0);
  // A day's hours: quiet at night, busy in the working day.
  const pickHour = weighted(
    Array.from({ length: 24 }, (_, h) => h),
    Array.from({ length: 24 }, (_, h) => (h < 6 ? 0.3 : h < 9 ? 1 : h < 18 ? 2 : h < 22 ? 1.4 : 0.6)),
  );
  const visitors = [];
  let made = 0;
  let visitKey = 0;
  let batch = { events: [], visits: [], consents: [] };
  const flush = async () => {
    const full = batch;
    batch = { events: [], visits: [], consents: [] };
    if (full.events.length + full.visits.length + full.consents.length > 0) await sink(full);
  };
  const iso = (ms) => new Date(ms).toISOString();

  const visit = (start) => {
    const returning = visitors.length > 0 && random() < 0.3;
    let visitor;
    if (returning) {
      // Recent visitors come back more often.
      visitor = visitors[visitors.length - 1 - Math.floor(visitors.length * random() ** 2)];
    } else {
      const [userAgent, browser, os, device, screens] = pickAgent(random);
      visitor = {
        id: `v${visitors.length + 1}-${seed}`,
        userAgent,
        browser,
        os,
        device,
        screen: pick(screens),
        language: pickLanguage(random),
        country: pickCountry(random),
        isp: pickIsp(random),
        consent: `c${visitors.length + 1}-${seed}`,
      };
      visitors.push(visitor);
      const categories = { necessary: true, analytics: true };
      batch.consents.push([
        visitor.consent,
        1,
        iso(start - 1000),
        random() < 0.8 ? 'accept-all' : 'custom',
        JSON.stringify(categories),
        null,
        visitor.userAgent,
        iso(start - 1000),
        1,
      ]);
      // Visitors who refused: their decision is recorded, their visits are not.
      if (random() < 0.45) {
        const method = random() < 0.85 ? 'reject-all' : 'gpc';
        batch.consents.push([
          `${visitor.consent}-r`,
          1,
          iso(start - 500),
          method,
          JSON.stringify({ necessary: true, analytics: false }),
          null,
          visitor.userAgent,
          iso(start - 500),
          0,
        ]);
      }
    }
    const key = ++visitKey;
    const visitId = `s${key}-${seed}`;
    const campaign = random() < 0.12 ? pickCampaign(random) : null;
    const [referrer, referrerSource, referrerChannel] = campaign ? ['', 'Direct / None', 'Direct'] : pickReferrer(random);
    const source = campaign ? campaign[0] : referrerSource;
    const channel = campaign ? campaign[3] : referrerChannel;
    const utm = campaign ? JSON.stringify({ source: campaign[0], medium: campaign[1], campaign: campaign[2] }) : null;
    const hostname = random() < 0.1 ? HOSTNAMES[1] : HOSTNAMES[0];
    const referrerHost = referrer ? new URL(referrer).host : null;
    const pageviews = 2 + Math.floor(random() * 3);
    let ts = start;
    let entry = null;
    let exit = null;
    let customs = 0;
    const rows = [];
    const event = (type, path, extra) => {
      const received = ts + 30 + Math.floor(random() * 400);
      rows.push([
        type,
        `https://${hostname}${path}`,
        path,
        'A page of the example site',
        type === 'pageview' && path === entry ? referrer : '',
        extra.search ?? null,
        visitor.id,
        visitId,
        iso(start),
        iso(ts),
        visitor.language,
        visitor.screen,
        'Europe/Berlin',
        extra.engagedMs ?? null,
        extra.name ?? null,
        extra.props ?? null,
        visitor.consent,
        1,
        null,
        visitor.userAgent,
        visitor.browser,
        type === 'pageview' && path === entry && referrerHost ? referrerHost : null,
        utm,
        visitor.os,
        visitor.device,
        visitor.country,
        visitor.isp,
        source,
        channel,
        hostname,
        iso(received),
        key,
      ]);
      return received;
    };
    let startedAt = null;
    for (let i = 0; i < pageviews; i++) {
      const path = i === 0 && random() < 0.05 ? '/search' : pickPage(random);
      entry ??= path;
      const received = event('pageview', path, path === '/search' ? { search: pickSearch(random) } : {});
      startedAt ??= received;
      exit = path;
      const stay = 5_000 + Math.floor(-Math.log(1 - random()) * 60_000);
      if (i === 0 && customs === 0 && random() < 0.25) {
        ts += Math.floor(stay / 2);
        const [name, props] = pickEvent(random);
        const chosen = Object.fromEntries(Object.entries(props()).map(([k, values]) => [k, pick(values)]));
        event('event', path, { name, props: JSON.stringify(chosen) });
        customs += 1;
        ts += Math.ceil(stay / 2);
      } else {
        ts += stay;
      }
      if (random() < 0.85) event('engagement', path, { engagedMs: Math.floor(stay * (0.5 + random() / 2)) });
    }
    const kept = rows.filter((row) => Date.parse(row[30]) <= now);
    if (kept.length === 0) return 0;
    // Visits as ingestion keeps them (pageviews and events only count what arrived by `now`).
    const pv = kept.filter((row) => row[0] === 'pageview');
    const last = kept.reduce((max, row) => Math.max(max, Date.parse(row[9])), start);
    const exitRow = pv.at(-1);
    batch.visits.push([
      key,
      visitId,
      visitor.id,
      startedAt,
      start,
      last,
      entry,
      hostname,
      source,
      referrer ? referrer.replace(/^https?:\/\//, '').replace(/^www\./, '') : null,
      channel,
      campaign?.[0] ?? null,
      campaign?.[1] ?? null,
      campaign?.[2] ?? null,
      null,
      null,
      visitor.country,
      visitor.isp,
      visitor.device,
      visitor.browser,
      visitor.os,
      visitor.screen,
      visitor.language,
      exitRow ? exitRow[2] : exit,
      exitRow ? Date.parse(exitRow[9]) : null,
      pv.length,
      kept.filter((row) => row[0] === 'event').length,
      returning ? 0 : 1,
    ]);
    batch.events.push(...kept);
    return kept.length;
  };

  for (let day = 0; day < days && made < target; day++) {
    const visitsToday = Math.round((visitsTotal * dayWeights[day]) / weightSum);
    const dayStart = (firstDay + day) * DAY_MS;
    const starts = Array.from({ length: visitsToday }, () => dayStart + pickHour(random) * 3_600_000 + Math.floor(random() * 3_600_000))
      .filter((start) => start < now - 10 * 60_000)
      .sort((a, b) => a - b);
    for (const start of starts) {
      made += visit(start);
      if (batch.events.length >= batchEvents) await flush();
      if (made >= target) break;
    }
  }
  // Visitors of the last minutes, for realtime.
  for (let i = 0; i < 30 && made < target + 200; i++) made += visit(now - 4 * 60_000 + i * 5_000);
  await flush();
  return { events: made, visits: visitKey, visitors: visitors.length };
}

/** Insert batches into SQLite, one transaction each; the connection is fast and unsafe for the load only. */
function sqliteSink(file) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const offset = db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM visits').get().id;
  const insert = (table, columns) =>
    db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const events = insert('events', EVENT_COLUMNS);
  const visits = insert('visits', VISIT_COLUMNS);
  const consents = insert('consents', CONSENT_COLUMNS);
  const write = db.transaction((batch) => {
    for (const row of batch.visits) visits.run([row[0] + offset, ...row.slice(1)]);
    for (const row of batch.events) events.run([...row.slice(0, -1), row.at(-1) + offset]);
    for (const row of batch.consents) consents.run(row);
  });
  return {
    write: (batch) => write(batch),
    done: async () => {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

/** Insert batches into PostgreSQL with multi-row `unnest` inserts, several statements in flight. */
async function postgresSink(url) {
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  const offset = Number((await pool.query('SELECT COALESCE(MAX(id), 0) AS id FROM visits')).rows[0].id);
  const statement = (table, columns, types, overriding) =>
    `INSERT INTO ${table} (${columns.join(', ')}) ${overriding ? 'OVERRIDING SYSTEM VALUE ' : ''}SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${types[c]}[]`).join(', ')})`;
  const sql = {
    events: statement('events', EVENT_COLUMNS, EVENT_TYPES, false),
    visits: statement('visits', VISIT_COLUMNS, VISIT_TYPES, true),
    consents: statement('consents', CONSENT_COLUMNS, CONSENT_TYPES, false),
  };
  const columnsOf = (rows, count) => Array.from({ length: count }, (_, c) => rows.map((row) => row[c]));
  const inFlight = new Set();
  const send = async (batch) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      if (batch.visits.length)
        await client.query(
          sql.visits,
          columnsOf(
            batch.visits.map((r) => [r[0] + offset, ...r.slice(1)]),
            VISIT_COLUMNS.length,
          ),
        );
      if (batch.events.length)
        await client.query(
          sql.events,
          columnsOf(
            batch.events.map((r) => [...r.slice(0, -1), r.at(-1) + offset]),
            EVENT_COLUMNS.length,
          ),
        );
      if (batch.consents.length) await client.query(sql.consents, columnsOf(batch.consents, CONSENT_COLUMNS.length));
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };
  return {
    write: async (batch) => {
      const promise = send(batch).finally(() => inFlight.delete(promise));
      inFlight.add(promise);
      if (inFlight.size >= 3) await Promise.race(inFlight);
    },
    done: async () => {
      await Promise.all(inFlight);
      await pool.query("SELECT setval(pg_get_serial_sequence('visits', 'id'), (SELECT MAX(id) FROM visits))");
      await pool.query('VACUUM ANALYZE events');
      await pool.query('VACUUM ANALYZE visits');
      await pool.query('VACUUM ANALYZE consents');
      await pool.end();
    },
  };
}

/**
 * Generate a site of about `events` events (default 1 M) over the `days` (default 365)
 * up to `now`, and load it into the migrated database `db` (`{ store: 'sqlite', file }`
 * or `{ store: 'postgres', url }`). Resolves what was made: `{ events, visits, visitors }`.
 */
export async function loadSite(db, { events = 1_000_000, seed = 1, now = Date.now(), days = 365, onProgress } = {}) {
  const sink = db.store === 'sqlite' ? sqliteSink(db.file) : await postgresSink(db.url);
  let loaded = 0;
  const made = await generate({ events, seed, now, days }, async (batch) => {
    loaded += batch.events.length;
    await sink.write(batch);
    onProgress?.(loaded);
  });
  await sink.done();
  return made;
}
