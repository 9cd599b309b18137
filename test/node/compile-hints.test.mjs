// scripts/compile-hints.mjs: the entry file starts with V8's compile hint, the
// lazy chunks do not, and the source map still points into the sources
// (test/script-tag.test.ts checks the built script tag).
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { describe, it } from 'node:test';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { rollup } from 'rollup';
import { COMPILE_HINT, compileHints } from '../../scripts/compile-hints.mjs';

const ROOT = '/fixture';
const FILES = {
  'main.js': "export function greet(name) {\n  return 'hello ' + name;\n}\nimport('./lazy.js').then((m) => m.run(greet));\n",
  'lazy.js': 'export function run(greet) {\n  return greet("lazy");\n}\n',
};

/** Builds FILES from main.js with the plugin; the output files by name. */
async function build() {
  const bundle = await rollup({
    input: posix.join(ROOT, 'main.js'),
    plugins: [
      {
        name: 'memory',
        resolveId: (source, importer) => posix.resolve(importer ? posix.dirname(importer) : ROOT, source),
        load: (id) => FILES[posix.relative(ROOT, id)],
      },
      compileHints(),
    ],
  });
  try {
    const { output } = await bundle.generate({ format: 'es', entryFileNames: 'app.js', chunkFileNames: '[name].js', sourcemap: true });
    return Object.fromEntries(output.map((file) => [file.fileName, file]));
  } finally {
    await bundle.close();
  }
}

describe('compile hints', () => {
  it('puts the hint on the first line of the entry file only', async () => {
    const files = await build();
    assert.equal(files['app.js'].code.split('\n')[0], COMPILE_HINT);
    assert.ok(!files['lazy.js'].code.includes(COMPILE_HINT), 'a lazy chunk keeps lazy compilation');
  });

  it('keeps the source map in step with the added line', async () => {
    const { code, map } = (await build())['app.js'];
    const lines = code.split('\n');
    const line = lines.findIndex((l) => l.includes("'hello '"));
    const trace = new TraceMap(map);
    const original = originalPositionFor(trace, { line: line + 1, column: lines[line].indexOf("'hello '") });
    assert.equal(original.source?.endsWith('main.js'), true);
    assert.equal(original.line, 2);
  });
});
