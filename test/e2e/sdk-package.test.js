// The SDK as a front-end developer installs it: `npm pack` of the root package,
// installed into an empty project from the tarball. It must bring exactly
// consent-gate, lit (with lit's own dependencies) and js-cookie, run no install
// script, and work on a page: a module that imports it is bundled from that
// project and shows the banner in Chromium.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import resolve from '@rollup/plugin-node-resolve';
import { chromium } from 'playwright';
import { rollup } from 'rollup';
import { COMPILE_HINT } from '../../scripts/compile-hints.mjs';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-browser.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const INSTALL_TIMEOUT_MS = 180_000;
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];

const project = mkdtempSync(join(tmpdir(), 'consent-gate-sdk-'));
after(() => rmSync(project, { recursive: true, force: true }));

const npm = (args, cwd) =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund'], { cwd, encoding: 'utf8', timeout: INSTALL_TIMEOUT_MS });

/** Every package installed in the project (node_modules, scoped and nested ones included) as `name` → its package.json. */
function installedPackages(directory = join(project, 'node_modules'), found = new Map()) {
  for (const entry of readdirSync(directory)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) {
      installedPackages(join(directory, entry), found);
      continue;
    }
    const manifest = JSON.parse(readFileSync(join(directory, entry, 'package.json'), 'utf8'));
    found.set(manifest.name, manifest);
    if (existsSync(join(directory, entry, 'node_modules'))) installedPackages(join(directory, entry, 'node_modules'), found);
  }
  return found;
}

/** The names `name` pulls in, itself included. */
function closure(packages, name, seen = new Set()) {
  if (seen.has(name)) return seen;
  seen.add(name);
  for (const dependency of Object.keys(packages.get(name)?.dependencies ?? {})) closure(packages, dependency, seen);
  return seen;
}

before(() => {
  const [{ filename }] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', project], ROOT));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'an-empty-site', private: true, type: 'module' }));
  npm(['install', join(project, filename)], project);
});

test('installs exactly consent-gate, lit (with its own dependencies) and js-cookie', () => {
  const packages = installedPackages();
  const expected = new Set(['consent-gate', 'js-cookie', ...closure(packages, 'lit')]);
  assert.deepEqual([...packages.keys()].sort(), [...expected].sort());
  assert.deepEqual(Object.keys(packages.get('consent-gate').dependencies).sort(), ['js-cookie', 'lit']);
});

test('ships the Custom Elements Manifest its package.json names, and VS Code custom data made from it', () => {
  const installed = join(project, 'node_modules', 'consent-gate');
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  const elements = JSON.parse(readFileSync(join(installed, manifest.customElements), 'utf8'));
  const declared = elements.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.customElement);
  assert.deepEqual(declared.map((declaration) => declaration.tagName).sort(), ['consent-banner', 'consent-preferences']);
  const customData = JSON.parse(readFileSync(join(installed, 'dist/vscode.html-custom-data.json'), 'utf8'));
  assert.deepEqual(customData.tags.map((tag) => tag.name).sort(), ['consent-banner', 'consent-preferences']);
});

test('the framework entries are there, their frameworks optional peers that were not installed', () => {
  const installed = join(project, 'node_modules', 'consent-gate');
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  for (const framework of ['react', 'vue', 'svelte']) {
    assert.equal(manifest.peerDependenciesMeta[framework]?.optional, true, `${framework} is an optional peer`);
    for (const file of Object.values(manifest.exports[`./${framework}`]))
      assert.ok(existsSync(join(installed, file)), `${file} is in the tarball`);
  }
  // The elements' template types that the Vue and Svelte entries' types import.
  assert.ok(existsSync(join(installed, 'dist/types/ui/template-props.d.ts')), 'dist/types/ui/template-props.d.ts is in the tarball');
});

test('ships each built-in language as a typed ES module (consent-gate/i18n/<lang>) and as JSON for the script tag', () => {
  const installed = join(project, 'node_modules', 'consent-gate');
  for (const language of ['ar', 'de', 'es', 'fr', 'he', 'it', 'nl', 'pl', 'pt']) {
    for (const file of [`dist/i18n/${language}.js`, `dist/i18n/${language}.json`, `dist/types/i18n/${language}.d.ts`])
      assert.ok(existsSync(join(installed, file)), `${file} is in the tarball`);
  }
});

