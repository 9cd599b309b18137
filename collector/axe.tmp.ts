// DEV ONLY: axe on every tab with the fake API.
import { chromium } from 'playwright';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-browser.mjs';
import { listenApp } from './test/in-process.ts';
import { PANELS } from './src/dashboard/panels.ts';
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TOKEN = 'dashboard-admin-token-123';
const collector = await listenApp({ options: { adminToken: TOKEN, dashboardDirectory: pathToFileURL('/tmp/dash-out/') } });
const src = await import('./preview-fake.tmp.ts');
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
for (const colorScheme of ['light', 'dark'] as const) {
  const page = await browser.newPage({ viewport: { width: 400, height: 800 }, colorScheme });
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  await page.route('**/api/query', (route) => route.fulfill({ json: src.fake(JSON.parse(route.request().postData() ?? '{}')) }));
  await page.route(`${collector.url}/__axe.js`, (route) => route.fulfill({ path: AXE_PATH, contentType: 'text/javascript' }));
  await page.goto(`${collector.url}/dashboard?f=is|event:name|signup&prop=plan`);
  await page.getByLabel('Admin token').fill(TOKEN);
  await page.getByRole('button', { name: 'Show statistics' }).click();
  await page.waitForSelector('html[data-drawn]');
  await page.addScriptTag({ url: `${collector.url}/__axe.js` });
  const run = (sel: string) => page.evaluate((s) => (window as any).axe.run(s, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }).then((r: any) => r.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ') + ' ' + (n.failureSummary ?? '').slice(0, 200)).join(' | ')}`)), sel);
  console.log(colorScheme, 'page', await run('html'));
  for (const p of PANELS) for (const t of p.tabs) {
    const b = page.locator(`#tab-${p.id}-${t.id}`);
    if (await b.isHidden()) { console.log('hidden', p.id, t.id); continue; }
    await b.click();
    await page.locator(`#panel-${p.id} .panel-body[aria-busy="false"]`).waitFor();
    const v = await run(`#panel-${p.id}`);
    if (v.length) console.log(colorScheme, p.id, t.id, v);
  }
  console.log('scroll', await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]));
  if (colorScheme === 'dark') { await page.locator('#panel-visitors').screenshot({ path: '/tmp/preview/heat.png' }); await page.locator('#panel-consent').screenshot({ path: '/tmp/preview/consent.png' }); }
}
await browser.close();
await collector.stop();
