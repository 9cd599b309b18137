// The behaviour checks of `npm run bench`, with Playwright (its DevTools
// domains bias timing, so nothing here is timed): once per tool, axe-core with
// the banner open and with the preferences layer open, and one click on Accept
// all / Reject all to check that the gated analytics script runs only after
// acceptance. Every request to another host than the bench server is aborted
// and counted.
import { join } from 'node:path';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-browser.mjs';
import { VIEWPORT } from './cdp.mjs';
import { packageDir } from './package-dir.mjs';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AXE_PATH = join(packageDir('axe-core'), 'axe.min.js');
const BANNER_TIMEOUT_MS = 15_000;

/** A context that lets only this server's requests through and counts the others. */
async function newContext(browser, server) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'en-US', timezoneId: 'UTC' });
  const blocked = [];
  const allowed = new URL(server.origin).host;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).host === allowed) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  return { context, blocked };
}

/** Waits until the element at `path` is rendered (non-zero box, not `visibility: hidden`). */
async function waitRendered(page, path, timeout = BANNER_TIMEOUT_MS) {
  await page.waitForFunction(
    (p) => {
      let element = document.querySelector(p[0]);
      for (const s of p.slice(1)) element = element && element.shadowRoot ? element.shadowRoot.querySelector(s) : null;
      if (!element) return false;
      const rect = element.getBoundingClientRect();
      return rect.width > 0 && rect.height > 0 && getComputedStyle(element).visibility !== 'hidden';
    },
    path,
    { timeout, polling: 'raf' },
  );
}

const locatorOf = (page, path) => page.locator(path.join(' >> ')).first();

async function runAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.length,
    help: v.help,
    targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
  }));
}

async function checkTool(browser, server, tool) {
  const out = { axeBanner: null, axePreferences: null, accept: null, reject: null, blocked: 0, errors: [] };
  {
    const { context, blocked } = await newContext(browser, server);
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/${tool.id}/`, { waitUntil: 'load' });
      if (tool.banner) await waitRendered(page, tool.banner);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500); // entrance animations
      out.axeBanner = await runAxe(page);
      if (tool.manage && tool.preferences) {
        await locatorOf(page, tool.manage).click();
        await waitRendered(page, tool.preferences);
        await page.waitForTimeout(700);
        out.axePreferences = await runAxe(page);
      }
    } catch (error) {
      out.errors.push(`axe: ${error.message.split('\n')[0]}`);
    } finally {
      out.blocked += blocked.length;
      await context.close();
    }
  }
  for (const [key, path] of [
    ['accept', tool.acceptAll],
    ['reject', tool.rejectAll],
  ]) {
    if (!path) continue;
    const { context, blocked } = await newContext(browser, server);
    try {
      const page = await context.newPage();
      let collects = 0;
      page.on('request', (request) => {
        if (new URL(request.url()).pathname === '/collect') collects++;
      });
      await page.goto(`${server.origin}/${tool.id}/`, { waitUntil: 'load' });
      await waitRendered(page, tool.banner);
      await page.waitForLoadState('networkidle');
      await locatorOf(page, path).click();
      await page.waitForTimeout(300);
      await page.waitForLoadState('networkidle');
      const cookies = (await context.cookies()).map((c) => c.name).sort();
      out[key] = { analyticsCookie: cookies.includes('_stat'), collects, cookies };
    } catch (error) {
      out.errors.push(`${key}: ${error.message.split('\n')[0]}`);
    } finally {
      out.blocked += blocked.length;
      await context.close();
    }
  }
  return out;
}

/** Runs the checks for every tool with a banner; resolves to `{ [tool id]: result }`. */
export async function checkBehaviour(server, tools, log = () => {}) {
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const results = {};
  try {
    for (const tool of tools.filter((t) => t.banner)) {
      log(`  axe + buttons (Playwright): ${tool.id}`);
      results[tool.id] = await checkTool(browser, server, tool);
    }
  } finally {
    await browser.close();
  }
  return results;
}

export function fmtAxe(violations) {
  if (violations === null || violations === undefined) return 'n/a';
  if (!violations.length) return '0';
  const nodes = violations.reduce((sum, v) => sum + v.nodes, 0);
  return `${violations.length} (${nodes} nodes): ${violations.map((v) => v.id).join(', ')}`;
}

export function fmtButton(result, expectRun) {
  if (!result) return 'n/a';
  const ran = result.analyticsCookie || result.collects > 0;
  return `${ran === expectRun ? 'ok' : 'FAIL'} (${ran ? 'ran' : 'did not run'})`;
}
