// Rollup plugin: puts V8's explicit compile hint, the magic comment
// `//# allFunctionsCalledOnLoad`, on the first line of an entry file: the
// script tag's first file and its one-file build.
//
// Why: V8 compiles a function lazily, on the page's main thread, the first
// time it is called. Most functions of the script tag's first file run during
// the page load (reading the configuration and the cookie, gating, the
// banner), so the main thread paid for compiling them one by one while the
// page loaded. With the hint, Chromium (136 and later) compiles every function
// of the file while it streams the file in, on a background thread, and the
// main thread only runs them. In `npm run bench`'s pages this halved the
// script time that the file costs the main thread, on a first visit and on a
// returning one (bench/README.md); the one-file build, where the dialog and the
// tracker are compiled too though a load may not call them, gained as much.
//
// The compile happens in the background only where Chromium streams the file
// (a script from the network; Chromium compiles a small one, of some tens of KB,
// on the main thread instead, and the hint would then compile functions that
// a load does not call too): so only the entry file gets it, not the small
// lazily loaded chunks. Browsers without compile hints read a comment.

import MagicString from 'magic-string';

/** The magic comment that asks V8 to compile every function of the file eagerly. */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** Rollup plugin: the compile hint on the first line of every entry file (lazy chunks are left as they are). */
export function compileHints() {
  return {
    name: 'compile-hints',
    renderChunk(code, chunk, options) {
      if (!chunk.isEntry) return null;
      const magic = new MagicString(code);
      magic.prepend(`${COMPILE_HINT}\n`);
      return { code: magic.toString(), map: options.sourcemap ? magic.generateMap({ hires: true }) : null };
    },
  };
}
