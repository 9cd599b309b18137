// scripts/one-file.mjs: in the one-file build the stand-ins that fetch gating
// and the tracker are replaced by the features themselves. Checked on the real
// sources (every stand-in has its eager module, exporting the stand-in's name)
// and on a small in-memory build (the stand-in's code is not in the bundle, and
// a missing replacement fails the build).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { describe, it } from 'node:test';
import { rollup } from 'rollup';
import { EAGER_MODULES, oneFile } from '../../scripts/one-file.mjs';

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
  it('every stand-in of the sources has an eager module that exports the stand-in under its own name', () => {
    for (const [lazy, eager] of Object.entries(EAGER_MODULES)) {
      const dir = ['src/gating', 'src/tracker'].find((d) => existsSync(`${d}/${lazy.replace(/\.js$/, '.ts')}`)) ?? 'src/gating';
      const stem = (name) => name.replace(/\.js$/, '.ts');
      assert.ok(existsSync(`${dir}/${stem(lazy)}`), `${dir}/${stem(lazy)} exists`);
      const standIn = /export class (\w+)/.exec(readFileSync(`${dir}/${stem(lazy)}`, 'utf8'))[1];
      assert.match(readFileSync(`${dir}/${stem(eager)}`, 'utf8'), new RegExp(`export \\{ \\w+ as ${standIn} \\}`));
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
