// Server-side rendering: in Node (no window, no document) importing consent-gate, consent-gate/headless
// and each framework entry throws nothing and adds no global; init() and initHeadless() return a gate
// that does nothing; and the React example's renderToString shows the "no decision" state. (Its
// hydration in Chromium, without a mismatch, is checked by apps.test.js on every load of the React example.)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../scripts/build.mjs';

const SDK_DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

/** The entries, each with the framework it builds on (imported first, so that its own globals are not counted). */
const ENTRIES = [
  { entry: 'consent-gate', file: 'consent-gate.js' },
  { entry: 'consent-gate/headless', file: 'headless.js' },
  { entry: 'consent-gate/react', file: 'react.js', framework: 'react' },
  { entry: 'consent-gate/vue', file: 'vue.js', framework: 'vue' },
  { entry: 'consent-gate/svelte', file: 'svelte.js', framework: 'svelte/store' },
];

before(() => {
  for (const { file } of ENTRIES)
    assert.ok(existsSync(SDK_DIST + file), `dist/${file} is missing: run npm run build:browser at the root first`);
});

/** Runs `code` as an ES module in a fresh Node process and returns what it printed, parsed as JSON. */
function inFreshNode(code) {
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
    timeout: 30_000,
  });
  return JSON.parse(output);
}

/** Imports `file` (after `framework`) in a fresh Node; reports the error, the globals added and what `window`/`document` are then. */
function importInNode({ file, framework }) {
  return inFreshNode(`
    ${framework ? `await import(${JSON.stringify(framework)});` : ''}
    // Descriptors, not values: reading a lazy global (fetch, …) would itself create globals.
    const before = Object.getOwnPropertyDescriptors(globalThis);
    let error = null;
    try { await import(${JSON.stringify(SDK_DIST + file)}); } catch (e) { error = String(e?.stack ?? e); }
    const after = Object.getOwnPropertyDescriptors(globalThis);
    const added = Reflect.ownKeys(after).filter((key) => !(key in before)).map(String);
    const changed = Reflect.ownKeys(before)
      .filter((key) => ['value', 'get', 'set'].some((field) => !Object.is(before[key][field], after[key]?.[field])))
      .map(String);
    console.log(JSON.stringify({ error, added, changed, window: typeof window, document: typeof document }));
  `);
}

for (const target of ENTRIES) {
  test(`importing ${target.entry} in Node throws nothing and touches no global`, () => {
    const result = importInNode(target);
    assert.equal(result.error, null, `importing ${target.entry} threw`);
    assert.deepEqual(result.added, [], `globals added by ${target.entry}`);
    assert.deepEqual(result.changed, [], `globals changed by ${target.entry}`);
    assert.deepEqual([result.window, result.document], ['undefined', 'undefined']);
  });
}

for (const [entry, file, start] of [
  ['consent-gate', 'consent-gate.js', 'init'],
  ['consent-gate/headless', 'headless.js', 'initHeadless'],
]) {
  test(`${start}() on a server returns a gate that does nothing (${entry})`, () => {
    const result = inFreshNode(`
      const errors = [];
      console.error = (...args) => errors.push(args.join(' '));
      const gate = (await import(${JSON.stringify(SDK_DIST + file)})).${start}({ categories: { necessary: { required: true }, analytics: {} } });
      let heard = 0;
      gate.on('change', () => heard++);
      gate.acceptAll(); gate.setConsent({ analytics: true }); gate.track('x'); gate.trackPageview(); gate.reset();
      gate.showBanner?.(); gate.showPreferences?.(); gate.hidePreferences?.(); gate.destroy();
      process.stdout.write(JSON.stringify({
        consent: gate.getConsent(), necessary: gate.hasConsent('necessary'), analytics: gate.hasConsent('analytics'),
        categories: gate.config.categories.map((c) => c.name), heard, errors,
      }));
    `);
    assert.deepEqual(result, {
      consent: null,
      necessary: true,
      analytics: false,
      categories: ['necessary', 'analytics'],
      heard: 0,
      errors: [],
    });
  });
}

test('renderToString of the React example shows the "no decision" state', async () => {
  await buildApp('react', { ssr: 'src/entry-server.tsx' });
  const { render } = await import(new URL('../react/dist/server/entry-server.js', import.meta.url));
  const html = render();
  assert.match(html, /Analytics are off: nothing is measured\./);
  assert.doesNotMatch(html, /Analytics are on/);
  // The gated frame has no src on the server either: nothing loads before consent.
  assert.match(html, /<iframe data-consent="marketing" data-src="\/embed.html"/);
  assert.doesNotMatch(html, /<iframe[^>]* src=/);
});
