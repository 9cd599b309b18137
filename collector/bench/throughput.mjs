// Throughput bench of the collector (npm run bench:collector at the root, npm run bench in collector/).
//
// Starts the built collector on 127.0.0.1 with a temporary SQLite file, then
// with a temporary PostgreSQL database (on the DATABASE_URL server; without
// DATABASE_URL it re-runs itself under scripts/with-postgres.sh, which starts
// a throw-away cluster, or says why PostgreSQL is left out), and sends
// realistic consented pageviews as text/plain with autocannon. Each store's
// timed run directly follows a timed run, with the same settings, against a
// bare node:http server that only answers 204: the machine's speed drifts
// (other jobs, a shared host), so each ratio compares two runs made under the
// same conditions. It prints a markdown table with both stores side by side.
// It checks that the stored row count equals the number of 2xx
// answers: exactly after a warm-up of a fixed number of requests (all answered),
// and after the timed run up to the requests cut off in flight when it stopped
// (sent, never answered, so possibly stored but never acknowledged).
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { COLLECTOR_MAIN, CHROME_UA, startCollector, waitFor } from '../test/collector-process.js';
import { countEvents, tempDb } from '../test/databases.js';

const CONNECTIONS = 100;
const WARMUP_REQUESTS = 20_000;
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RUN_TIMEOUT_MS = 90_000;

const children = new Set();
const killChildren = () => children.forEach((child) => child.kill('SIGKILL'));
process.on('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

if (!existsSync(COLLECTOR_MAIN)) {
  console.log('building the collector…');
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const hasPostgresServer = () =>
  readdirSync('/usr/lib/postgresql', { withFileTypes: true }).some((d) => existsSync(`/usr/lib/postgresql/${d.name}/bin/initdb`));
const stores = ['sqlite'];
if (process.env.DATABASE_URL) {
  stores.push('postgres');
} else if (!process.env.BENCH_NO_POSTGRES && existsSync('/usr/lib/postgresql') && hasPostgresServer()) {
  console.log('DATABASE_URL is not set: running the bench under scripts/with-postgres.sh (a throw-away cluster)…');
  const script = fileURLToPath(new URL('../scripts/with-postgres.sh', import.meta.url));
  const run = spawnSync('bash', [script, process.execPath, fileURLToPath(import.meta.url)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
} else {
  console.log('NOTE: DATABASE_URL is not set and no PostgreSQL server binaries were found: benching SQLite only.');
}

/** Realistic pageview bodies: many visitors and pages, as the browser SDK sends them. */
function makeBodies(count) {
  const bodies = [];
  const start = Date.now();
  for (let i = 0; i < count; i++) {
    const path = `/blog/post-${i % 50}`;
    bodies.push(
      JSON.stringify({
        type: 'pageview',
        url: `https://www.example.com${path}?utm_source=newsletter`,
        path,
        title: `Post number ${i % 50} — Example blog`,
        referrer: i % 3 === 0 ? 'https://www.google.com/' : '',
        visitorId: `v-${(i * 7919) % 5000}`,
        visitId: `s-${i % 2000}`,
        visitStart: new Date(start - 120_000).toISOString(),
        ts: new Date(start).toISOString(),
        language: 'en-GB',
        screen: '1920x1080',
        timezone: 'Europe/London',
        consent: { id: `c-${i % 5000}`, revision: 1, analytics: true },
      }),
    );
  }
  return bodies;
}

/** Run autocannon for `{ amount }` requests (every answer counted) or `{ duration }` seconds. */
async function load(url, bodies, limit) {
  let next = 0;
  const run = autocannon({
    url: `${url}/collect`,
    connections: CONNECTIONS,
    ...limit,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': CHROME_UA },
        setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }),
      },
    ],
  });
  const timer = setTimeout(() => run.stop(), RUN_TIMEOUT_MS);
  const result = await run;
  clearTimeout(timer);
  return result;
}

function summary(result) {
  return {
    rate: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

/** A bare node:http server answering 204 after reading the body, in its own process. */
async function startBare() {
  const code = `
    const server = require('node:http').createServer((req, res) => {
      req.resume();
      req.on('end', () => { res.statusCode = 204; res.end(); });
    });
    server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  await waitFor(() => stdout.includes('listening on'), 10_000, 'bare server start');
  return { child, url: /listening on (\S+)/.exec(stdout)[1] };
}

/**
 * Bench one store: warm-up, timed run of the bare server, timed run of the
 * collector, SIGTERM; then check that the stored rows match the acknowledged
 * events.
 */
async function benchCollector(store, bare) {
  const collector = await startCollector({ db: await tempDb(store) });
  children.add(collector.child);
  const warm = summary(await load(collector.url, bodies, { amount: WARMUP_REQUESTS }));
  const storedAfterWarmup = await countEvents(collector.db);
  const baseline = summary(await load(bare.url, bodies, { duration: DURATION_SECONDS }));
  const measured = summary(await load(collector.url, bodies, { duration: DURATION_SECONDS }));
  const exitCode = await collector.stop('SIGTERM');
  children.delete(collector.child);
  const stored = await countEvents(collector.db);
  return { store, warm, baseline, measured, storedAfterWarmup, stored, exitCode };
}

const bodies = makeBodies(5000);
const bare = await startBare();
await load(bare.url, bodies, { amount: WARMUP_REQUESTS });
const results = [];
for (const store of stores) results.push(await benchCollector(store, bare));
bare.child.kill('SIGTERM');

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const LABELS = {
  sqlite: 'collector, SQLite (WAL, synchronous=NORMAL, group commit)',
  postgres: 'collector, PostgreSQL (pool, group commit, synchronous_commit=on)',
};

console.log(
  `\n${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, ${CONNECTIONS} connections, ${DURATION_SECONDS} s each\n`,
);
console.log('| server | events/s | p50 (ms) | p99 (ms) | non-2xx/errors | ratio to bare |');
console.log('|---|---:|---:|---:|---:|---:|');
const row = (label, r, ratio) => `| ${label} | ${fmt(r.rate)} | ${r.p50} | ${r.p99} | ${r.failed} | ${fmt(ratio, 2)} |`;
for (const { store, measured, baseline } of results) {
  console.log(row(LABELS[store], measured, measured.rate / baseline.rate));
  console.log(row(`bare node:http (204 only), run just before`, baseline, 1));
}

let ok = true;
for (const { store, warm, measured, storedAfterWarmup, stored, exitCode } of results) {
  const acknowledged = warm.ok + measured.ok;
  const cutOff = stored - acknowledged;
  const warmOk = storedAfterWarmup === warm.ok;
  const runOk = cutOff >= 0 && cutOff <= CONNECTIONS;
  console.log(`\n${store}:`);
  console.log(
    `- warm-up (${fmt(WARMUP_REQUESTS)} requests, all answered): stored rows ${fmt(storedAfterWarmup)} = 2xx ${fmt(warm.ok)} → ${warmOk ? 'equal' : 'MISMATCH'}`,
  );
  console.log(
    `- after the timed run: stored rows ${fmt(stored)}, 2xx ${fmt(acknowledged)}, difference ${cutOff} (requests cut off in flight, at most ${CONNECTIONS}) → ${runOk ? 'ok' : 'MISMATCH'}`,
  );
  console.log(`- collector exit code after SIGTERM: ${exitCode}`);
  ok &&= warmOk && runOk && exitCode === 0;
}
if (!ok) process.exitCode = 1;
