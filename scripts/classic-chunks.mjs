// Rollup plugin: turns an ES-format build with one entry and lazily imported
// chunks into classic scripts, so that the script-tag build stays one
// `<script src defer>` (docs/reference.md#entry-points: an IIFE that sets `window.ConsentGate`
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
// module that two lazy chunks share then sits in the entry. The rewriting works
// on the syntax tree of rollup's output, and every form it cannot turn into a
// classic script fails the build with the reason: default and namespace
// imports, imports from anything but the entry, `export *`, `export default`,
// re-exports and exported declarations, `import()` of anything but a chunk (or
// from anything but the entry), `import.meta` and top-level `await`.
// test/node/classic-chunks.test.mjs runs it on small builds.

import MagicString from 'magic-string';
import { posix } from 'node:path';

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

/** The name an import or export specifier stands for (`export { a as "b-c" }` names it with a string). */
const nameOf = (node) => (node.type === 'Identifier' ? node.name : String(node.value));

/** Calls `visit` on every node under `node`; with `functions: false` it stays out of function bodies. */
function walk(node, visit, { functions = true } = {}) {
  visit(node);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'type' || !value || typeof value !== 'object') continue;
    for (const child of Array.isArray(value) ? value : [value]) {
      if (!child || typeof child.type !== 'string') continue;
      if (!functions && /Function|^(MethodDefinition|PropertyDefinition|StaticBlock)$/.test(child.type)) continue;
      walk(child, visit, { functions });
    }
  }
}

/** @param {{ key?: string }} [options] */
export function classicChunks({ key = 'consent-gate' } = {}) {
  const registry = `self[Symbol.for(${JSON.stringify(key)})]`;
  let entryFile = '';

  return {
    name: 'classic-chunks',
    outputOptions(options) {
      if (options.format !== 'es') throw new Error('classic-chunks: the output format must be "es"');
      if (typeof options.entryFileNames !== 'string') throw new Error('classic-chunks: entryFileNames must be a fixed file name');
      entryFile = options.entryFileNames;
      return options;
    },
    renderDynamicImport({ moduleId, chunk, targetChunk, targetModuleId }) {
      const where = `${chunk.fileName} (${moduleId})`;
      if (!targetChunk) {
        const what = targetModuleId
          ? `import('${targetModuleId}'), which is not a chunk of this build`
          : 'import() of a computed specifier';
        this.error(`classic-chunks: ${where} has ${what}; only chunks of the build can be loaded as classic scripts`);
      }
      if (chunk.fileName !== entryFile) {
        this.error(
          `classic-chunks: ${where} loads ${targetChunk.fileName} with import(); only the entry may load chunks (their paths are resolved against its URL).` +
            ` If ${chunk.fileName} holds the entry module, rollup made the entry a facade to keep its exports exact: set preserveEntrySignatures to 'allow-extension'`,
        );
      }
      return { left: `${registry}.load(`, right: ')' };
    },
    renderChunk(code, chunk, outputOptions) {
      const fail = (node, reason) => {
        const statement = code.slice(node.start, node.end).replace(/\s+/g, ' ');
        this.error(
          `classic-chunks: ${chunk.fileName}: ${reason}, so it cannot become a classic script: ${statement.length > 100 ? `${statement.slice(0, 100)}…` : statement}`,
        );
      };
      const s = new MagicString(code);
      /** Removes a statement together with the rest of its line. */
      const remove = (node, replacement = '') => {
        const end = node.end + /^[ \t]*\n?/.exec(code.slice(node.end, node.end + 100))[0].length;
        if (replacement) s.overwrite(node.start, end, replacement);
        else s.remove(node.start, end);
      };
      const ast = this.parse(code);
      const exported = [];

      for (const node of ast.body) {
        if (node.type === 'ImportDeclaration') {
          if (chunk.isEntry) fail(node, `the entry imports ${node.source.value}; the entry must not import other chunks or modules`);
          if (posix.join(posix.dirname(chunk.fileName), node.source.value) !== entryFile) {
            fail(node, `it imports ${node.source.value}; lazy chunks may only import from the entry`);
          }
          if (node.attributes?.length) fail(node, 'it has import attributes');
          const names = node.specifiers.map((specifier) => {
            if (specifier.type === 'ImportDefaultSpecifier') fail(node, 'it is a default import');
            if (specifier.type === 'ImportNamespaceSpecifier') fail(node, 'it is a namespace import');
            const imported = nameOf(specifier.imported);
            return imported === specifier.local.name ? imported : `${JSON.stringify(imported)}: ${specifier.local.name}`;
          });
          // The entry ran before any chunk loads: an import for side effects only has nothing left to do.
          remove(node, names.length ? `const {${names.join(', ')}} = ${registry}.m;\n` : '');
        } else if (node.type === 'ExportNamedDeclaration') {
          if (node.source) fail(node, 'it re-exports from another module');
          if (node.declaration) fail(node, 'it exports a declaration');
          for (const specifier of node.specifiers) exported.push(`${JSON.stringify(nameOf(specifier.exported))}: ${specifier.local.name}`);
          remove(node);
        } else if (node.type === 'ExportAllDeclaration') {
          fail(node, 'it is `export *`');
        } else if (node.type === 'ExportDefaultDeclaration') {
          fail(node, 'it is `export default`');
        }
      }
      walk(ast, (node) => {
        if (node.type === 'MetaProperty' && node.meta.name === 'import') fail(node, 'it uses import.meta');
      });
      walk(
        ast,
        (node) => {
          if (node.type === 'AwaitExpression' || (node.type === 'ForOfStatement' && node.await)) fail(node, 'it uses top-level await');
        },
        { functions: false },
      );

      const exports = `{${exported.join(', ')}}`;
      if (chunk.isEntry) {
        s.prepend(`(() => {\n(${LOADER.replace('REGISTRY', registry)})(document.currentScript);\n`).append(
          `\n${registry}.m = ${exports};\n})();\n`,
        );
      } else {
        s.prepend('(() => {\n').append(`\n${registry}.c[${JSON.stringify(chunk.fileName)}] = ${exports};\n})();\n`);
      }
      return { code: s.toString(), map: outputOptions.sourcemap ? s.generateMap({ hires: true }) : null };
    },
  };
}
