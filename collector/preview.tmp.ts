// DEV ONLY (not committed): the dashboard against a fake /api/query, screenshots.
import { chromium } from 'playwright';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-browser.mjs';
import { listenApp } from './test/in-process.ts';

const TOKEN = 'dashboard-admin-token-123';
const collector = await listenApp({ options: { adminToken: TOKEN, dashboardDirectory: pathToFileURL('/tmp/dash-out/') } });
const rand = (n: number) => Math.floor(Math.random() * n);
function fake(body: any) {
  const dims: string[] = body.dimensions ?? [];
  const m = body.metrics.length;
  const cmp = body.include?.comparison;
  const row = (d: any[]) => ({ dimensions: d, metrics: body.metrics.map((x: string) => (x === 'percentage' ? rand(50) : x === 'bounce_rate' ? 40 + rand(20) : x === 'views_per_visit' ? 2.31 : rand(5000))), ...(cmp ? { comparison: { metrics: body.metrics.map(() => rand(5000)), change: body.metrics.map(() => rand(40) - 20) } } : {}) });
  if (dims.length === 0) return { results: [row([])] };
  if (dims[0] === 'time:day_of_week') { const r = []; for (let d = 1; d <= 7; d++) for (let h = 0; h < 24; h++) r.push(row([d, h])); return { results: r }; }
  if (dims[0].startsWith('time:')) return { results: Array.from({ length: 30 }, (_, i) => row([`2026-11-${String(i + 1).padStart(2, '0')}`])).map((r, i) => ({ ...r, metrics: [1000 + Math.round(400 * Math.sin(i / 3)) + rand(100)], ...(cmp ? { comparison: { metrics: [900 + rand(300)], change: [5] } } : {}) })) };
  const vals: Record<string, string[]> = { 'visit:channel': ['Organic Search', 'Direct', 'Referral', 'Organic Social', 'Email'], 'visit:source': ['Google', 'Direct / None', 'Hacker News', 'DuckDuckGo', 'Bing', 'Reddit', 'ChatGPT', 'news.example.org', 'Mastodon', 'Ecosia', 'Newsletter', 'GitHub'], 'visit:country': ['DE', 'US', 'FR', 'GB', 'NL', 'AT', 'CH'], 'event:page': ['/', '/pricing', '/blog/why-privacy-first-analytics-matters-for-small-sites', '/docs/getting-started', '/about'], 'consent:method': ['accept-all', 'reject-all', 'custom', 'gpc'], 'visit:visitor_type': ['new', 'returning'], 'event:hostname': ['www.example.com', 'shop.example.com'] };
  const v = vals[dims[0]] ?? ['Alpha', 'Beta', 'Gamma', '=HYPERLINK("x")'];
  return { results: v.map((x) => row([x])).sort((a: any, b: any) => b.metrics[0] - a.metrics[0]) };
}
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
for (const [w, scheme] of [[1280, 'light'], [400, 'dark']] as const) {
  const page = await browser.newPage({ viewport: { width: w, height: 900 }, colorScheme: scheme });
  page.on('console', (m) => console.log('console:', m.type(), m.text()));
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  await page.route('**/api/query', (route) => route.fulfill({ json: fake(JSON.parse(route.request().postData() ?? '{}')) }));
  await page.goto(`${collector.url}/dashboard`);
  await page.getByLabel('Admin token').fill(TOKEN);
  await page.getByRole('button', { name: 'Show statistics' }).click();
  await page.waitForSelector('html[data-drawn]', { timeout: 30000 });
  await page.screenshot({ path: `/tmp/preview/${w}-${scheme}.png`, fullPage: true }); if (w === 400) { await page.screenshot({ path: '/tmp/preview/400-top.png', clip: { x: 0, y: 0, width: 400, height: 1100 } }); await page.screenshot({ path: '/tmp/preview/400-mid.png', fullPage: true, clip: { x: 0, y: 1100, width: 400, height: 1100 } }); }
  console.log('scrollWidth', await page.evaluate(() => document.documentElement.scrollWidth));
}
await browser.close();
await collector.stop();
