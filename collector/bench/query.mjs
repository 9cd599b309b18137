// Query benchmark (npm run bench:query in collector/): the dashboard's queries
// on a realistic site, through the real engine (HTTP POST /api/query to the built
// collector), on SQLite and on PostgreSQL.
//
//   npm run bench:query                       1 M events, both stores
//   npm run bench:query -- --events 10000000  10 M events
//   npm run bench:query -- --stores sqlite --runs 5 --ranges 30d,12mo
//   npm run bench:query -- --events 10000000 --keep DIR   keep the loaded site in DIR and reuse it
//
// With --keep DIR, a store's loaded site is kept (SQLite: a file in DIR; PostgreSQL:
// a database of that name on the DATABASE_URL server, which must then be set and
// outlive the run) and described in DIR/<store>-<events>-<seed>.json; a later run
// with the same --keep, --events and --seed times the kept site without loading it
// again; --load-only loads the site and builds its roll-ups, and times nothing.
// Loading 10 M events and building their roll-ups takes most of an hour on
// a 2-core machine: the figures can then come from a quiet moment.
//
// For each store: a fresh database, migrated by a collector start, then the site
// of bench/site.mjs bulk-loaded (timed, but not part of the figures); then a
// collector on it answers each query of one dashboard screen `--runs` times (5),
// over the last 30 days and the last 12 months. It prints the median and the worst
// time per query, the sum of the medians (one screen asked one query after
// another) and the time of one screen asked 8 queries at a time, as the
// dashboard does; then three queries of a filtered view (a clicked row), which
// read the raw rows. Without DATABASE_URL it re-runs itself under
// scripts/with-postgres.sh (a throw-away cluster), as bench/throughput.mjs does.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { COLLECTOR_MAIN, startCollector } from '../test/collector-process.js';
import { query, tempDb } from '../test/databases.js';
import { loadSite } from './site.mjs';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    stores: { type: 'string', default: 'sqlite,postgres' },
    runs: { type: 'string', default: '5' },
    ranges: { type: 'string', default: '30d,12mo' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'string' },
    'load-only': { type: 'boolean', default: false },
  },
});
const EVENTS = Number(args.events);
const RUNS = Number(args.runs);
const RANGES = args.ranges.split(',');
const TOKEN = 'bench-query-admin-token-0123456789';
const PARALLEL = 8;

