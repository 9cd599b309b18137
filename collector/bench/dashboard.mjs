// The dashboard's speed (npm run bench:dashboard in collector/): the built
// collector on a site loaded by the query bench's generator (1 M events by
// default, `--events N`), Chromium on GET /dashboard, and per run the time from
// the token's submit to the first screen (figures, chart, first row of panels)
// and to the last panel drawn, read from the page's own performance marks, with
// the /api/query requests sent before each. Then the bytes the page loads.
// A benchmark, not a test: it prints figures and asserts nothing.
//
//   node bench/dashboard.mjs [--events 1000000] [--runs 5] [--store sqlite|postgres] [--screenshots DIR]
//
// With --screenshots it also saves the page at 1280 and 400 px wide, light and
// dark (dashboard-1280-light.png …), compressed with pngquant when installed:
// the README's pictures, made from the same realistic site.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-browser.mjs';
import { COLLECTOR_MAIN, startCollector } from '../test/collector-process.js';
import { query, tempDb } from '../test/databases.js';
import { loadSite } from './site.mjs';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
    store: { type: 'string', default: 'sqlite' },
    screenshots: { type: 'string' },
  },
});
const EVENTS = Number(values.events);
const RUNS = Number(values.runs);
const STORE = /** @type {'sqlite' | 'postgres'} */ (values.store);
const TOKEN = 'bench-dashboard-admin-token';

if (!existsSync(COLLECTOR_MAIN) || !existsSync(new URL('../dist/dashboard/dashboard.js', import.meta.url))) {
  console.log('building the collector…');
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', cwd: fileURLToPath(new URL('..', import.meta.url)) });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const ms = (n) => `${Math.round(n)} ms`;

const db = await tempDb(STORE);
// A collector's first start creates the tables; then the site goes in by the bulk path.
await (await startCollector({ db })).stop();
console.log(`loading ${EVENTS.toLocaleString('en')} events into ${STORE}…`);
const loadStart = performance.now();
await loadSite(db, { events: EVENTS });
console.log(`loaded in ${ms(performance.now() - loadStart)}`);

const collector = await startCollector({ db, args: ['--admin-token', TOKEN] });
// A running collector keeps its roll-ups of closed days up to date; one that just met a bulk-loaded
// year builds them first, in the background, on the same reader. Time the page once they are built.
const rollStart = performance.now();
const closedUntil = Math.floor((Date.now() - 3_600_000) / 86_400_000) - 1;
for (;;) {
  const [state] = await query(db, 'SELECT rolled_until FROM rollup_state').catch(() => []);
  if (state && Number(state.rolled_until) >= closedUntil) break;
  if (performance.now() - rollStart > 900_000) throw new Error('the roll-ups were not built within 15 minutes');
  await new Promise((resolve) => setTimeout(resolve, 1000));
}
console.log(`roll-ups built in ${ms(performance.now() - rollStart)}`);
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const rows = [];
try {
  for (let run = 0; run <= RUNS; run += 1) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    /** @type {number[]} request start times (page clock) */
    const queries = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/query')) queries.push(Date.now());
    });
    await page.goto(`${collector.url}/dashboard`);
    await page.getByLabel('Admin token').fill(TOKEN);
    await page.getByRole('button', { name: 'Show statistics' }).click();
    await page.locator('html[data-drawn]').waitFor({ state: 'attached', timeout: 120_000 });
    const marks = await page.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
      return {
        signIn: at('dashboard-sign-in'),
        first: at('dashboard-first-screen'),
        drawn: at('dashboard-drawn'),
        origin: performance.timeOrigin,
      };
    });
    const firstAt = marks.origin + marks.first;
    const row = {
      firstScreen: marks.first - marks.signIn,
      lastPanel: marks.drawn - marks.signIn,
      firstScreenQueries: queries.filter((t) => t <= firstAt).length,
      queries: queries.length,
    };
    // The first run warms the database's caches and the browser: reported apart.
    if (run === 0) console.log(`warm-up: first screen ${ms(row.firstScreen)}, last panel ${ms(row.lastPanel)}`);
    else rows.push(row);
    await context.close();
  }
  if (values.screenshots) await screenshots(values.screenshots);
} finally {
  await browser.close();
  await collector.stop();
}

/** The page at 1280 and 400 px, light and dark, whole, into `dir`. */
async function screenshots(dir) {
  for (const width of [1280, 400]) {
    for (const colorScheme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
      const page = await context.newPage();
      await page.goto(`${collector.url}/dashboard`);
      await page.getByLabel('Admin token').fill(TOKEN);
      await page.getByRole('button', { name: 'Show statistics' }).click();
      await page.locator('html[data-drawn]').waitFor({ state: 'attached', timeout: 120_000 });
      const file = join(dir, `dashboard-${width}-${colorScheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      // Fewer colours, same look: a fraction of the bytes in the repository.
      spawnSync('pngquant', ['--force', '--ext', '.png', '--quality', '70-90', '--skip-if-larger', file]);
      console.log(`${file}: ${statSync(file).size.toLocaleString('en')} bytes`);
      await context.close();
    }
  }
}

const dist = new URL('../dist/dashboard/', import.meta.url);
const size = (file) => {
  const bytes = readFileSync(new URL(file, dist));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const js = size('dashboard.js');
const css = size('dashboard.css');
const html = size('index.html');

console.log(`\n## Dashboard speed: ${EVENTS.toLocaleString('en')} events, ${STORE}, Chromium 1280 × 800, ${RUNS} runs\n`);
console.log('| run | token submit → first screen | → last panel drawn | queries sent before the first screen was drawn | queries in all |');
console.log('|---|---|---|---|---|');
rows.forEach((row, i) =>
  console.log(`| ${i + 1} | ${ms(row.firstScreen)} | ${ms(row.lastPanel)} | ${row.firstScreenQueries} | ${row.queries} |`),
);
console.log(
  `| **median** | **${ms(median(rows.map((r) => r.firstScreen)))}** | **${ms(median(rows.map((r) => r.lastPanel)))}** | ${median(rows.map((r) => r.firstScreenQueries))} | ${median(rows.map((r) => r.queries))} |`,
);
console.log(
  '\nThe first screen needs 7 queries (the figures 2, visitors now 1, the chart 1, the sites 1, Sources 1, Pages 1); the page sends its 13 in page order, 6 at a time, so the panels below follow at once.',
);
console.log('\n| file | bytes | gzip |\n|---|---|---|');
for (const [name, s] of [
  ['dashboard.js (uPlot and client-zip included)', js],
  ['dashboard.css', css],
  ['index.html', html],
]) {
  console.log(`| ${name} | ${s.raw.toLocaleString('en')} | ${s.gzip.toLocaleString('en')} |`);
}
console.log(`| JavaScript + CSS | ${(js.raw + css.raw).toLocaleString('en')} | ${(js.gzip + css.gzip).toLocaleString('en')} |`);
process.exit(0);
