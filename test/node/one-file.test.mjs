// scripts/one-file.mjs: in the one-file build the stand-ins that fetch the
// dialog, gating and the tracker are replaced by the features themselves.
// Checked on the real sources (every stand-in has its eager module, exporting
// the stand-in's names) and on a small in-memory build (the stand-in's code is
// not in the bundle, and a missing replacement fails the build). The internal
// members the one-file build also shortens are checked to be ours alone.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, posix } from 'node:path';
import { describe, it } from 'node:test';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';
import { EAGER_MODULES, ONE_FILE_MEMBERS, oneFile, PRIVATE_MEMBERS, SHARED_INTERNAL_MEMBERS } from '../../scripts/one-file.mjs';

const ROOT = '/fixture';

/** Serves `files` (paths under ROOT) as modules. */
function memory(files) {
  return {
    name: 'memory',
    resolveId: (source, importer) => {
      const id = posix.resolve(importer ? posix.dirname(importer) : ROOT, source);
      return posix.relative(ROOT, id) in files ? id : null;
    },
    load: (id) => files[posix.relative(ROOT, id)],
  };
}

async function bundle(files) {
  const build = await rollup({ input: `${ROOT}/entry.js`, plugins: [oneFile(), memory(files)], onwarn: () => {} });
  const { output } = await build.generate({ format: 'es', inlineDynamicImports: true });
  return output[0].code;
}

describe('one-file build: stand-ins replaced by the features', () => {
  it('every stand-in of the sources has an eager module that exports what the stand-in exports, under the same names', () => {
    /** The names of the values (not types) that a module's source exports. */
    const exportedValues = (source) =>
      [
        ...[...source.matchAll(/export (?:async )?(?:class|function|const) (\w+)/g)].map((m) => m[1]),
        ...[...source.matchAll(/export \{ \w+ as (\w+) \}/g)].map((m) => m[1]),
      ].sort();
    for (const [lazy, eager] of Object.entries(EAGER_MODULES)) {
      const stem = (name) => name.replace(/\.js$/, '.ts');
      const dir = ['src/gating', 'src/tracker', 'src/ui'].find((d) => existsSync(`${d}/${stem(lazy)}`));
      assert.ok(dir, `${stem(lazy)} exists in src/`);
      const standIn = exportedValues(readFileSync(`${dir}/${stem(lazy)}`, 'utf8'));
      assert.ok(standIn.length, `${dir}/${stem(lazy)} exports something`);
      assert.deepEqual(exportedValues(readFileSync(`${dir}/${stem(eager)}`, 'utf8')), standIn, `${dir}/${stem(eager)}`);
    }
  });

  it('bundles the feature where the stand-in was imported', async () => {
    const code = await bundle({
      'entry.js': "import { LazyGating } from './gating/lazy-gating.js'; console.log(new LazyGating());",
      'gating/lazy-gating.js': "export class LazyGating { standIn() { return import('./gating.js'); } }",
      'gating/eager-gating.js': "export { Gating as LazyGating } from './gating.js';",
      'gating/gating.js': "export class Gating { feature() { return 'the feature'; } }",
    });
    assert.match(code, /the feature/);
    assert.doesNotMatch(code, /standIn/);
  });

  it('fails the build when a stand-in has no eager module', async () => {
    await assert.rejects(
      bundle({
        'entry.js': "import { LazyTracker } from './tracker/lazy-tracker.js'; console.log(LazyTracker);",
        'tracker/lazy-tracker.js': 'export class LazyTracker {}',
      }),
      /one-file build: eager-tracker\.js \(for \.\/tracker\/lazy-tracker\.js\) is missing/,
    );
  });
});

describe('one-file build: the shared internal members it shortens', () => {
  /** Every TypeScript source of the SDK, as one text per file. */
  const sources = (dir = 'src') =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? sources(`${dir}/${entry.name}`)
        : entry.name.endsWith('.ts')
          ? [readFileSync(`${dir}/${entry.name}`, 'utf8')]
          : [],
    );

  it('are members the sources declare', () => {
    const code = sources().join('\n');
    for (const name of SHARED_INTERNAL_MEMBERS) {
      assert.match(code, new RegExp(`^\\s*(?:(?:private|protected|abstract|readonly) )*${name}\\??\\s*[(:=<]`, 'm'), name);
    }
  });

  it('are no DOM or JavaScript name, no text key, no configuration key or event field, and not named in the reference', () => {
    // Every name of the browser's and the language's APIs, as TypeScript declares them.
    const lib = dirname(createRequire(import.meta.url).resolve('typescript'));
    const builtIn = readdirSync(lib)
      .filter((file) => /^lib\..*\.d\.ts$/.test(file))
      .map((file) => readFileSync(`${lib}/${file}`, 'utf8'))
      .join('\n');
    const texts = [readFileSync('src/i18n/de.ts', 'utf8'), readFileSync('src/ui/english.ts', 'utf8')].join('\n');
    const reference = ['docs/reference.md', 'docs/analytics.md', 'src/core/config-types.ts', 'src/core/types.ts']
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    for (const name of SHARED_INTERNAL_MEMBERS) {
      assert.doesNotMatch(builtIn, new RegExp(`\\b${name}\\b`), `${name} is a DOM or JavaScript name`);
      assert.doesNotMatch(texts, new RegExp(`\\b${name}\\b`), `${name} is a text key`);
      assert.doesNotMatch(reference, new RegExp(`\\b${name}\\b`), `${name} is part of the public API or the wire format`);
    }
  });

  it('shortens them and the private members, and nothing else (never lit\'s "_$" members)', async () => {
    /** `entry.js` minified with property mangling by `members`. */
    const minified = async (members) => {
      const files = { 'entry.js': 'globalThis.probe = { _mine: 1, _$litPart$: 2, renderShadow: 3, readCookie: 4, mode: 5, render: 6 };' };
      const build = await rollup({
        input: `${ROOT}/entry.js`,
        plugins: [memory(files), terser({ mangle: { properties: { regex: members } } })],
      });
      return (await build.generate({ format: 'es' })).output[0].code;
    };
    const oneFileCode = await minified(ONE_FILE_MEMBERS);
    for (const kept of ['_$litPart$', 'mode', 'render']) assert.ok(oneFileCode.includes(`${kept}:`), `${kept} kept`);
    for (const shortened of ['_mine', 'renderShadow', 'readCookie']) assert.ok(!oneFileCode.includes(shortened), `${shortened} shortened`);
    const splitCode = await minified(PRIVATE_MEMBERS);
    assert.ok(splitCode.includes('renderShadow:') && !splitCode.includes('_mine'), 'the split build shortens only "_" members');
  });
});