if (!existsSync(COLLECTOR_MAIN)) {
  console.log('building the collector…');
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const stores = args.stores.split(',');
if (stores.includes('postgres') && !process.env.DATABASE_URL) {
  const hasServer = existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').length > 0;
  if (hasServer) {
    console.log('DATABASE_URL is not set: running the bench under scripts/with-postgres.sh (a throw-away cluster)…');
    const script = fileURLToPath(new URL('../scripts/with-postgres.sh', import.meta.url));
    const run = spawnSync('bash', [script, process.execPath, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
      stdio: 'inherit',
    });
    process.exit(run.status ?? 1);
  }
  console.log('NOTE: no PostgreSQL server binaries found: benching SQLite only.');
  stores.splice(stores.indexOf('postgres'), 1);
}

/** One dashboard screen: the top figures, the chart, every panel, realtime and consent. */
function screen(range) {
  const chart = range === '12mo' ? 'time:month' : 'time:day';
  const top = (dimension, metrics = ['visitors'], extra = {}) => ({
    metrics,
    date_range: range,
    dimensions: [dimension],
    pagination: { limit: 10 },
    ...extra,
  });
  return [
    [
      'top figures + comparison',
      {
        metrics: ['visitors', 'visits', 'pageviews', 'views_per_visit', 'bounce_rate', 'visit_duration'],
        date_range: range,
        include: { comparison: 'previous_period' },
      },
    ],
    [
      `chart by ${chart.slice(5)} + comparison`,
      {
        metrics: ['visitors', 'pageviews'],
        date_range: range,
        dimensions: [chart],
        include: { time_labels: true, comparison: 'previous_period' },
      },
    ],
    ['sources', top('visit:source', ['visitors', 'percentage'])],
    ['channels', top('visit:channel')],
    ['campaigns', top('visit:utm_campaign', ['visitors'], { filters: [['is_not', 'visit:utm_campaign', ['(not set)']]] })],
    ['pages + time on page', top('event:page', ['visitors', 'pageviews', 'time_on_page'])],
    ['entry pages', top('visit:entry_page', ['visits', 'bounce_rate'])],
    ['exit pages', top('visit:exit_page', ['visits'])],
    ['countries', top('visit:country')],
    ['ISPs', top('visit:isp')],
    ['browsers', top('visit:browser')],
    ['operating systems', top('visit:os')],
    ['devices', top('visit:device')],
    ['screens', top('visit:screen')],
    ['site searches', top('event:search', ['visitors'], { filters: [['is_not', 'event:search', ['(not set)']]] })],
    ['custom events', top('event:name', ['visitors', 'events'], { filters: [['is_not', 'event:name', ['pageview']]] })],
    ['visitor type', top('visit:visitor_type', ['visitors', 'visits'])],
    [
      'hour × weekday',
      { metrics: ['pageviews'], date_range: range, dimensions: ['time:day_of_week', 'time:hour_of_day'], pagination: { limit: 168 } },
    ],
    ['realtime', { metrics: ['visitors'], date_range: 'realtime' }],
    ['consent by method', { metrics: ['decisions', 'opt_in_rate'], date_range: range, dimensions: ['consent:method'] }],
    [`consent by ${chart.slice(5)}`, { metrics: ['decisions', 'opt_in_rate'], date_range: range, dimensions: [chart] }],
  ];
}

/** Queries of a filtered view (a clicked row): answered from the raw rows, not from the roll-ups; timed apart from the screen. */
function filtered(range) {
  return [
    [
      'filtered: top figures of one country',
      {
        metrics: ['visitors', 'visits', 'pageviews', 'bounce_rate', 'visit_duration'],
        date_range: range,
        filters: [['is', 'visit:country', ['DE']]],
      },
    ],
    [
      'filtered: countries of one source',
      {
        metrics: ['visitors'],
        date_range: range,
        dimensions: ['visit:country'],
        filters: [['is', 'visit:source', ['Google']]],
        pagination: { limit: 10 },
      },
    ],
    [
      'filtered: pages of one country',
      {
        metrics: ['visitors', 'pageviews'],
        date_range: range,
        dimensions: ['event:page'],
        filters: [['is', 'visit:country', ['DE']]],
        pagination: { limit: 10 },
      },
    ],
  ];
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

/** Time one POST /api/query, in ms; fails on anything but 200. */
async function timed(collector, body) {
  const start = process.hrtime.bigint();
  const res = await collector.request('POST', '/api/query', {
    body,
    contentType: 'application/json',
    headers: { authorization: `Bearer ${TOKEN}` },
    // A filtered view over a year of raw rows can take seconds at 10 M events: measured, not cut off.
    timeoutMs: 300_000,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (res.status !== 200) throw new Error(`${res.status} ${res.text} for ${JSON.stringify(body)}`);
  return { ms, json: res.json };
}

/**
 * The database to load for `store`: a temporary one, or with --keep a named one in DIR (SQLite)
 * or on the DATABASE_URL server (PostgreSQL), dropped and created again.
 */
async function freshDb(store) {
  if (!args.keep) return tempDb(store);
  const name = `bench_site_${EVENTS}_${args.seed}`;
  if (store === 'sqlite') {
    const file = join(resolve(args.keep), `${name}.db`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    return { store, file };
  }
  const server = { store, url: process.env.DATABASE_URL };
  await query(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await query(server, `CREATE DATABASE ${name}`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  return { store, url: url.toString() };
}

/** Loads the bench site into a fresh database of `store`, or with --keep finds the one loaded before. */
async function loadedSite(store) {
  const marker = args.keep ? join(resolve(args.keep), `${store}-${EVENTS}-${args.seed}.json`) : undefined;
  if (marker && existsSync(marker)) {
    const kept = JSON.parse(readFileSync(marker, 'utf8'));
    console.log(`${store}: the site kept in ${marker} (loaded in ${kept.loadSeconds.toFixed(0)} s before)`);
    return kept;
  }
  if (args.keep) mkdirSync(resolve(args.keep), { recursive: true });
  const db = await freshDb(store);
  const migrating = await startCollector({ db });
  await migrating.stop();
  const loadStart = Date.now();
  let lastReport = 0;
  const made = await loadSite(db, {
    events: EVENTS,
    seed: Number(args.seed),
    onProgress: (loaded) => {
      if (loaded - lastReport >= 1_000_000) {
        lastReport = loaded;
        process.stdout.write(`  ${store}: ${(loaded / 1e6).toFixed(0)} M events loaded\n`);
      }
    },
  });
  const loadSeconds = (Date.now() - loadStart) / 1000;
  console.log(
    `${store}: ${made.events.toLocaleString('en-US')} events, ${made.visits.toLocaleString('en-US')} visits, ${made.visitors.toLocaleString('en-US')} visitors loaded in ${loadSeconds.toFixed(0)} s`,
  );
  const site = { db, made, loadSeconds };
  if (marker) writeFileSync(marker, JSON.stringify(site));
  return site;
}

async function benchStore(store) {
  const { db, made, loadSeconds } = await loadedSite(store);

  const collector = await startCollector({ db, args: ['--admin-token', TOKEN] });
  try {
    // The collector rolls the closed days up in the background as it starts: wait for it (timed).
    const rollStart = Date.now();
    const yesterday = Math.floor((Date.now() - 3_600_000) / 86_400_000) - 1;
    for (;;) {
      const [state] = await query(db, 'SELECT rolled_until FROM rollup_state').catch(() => []);
      if (state && Number(state.rolled_until) >= yesterday) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const rollupSeconds = (Date.now() - rollStart) / 1000;
    console.log(`${store}: roll-ups of ${made.visits > 0 ? 'every closed day' : 'nothing'} built in ${rollupSeconds.toFixed(0)} s`);
    if (args['load-only']) return { store, made, loadSeconds, rollupSeconds, results: [] };
    // A few visitors right now, through the real ingestion path (realtime has something to count).
    for (let i = 0; i < 20; i++) {
      const now = new Date().toISOString();
      await collector.request('POST', '/collect', {
        body: {
          type: 'pageview',
          url: 'https://www.example.com/',
          path: '/',
          referrer: '',
          visitorId: `now-${i}`,
          visitId: `now-${i}`,
          visitStart: now,
          ts: now,
          consent: { analytics: true },
        },
      });
    }
    const results = [];
    for (const range of RANGES) {
      const queries = screen(range);
      // One warm-up pass (caches, prepared statements), not counted.
      for (const [, body] of queries) await timed(collector, body);
      for (const [name, body] of queries) {
        const times = [];
        for (let run = 0; run < RUNS; run++) times.push((await timed(collector, body)).ms);
        results.push({ range, name, median: median(times), worst: Math.max(...times) });
      }
      const screens = [];
      for (let run = 0; run < RUNS; run++) {
        const start = process.hrtime.bigint();
        const waiting = [...queries];
        await Promise.all(
          Array.from({ length: PARALLEL }, async () => {
            while (waiting.length > 0) await timed(collector, waiting.shift()[1]);
          }),
        );
        screens.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      results.push({
        range,
        name: `one screen, ${PARALLEL} at a time`,
        median: median(screens),
        worst: Math.max(...screens),
        screen: true,
      });
      for (const [name, body] of filtered(range)) {
        const times = [];
        for (let run = 0; run < RUNS; run++) times.push((await timed(collector, body)).ms);
        results.push({ range, name, median: median(times), worst: Math.max(...times), screen: true });
      }
    }
    return { store, made, loadSeconds, rollupSeconds, results };
  } finally {
    await collector.stop();
  }
}

const all = [];
for (const store of stores) all.push(await benchStore(store));
if (args['load-only']) process.exit(0);

const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
console.log(
  `\n${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}; ${EVENTS.toLocaleString('en-US')} events requested; ${RUNS} runs per query (median / worst, ms, HTTP round trip)\n`,
);
console.log(`| query | range | ${all.map(({ store }) => `${store} median | ${store} worst`).join(' | ')} |`);
console.log(`|---|---|${all.map(() => '---:|---:').join('|')}|`);
for (const [i, row] of all[0].results.entries()) {
  console.log(
    `| ${row.name} | ${row.range} | ${all.map(({ results }) => `${fmt(results[i].median)} | ${fmt(results[i].worst)}`).join(' | ')} |`,
  );
}
for (const range of RANGES) {
  const sums = all.map(({ results }) => results.filter((r) => r.range === range && !r.screen).reduce((sum, r) => sum + r.median, 0));
  // (The filtered queries are outside the screen's sum: they are another screen.)
  console.log(`| **one screen, one query after another (sum of medians)** | ${range} | ${sums.map((s) => `${fmt(s)} | `).join(' | ')} |`);
}
for (const { store, made, loadSeconds, rollupSeconds } of all) {
  console.log(
    `\n${store}: ${made.events.toLocaleString('en-US')} events, ${made.visits.toLocaleString('en-US')} visits, ${made.visitors.toLocaleString('en-US')} visitors; bulk load ${loadSeconds.toFixed(0)} s, roll-ups ${rollupSeconds.toFixed(0)} s`,
  );
}
