// The four examples, each built with its own toolchain (Vite for React, Vue and Svelte; none for the
// plain HTML page, which uses the script tag) and driven in Chromium as a visitor would: the banner is
// shown, Accept all, the analytics component re-renders, a reload keeps the choice, the gated embed
// loads, the footer link opens the dialog, and the console stays clean. The React example is served
// pre-rendered (renderToString) and hydrated, so every load also checks hydration.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-browser.mjs';
import { buildApp, buildExamples, VITE_APPS } from '../scripts/build.mjs';
import { serveExample } from './server.js';

const WAIT_MS = 10_000;
const OFF = 'Analytics are off: nothing is measured.';
const ON = 'Analytics are on: thank you for helping us improve.';

let browser;
before(async () => {
  await buildExamples();
  await buildApp('react', { ssr: 'src/entry-server.tsx' });
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
});
after(() => browser?.close());

/** The React example's server render, from its SSR build. */
async function reactRender() {
  const { render } = await import(new URL('../react/dist/server/entry-server.js', import.meta.url));
  return render;
}

for (const app of ['react', 'vue', 'svelte', 'html']) {
  describe(`the ${app} example`, () => {
    let server;
    let context;
    let page;
    const problems = [];

    before(async () => {
      server = await serveExample(app, app === 'react' ? await reactRender() : undefined);
      context = await browser.newContext();
      context.setDefaultTimeout(WAIT_MS);
      page = await context.newPage();
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('response', (response) => response.status() >= 400 && problems.push(`HTTP ${response.status()}: ${response.url()}`));
      page.on('console', (message) => {
        if (['error', 'warning'].includes(message.type())) problems.push(`console ${message.type()}: ${message.text()}`);
      });
      await page.goto(server.url);
    });
    after(async () => {
      await context?.close();
      await server?.close();
    });

    const status = () => page.getByTestId('analytics-status');
    const embedded = () => page.frameLocator('iframe[title="Product video"]').locator('#embedded');

    test('shows the banner, the component in its "no analytics" state and the embed held back', async () => {
      await page.getByRole('button', { name: 'Accept all' }).waitFor();
      assert.equal(
        await status()
          .textContent()
          .then((text) => text.trim()),
        OFF,
      );
      await page.getByRole('button', { name: 'Allow Marketing' }).waitFor();
      assert.equal(await page.locator('iframe[title="Product video"]').getAttribute('src'), null);
    });

    test('Accept all re-renders the component and loads the embed', async () => {
      await page.getByRole('button', { name: 'Accept all' }).click();
      await page.getByText(ON).waitFor();
      await embedded().waitFor();
      assert.equal(await page.getByRole('button', { name: 'Accept all' }).count(), 0);
    });

    test('a reload keeps the choice', async () => {
      await page.reload();
      await page.getByText(ON).waitFor();
      await embedded().waitFor();
      assert.equal(await page.getByRole('button', { name: 'Accept all' }).count(), 0);
    });

    test('the footer link "Cookie settings" opens the preferences', async () => {
      await page.getByRole('link', { name: 'Cookie settings' }).click();
      await page.getByRole('heading', { name: 'Cookie preferences' }).waitFor();
      assert.equal(await page.getByRole('switch', { name: 'Analytics' }).getAttribute('aria-checked'), 'true');
      await page.getByRole('button', { name: 'Close' }).click();
    });

    test('no console error or warning, no page error', () => {
      assert.deepEqual(problems, []);
    });
  });
}

// A German page (`<html lang="de">`) of each Vite example: init() imports the German strings, which Vite
// split into a chunk of its own from the package's language modules; nothing was copied by hand.
const LANGUAGE_CHUNK = /^(ar|de|es|fr|he|it|nl|pl|pt)-[\w-]+\.js$/;

for (const app of VITE_APPS) {
  describe(`the ${app} example in German`, () => {
    let server;
    let context;
    let page;
    const requested = [];
    const problems = [];

    before(async () => {
      server = await serveExample(app, app === 'react' ? await reactRender() : undefined);
      context = await browser.newContext();
      context.setDefaultTimeout(WAIT_MS);
      page = await context.newPage();
      page.on('request', (request) => requested.push(new URL(request.url()).pathname));
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('response', (response) => response.status() >= 400 && problems.push(`HTTP ${response.status()}: ${response.url()}`));
      page.on('console', (message) => {
        if (['error', 'warning'].includes(message.type())) problems.push(`console ${message.type()}: ${message.text()}`);
      });
      await page.goto(`${server.url}de/`);
    });
    after(async () => {
      await context?.close();
      await server?.close();
    });

    test('shows the banner in German', async () => {
      await page.getByRole('button', { name: 'Alle akzeptieren' }).waitFor();
      await page.getByRole('button', { name: 'Alle ablehnen' }).waitFor();
      await page.getByRole('button', { name: 'Einstellungen verwalten' }).waitFor();
      await page.getByText('Ihre Privatsphäre ist uns wichtig').waitFor();
      assert.equal(await page.locator('consent-banner').getAttribute('lang'), 'de');
    });

    test('the build has a chunk per language, and the page loaded the German one only, and no JSON', () => {
      const chunks = readdirSync(new URL(`../${app}/dist/assets/`, import.meta.url)).filter((file) => LANGUAGE_CHUNK.test(file));
      assert.equal(chunks.length, 9, `one chunk per language: ${chunks.join(', ')}`);
      const german = chunks.find((file) => file.startsWith('de-'));
      assert.deepEqual(
        requested.filter((path) => LANGUAGE_CHUNK.test(path.split('/').pop())),
        [`/assets/${german}`],
      );
      assert.deepEqual(
        requested.filter((path) => path.includes('i18n')),
        [],
      );
    });

    test('no console error or warning, no page error', () => {
      assert.deepEqual(problems, []);
    });
  });
}
