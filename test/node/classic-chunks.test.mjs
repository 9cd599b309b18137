// scripts/classic-chunks.mjs on small builds: rollup bundles in-memory modules
// into an entry and lazy chunks, the plugin rewrites them into classic scripts,
// and the test runs those scripts in a VM context with a fake document that
// "loads" a chunk's <script> by running its code. Every import or export form
// the plugin cannot rewrite must fail the build and say why.
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { describe, it } from 'node:test';
import vm from 'node:vm';
import { rollup } from 'rollup';
import { classicChunks } from '../../scripts/classic-chunks.mjs';

const KEY = 'classic-chunks-test';
const ROOT = '/fixture';

/** Serves `files` (paths under ROOT) as modules; bare specifiers are external. */
function memory(files) {
  return {
    name: 'memory',
    resolveId(source, importer) {
      if (!source.startsWith('.') && !source.startsWith('/')) return { id: source, external: true };
      return posix.resolve(importer ? posix.dirname(importer) : ROOT, source);
    },
    load(id) {
      const path = posix.relative(ROOT, id);
      if (!(path in files)) throw new Error(`fixture: no module ${path}`);
      return files[path];
    },
  };
}

/**
 * Builds `files` from `main.js` with classic-chunks (after `before`, plugins that run first)
 * and returns the output files by name.
 */
async function build(files, { before = [], output = {}, preserveEntrySignatures = 'allow-extension' } = {}) {
  const bundle = await rollup({
    input: posix.join(ROOT, 'main.js'),
    // As for src/auto.ts, which exports nothing: the entry chunk may export what the chunks import from it.
    preserveEntrySignatures,
    plugins: [memory(files), ...before, classicChunks({ key: KEY })],
    onwarn: () => {},
  });
  try {
    const { output: files } = await bundle.generate({
      format: 'es',
      entryFileNames: 'app.min.js',
      chunkFileNames: 'app/[name].min.js',
      sourcemap: true,
      ...output,
    });
    return Object.fromEntries(files.map((file) => [file.fileName, file]));
  } finally {
    await bundle.close();
  }
}

/** Builds `files` and resolves to the error the build fails with. */
async function buildError(files, options) {
  try {
    await build(files, options);
  } catch (error) {
    return error;
  }
  assert.fail('the build should have failed');
}

/**
 * Runs the entry as a classic script in a fresh context, as if from
 * https://cdn.example/dist/app.min.js with a nonce; an added <script> runs
 * the chunk of that URL (or fails to load when it is not in `output`).
 */
function runEntry(output) {
  const appended = [];
  const context = vm.createContext({
    URL,
    console,
    queueMicrotask,
    document: {
      currentScript: { src: 'https://cdn.example/dist/app.min.js', nonce: 'n0nce' },
      baseURI: 'https://site.example/page',
      createElement: (tag) => ({ tag, remove() {} }),
      head: {
        append(element) {
          appended.push(element);
          const file = element.src.replace('https://cdn.example/dist/', '');
          setImmediate(() => {
            if (!output[file]) return element.onerror();
            vm.runInContext(output[file].code, context, { filename: file });
            element.onload();
          });
        },
      },
    },
  });
  context.self = context;
  vm.runInContext(output['app.min.js'].code, context, { filename: 'app.min.js' });
  return { context, appended, registry: vm.runInContext(`self[Symbol.for(${JSON.stringify(KEY)})]`, context) };
}

/** Asserts that `code` parses as a classic script (no import or export statement left). */
function assertClassic(code, name) {
  assert.doesNotThrow(() => new vm.Script(code, { filename: name }), `${name} is a classic script`);
}

const APP = {
  'main.js': `import { greet, PREFIX } from './shared.js';
import './side-effect.js';
export const sayHello = (name) => greet(name);
// Non-ASCII text before the rewritten statements: positions are string offsets, not bytes.
export const label = 'Préférences — ✓';
export const openDialog = () => import('./dialog.js');
export const startTracker = () => import('./tracker.js');
self.started = PREFIX;
`,
  'shared.js': `export const PREFIX = 'Hello, ';
export function greet(name) { return PREFIX + name; }
export const shout = (text) => text.toUpperCase() + '!';
`,
  'dialog.js': `import { greet, shout } from './shared.js';
import './side-effect.js';
const title = 'Réglages — ✓';
export function render(name) { return shout(greet(name)) + ' ' + title; }
export { title as dialogTitle };
`,
  'side-effect.js': `self.sideEffects = (self.sideEffects ?? 0) + 1;
`,
  'tracker.js': `import { greet } from './shared.js';
import './side-effect.js';
export const track = (page) => ({ page, greeting: greet('tracker') });
`,
};