test('the script tag and its one-file build ask V8 to compile them while they stream in (the compile hint on the first line; lazy chunks without it)', () => {
  const installed = join(project, 'node_modules', 'consent-gate', 'dist');
  const firstLine = (file) => readFileSync(join(installed, file), 'utf8').split('\n', 1)[0];
  assert.equal(firstLine('consent-gate.min.js'), COMPILE_HINT);
  assert.equal(firstLine('consent-gate.standalone.min.js'), COMPILE_HINT);
  const chunks = readdirSync(join(installed, 'consent-gate'));
  assert.ok(chunks.length > 0, 'the lazy chunks are in the tarball');
  for (const chunk of chunks.filter((name) => name.endsWith('.js')))
    assert.notEqual(firstLine(join('consent-gate', chunk)), COMPILE_HINT, chunk);
});

test('no installed package has an install script', () => {
  for (const [name, manifest] of installedPackages()) {
    const scripts = INSTALL_SCRIPTS.filter((script) => manifest.scripts?.[script]);
    assert.deepEqual(scripts, [], `${name} runs ${scripts.join(', ')} on install`);
  }
});

test('consent-gate/i18n/<lang> and consent-gate/i18n/<lang>.json resolve through the package exports', () => {
  const script = [
    "const { default: module } = await import('consent-gate/i18n/de');",
    "const { default: json } = await import('consent-gate/i18n/de.json', { with: { type: 'json' } });",
    'console.log(JSON.stringify([module.acceptAll, json.acceptAll]));',
  ].join('\n');
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(output), ['Alle akzeptieren', 'Alle akzeptieren']);
});

/**
 * Bundles `main` (a module of the site) with Rollup from the installed package, serves the bundle
 * under a page with `<html lang="{lang}">`, and opens it in Chromium. Resolves what the page saw:
 * `page`, the bundle's chunk file names, the paths the page requested, and its errors; `close()` ends it.
 */
async function openBundledPage(main, lang = 'en') {
  writeFileSync(join(project, 'main.js'), main);
  const bundle = await rollup({
    input: join(project, 'main.js'),
    plugins: [resolve({ rootDir: project })],
    onwarn: (warning) => assert.fail(warning.message),
  });
  const { output } = await bundle.generate({ format: 'es', entryFileNames: 'main.js' });
  await bundle.close();
  const html = `<!doctype html><html lang="${lang}"><head><title>Site</title></head><body><p>Content</p><script type="module" src="/main.js"></script></body></html>`;
  // The entry and the chunks it imports lazily (the dialog, gating, the tracker, a language), by file name.
  const scripts = new Map(output.filter((file) => file.type === 'chunk').map((chunk) => [`/${chunk.fileName}`, chunk.code]));
  const requested = [];
  const server = createServer((request, response) => {
    requested.push(request.url);
    if (scripts.has(request.url)) response.writeHead(200, { 'content-type': 'text/javascript' }).end(scripts.get(request.url));
    else if (request.url === '/') response.writeHead(200, { 'content-type': 'text/html' }).end(html);
    // The page has no icon; the browser asks anyway.
    else if (request.url === '/favicon.ico') response.writeHead(204).end();
    else response.writeHead(404).end();
  });
  await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  return {
    page,
    chunks: [...scripts.keys()],
    requested,
    errors,
    close: async () => {
      await browser.close();
      server.close();
    },
  };
}

test('a page that imports it from the installed package shows the banner', async () => {
  const { page, errors, close } = await openBundledPage(
    "import { init } from 'consent-gate';\nwindow.gate = init({ policyUrl: '/privacy' });\n",
  );
  try {
    await page.getByRole('button', { name: 'Accept all' }).click();
    // The decision follows the paint that closes the banner.
    await page.waitForFunction(() => window.gate.getConsent()?.method === 'accept-all');
    assert.match((await page.context().cookies()).map((cookie) => cookie.name).join(), /cg_consent/);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('a German page bundled from it speaks German from a chunk of the bundle, with no file copied by hand', async () => {
  const { page, chunks, requested, errors, close } = await openBundledPage(
    "import { init } from 'consent-gate';\nwindow.gate = init({ policyUrl: '/privacy' });\n",
    'de',
  );
  try {
    await page.getByRole('button', { name: 'Alle akzeptieren' }).waitFor();
    // Rollup split every language into a chunk of its own; the page loaded German's and no other.
    const languageChunks = chunks.filter((chunk) => /^\/(ar|de|es|fr|he|it|nl|pl|pt)(-[\w-]+)?\.js$/.test(chunk));
    assert.equal(languageChunks.length, 9, `one chunk per language: ${chunks.join(', ')}`);
    const german = languageChunks.find((chunk) => chunk.startsWith('/de'));
    assert.deepEqual(
      requested.filter((path) => languageChunks.includes(path)),
      [german],
    );
    assert.deepEqual(
      requested.filter((path) => path.includes('i18n')),
      [],
    );
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});
