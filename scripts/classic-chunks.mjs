// Rollup plugin: turns an ES-format build with one entry and lazily imported
// chunks into classic scripts, so that the script-tag build stays one
// `<script src defer>` (SPEC §1: an IIFE that sets `window.ConsentGate`
// synchronously) while the code that the first paint does not need (the
// preferences dialog, the tracker) is fetched only when it is used.
//
// - The entry becomes an IIFE. It creates a private registry on
//   `self[Symbol.for(key)]`, hands the bindings its chunks import to it, and
//   gets a loader that adds each chunk as a `<script>` next to the entry's own
//   (same base URL, same `nonce`: works under a strict CSP and from a CDN
//   without CORS).
// - Each chunk becomes an IIFE that takes its imports from the registry and
//   leaves its exports there under its file name.
// - `import('./chunk.js')` becomes `registry.load('./chunk.js')`.
//
// A chunk may only import from the entry (the build fails otherwise): every
// module that two lazy chunks share then sits in the entry.

import MagicString from 'magic-string';
import { posix } from 'node:path';

const IMPORT = /^import\s*(?:\{([^}]*)\}\s*from\s*)?(['"])([^'"]+)\2;?[ \t]*\n?/gm;
const EXPORT = /^export\s*\{([^}]*)\};?[ \t]*\n?/gm;

/** The loader the entry defines: adds a chunk's `<script>` once and resolves to its exports. */
const LOADER = `(script) => {
  const registry = (REGISTRY = { c: {}, p: {} });
  registry.load = (path) => {
    const file = path.replace(/^\\.\\//, '');
    return (registry.p[file] ??= new Promise((resolve, reject) => {
      const element = document.createElement('script');
      element.src = new URL(file, script && script.src ? script.src : document.baseURI).href;
      if (script && script.nonce) element.nonce = script.nonce;
      element.onload = () => (registry.c[file] ? resolve(registry.c[file]) : reject(new Error('consent-gate: ' + file + ' did not register')));
      element.onerror = () => {
        delete registry.p[file];
        element.remove();
        reject(new Error('consent-gate: could not load ' + element.src));
      };
      document.head.append(element);
    }));
  };
}`;

/** `a as b, c` → `{"b": a, "c": c}` */
function exportObject(names) {
  const entries = names
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => {
      const [local, as = local] = name.split(/\s+as\s+/);
      return `${JSON.stringify(as)}: ${local}`;
    });
  return `{${entries.join(', ')}}`;
}

/** @param {{ key?: string }} [options] */
export function classicChunks({ key = 'consent-gate' } = {}) {
  const registry = `self[Symbol.for(${JSON.stringify(key)})]`;
  let entryFile = '';

  /** Removes the `export { … }` statement of `code` from `s` and returns the exports as an object literal. */
  const takeExports = (code, s, chunk) => {
    let exported = '{}';
    for (const match of code.matchAll(EXPORT)) {
      exported = exportObject(match[1]);
      s.remove(match.index, match.index + match[0].length);
    }
    if (/^export\s/m.test(code.replace(EXPORT, ''))) throw new Error(`classic-chunks: unexpected export form in ${chunk.fileName}`);
    return exported;
  };

  return {
    name: 'classic-chunks',
    outputOptions(options) {
      if (options.format !== 'es') throw new Error('classic-chunks: the output format must be "es"');
      if (typeof options.entryFileNames !== 'string') throw new Error('classic-chunks: entryFileNames must be a fixed file name');
      entryFile = options.entryFileNames;
      return options;
    },
    renderDynamicImport() {
      return { left: `${registry}.load(`, right: ')' };
    },
    renderChunk(code, chunk, outputOptions) {
      const s = new MagicString(code);
      if (chunk.isEntry) {
        if (/^import\s/m.test(code)) throw new Error(`classic-chunks: the entry ${chunk.fileName} must not import other chunks`);
        const exported = takeExports(code, s, chunk);
        s.prepend(`(() => {\n(${LOADER.replace('REGISTRY', registry)})(document.currentScript);\n`).append(`\n${registry}.m = ${exported};\n})();\n`);
      } else {
        for (const match of code.matchAll(IMPORT)) {
          const [statement, names, , from] = match;
          if (posix.join(posix.dirname(chunk.fileName), from) !== entryFile) throw new Error(`classic-chunks: ${chunk.fileName} imports ${from}; lazy chunks may only import from the entry`);
          s.overwrite(match.index, match.index + statement.length, names === undefined ? '' : `const {${names.replace(/\bas\b/g, ':')}} = ${registry}.m;\n`);
        }
        const exported = takeExports(code, s, chunk);
        s.prepend('(() => {\n').append(`\n${registry}.c[${JSON.stringify(chunk.fileName)}] = ${exported};\n})();\n`);
      }
      return { code: s.toString(), map: outputOptions.sourcemap ? s.generateMap({ hires: true }) : null };
    },
  };
}