describe('classic-chunks', () => {
  it('rewrites the entry and its lazy chunks into classic scripts', async () => {
    const output = await build(APP);
    assert.deepEqual(
      Object.keys(output)
        .filter((name) => name.endsWith('.js'))
        .sort(),
      ['app.min.js', 'app/dialog.min.js', 'app/tracker.min.js'],
    );
    for (const name of ['app.min.js', 'app/dialog.min.js', 'app/tracker.min.js']) assertClassic(output[name].code, name);
    const entry = output['app.min.js'].code;
    assert.match(entry, /^\(\(\) => \{\n/);
    assert.match(entry, /\.load\('\.\/app\/dialog\.min\.js'\)/);
    assert.match(entry, /\.load\('\.\/app\/tracker\.min\.js'\)/);
    assert.match(entry, /self\[Symbol\.for\("classic-chunks-test"\)\]\.m = \{.*"sayHello": sayHello/);
    const dialog = output['app/dialog.min.js'].code;
    assert.match(dialog, /const \{[^}]*\} = self\[Symbol\.for\("classic-chunks-test"\)\]\.m;/);
    assert.match(dialog, /\.c\["app\/dialog\.min\.js"\] = \{"dialogTitle": title, "render": render\};\n\}\)\(\);\n/);
    assert.ok(output['app/dialog.min.js'].map, 'a source map when the output asks for one');
  });

  it('loads a chunk as a <script> beside the entry, with its nonce, once, and hands it the entry’s bindings', async () => {
    const output = await build(APP);
    const { context, appended, registry } = runEntry(output);
    assert.equal(context.started, 'Hello, ');
    assert.equal(registry.m.sayHello('Ada'), 'Hello, Ada');
    assert.equal(registry.m.label, 'Préférences — ✓');
    assert.equal(context.sideEffects, 1, 'a module shared by two chunks runs once, in the entry');

    const [dialog, again] = await Promise.all([registry.m.openDialog(), registry.m.openDialog()]);
    assert.equal(dialog, again);
    assert.equal(appended.length, 1, 'one <script> for two calls');
    assert.equal(appended[0].tag, 'script');
    assert.equal(appended[0].src, 'https://cdn.example/dist/app/dialog.min.js');
    assert.equal(appended[0].nonce, 'n0nce');
    assert.equal(dialog.render('Ada'), 'HELLO, ADA! Réglages — ✓');
    assert.equal(dialog.dialogTitle, 'Réglages — ✓');

    const tracker = await registry.m.startTracker();
    assert.deepEqual({ ...tracker.track('/') }, { page: '/', greeting: 'Hello, tracker' });
    assert.equal(context.sideEffects, 1);
  });

  it('rejects when a chunk cannot be loaded, and tries again on the next call', async () => {
    const output = await build(APP);
    const tracker = output['app/tracker.min.js'];
    delete output['app/tracker.min.js'];
    const { appended, registry } = runEntry(output);
    await assert.rejects(registry.m.startTracker(), {
      message: 'consent-gate: could not load https://cdn.example/dist/app/tracker.min.js',
    });
    output['app/tracker.min.js'] = tracker;
    assert.equal(typeof (await registry.m.startTracker()).track, 'function');
    assert.equal(appended.length, 2);
  });

  describe('fails the build on what it cannot rewrite', () => {
    /** The entry, with `lazy.js` loaded lazily. */
    const withLazy = (lazy, extra = {}) => ({ 'main.js': `export const load = () => import('./lazy.js');\n`, 'lazy.js': lazy, ...extra });

    const cases = [
      [
        'a default import in a chunk',
        withLazy(`import def from 'external';\nexport const x = def;\n`),
        /app\/lazy\.min\.js: it imports external; lazy chunks may only import from the entry/,
      ],
      [
        'a named import from a module outside the build',
        withLazy(`import { a } from 'external';\nexport const x = a;\n`),
        /it imports external; lazy chunks may only import from the entry/,
      ],
      [
        'a side-effect import of a module outside the build',
        withLazy(`import 'external';\nexport const x = 1;\n`),
        /it imports external; lazy chunks may only import from the entry/,
      ],
      [
        'an import from another lazy chunk',
        {
          'main.js': `export const a = () => import('./a.js');\nexport const b = () => import('./b.js');\n`,
          'a.js': `import { s } from './shared.js';\nexport const x = s;\n`,
          'b.js': `import { s } from './shared.js';\nexport const y = s;\n`,
          'shared.js': `export const s = Math.random();\n`,
        },
        /app\/a\.min\.js: it imports \.\/shared\.min\.js; lazy chunks may only import from the entry/,
      ],
      [
        'an import in the entry',
        { 'main.js': `import { a } from 'external';\nexport const x = a;\n` },
        /app\.min\.js: the entry imports external; the entry must not import other chunks or modules/,
      ],
      ['a re-export in the entry', { 'main.js': `export { a } from 'external';\n` }, /app\.min\.js: it re-exports from another module/],
      ['`export *` in the entry', { 'main.js': `export * from 'external';\nexport const x = 1;\n` }, /app\.min\.js: it is `export \*`/],
      // Rollup writes this one as a namespace import of the external module.
      ['`export *` in a chunk', withLazy(`export * from 'external';\nexport const x = 1;\n`), /app\/lazy\.min\.js: it imports external/],
      ['import.meta in the entry', { 'main.js': `export const here = import.meta.url;\n` }, /app\.min\.js: it uses import\.meta/],
      ['import.meta in a chunk', withLazy(`export const here = () => import.meta.url;\n`), /app\/lazy\.min\.js: it uses import\.meta/],
      [
        'top-level await in a chunk',
        withLazy(`export const value = await Promise.resolve(1);\n`),
        /app\/lazy\.min\.js: it uses top-level await/,
      ],
      [
        'top-level for await in the entry',
        { 'main.js': `for await (const x of []) self.x = x;\nexport const y = 1;\n` },
        /app\.min\.js: it uses top-level await/,
      ],
      [
        'import() of a computed specifier',
        { 'main.js': `export const load = (name) => import(name);\n` },
        /app\.min\.js \(\/fixture\/main\.js\) has import\(\) of a computed specifier/,
      ],
      [
        'import() of a module outside the build',
        { 'main.js': `export const load = () => import('https://cdn.example/x.js');\n` },
        /has import\('https:\/\/cdn\.example\/x\.js'\), which is not a chunk of this build/,
      ],
      [
        'import() in a lazy chunk',
        withLazy(`export const more = () => import('./more.js');\n`, { 'more.js': `export const m = 1;\n` }),
        /app\/lazy\.min\.js \(\/fixture\/lazy\.js\) loads app\/more\.min\.js with import\(\); only the entry may load chunks/,
      ],
    ];
    for (const [name, files, message] of cases) {
      it(name, async () => {
        const error = await buildError(files);
        assert.match(error.message, message);
        assert.match(error.message, /classic-chunks/);
      });
    }

    // Rollup itself writes imports only as `import { a as b }` and exports as one `export { … }` today;
    // these forms reach the plugin only from a plugin before it (or another rollup), and must not slip through.
    /** A plugin that rewrites the lazy chunk's code before classic-chunks sees it. */
    const rewriteLazy = (rewrite) => ({ name: 'rewrite', renderChunk: (code, chunk) => (chunk.isEntry ? null : rewrite(code)) });
    const injected = [
      [
        'a default import of the entry',
        (code) => `import main from '../app.min.js';\n${code}\nself.main = main;`,
        /it is a default import/,
      ],
      [
        'a namespace import of the entry',
        (code) => `import * as main from '../app.min.js';\n${code}\nself.main = main;`,
        /it is a namespace import/,
      ],
      [
        'an import with attributes',
        (code) => `import { x } from '../app.min.js' with { type: 'json' };\n${code}\nself.x = x;`,
        /it has import attributes/,
      ],
      ['`export default`', (code) => `${code}\nexport default 42;`, /it is `export default`/],
      ['an exported declaration', (code) => `${code}\nexport const extra = 1;`, /it exports a declaration/],
      ['a re-export in a chunk', (code) => `${code}\nexport { a } from '../app.min.js';`, /it re-exports from another module/],
    ];
    it('drops an import of the entry for its side effects only (the entry ran first)', async () => {
      const output = await build(withLazy(`export const x = 1;\n`), {
        before: [rewriteLazy((code) => `import '../app.min.js';\n${code}`)],
      });
      assertClassic(output['app/lazy.min.js'].code, 'app/lazy.min.js');
      assert.doesNotMatch(output['app/lazy.min.js'].code, /app\.min\.js';/);
    });
    for (const [name, rewrite, message] of injected) {
      it(name, async () => {
        const error = await buildError(withLazy(`export const x = 1;\n`), { before: [rewriteLazy(rewrite)] });
        assert.match(error.message, message);
        assert.match(error.message, /app\/lazy\.min\.js/);
      });
    }
  });

  it('fails when rollup makes the entry a facade of another chunk, and says how to avoid it', async () => {
    const error = await buildError(APP, { preserveEntrySignatures: 'strict' });
    assert.match(error.message, /app\/main\.min\.js .* loads app\/dialog\.min\.js with import\(\); only the entry may load chunks/);
    assert.match(error.message, /set preserveEntrySignatures to 'allow-extension'/);
  });

  it('accepts only the ES format and a fixed entry file name', async () => {
    assert.match(
      (await buildError(APP, { output: { format: 'iife', inlineDynamicImports: true } })).message,
      /the output format must be "es"/,
    );
    assert.match((await buildError(APP, { output: { entryFileNames: () => 'x.js' } })).message, /entryFileNames must be a fixed file name/);
  });
});
