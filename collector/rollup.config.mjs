// Builds the collector into dist/: the command line (main.js), the SQLite
// checkpointer's and reader's worker threads, each store in its own chunk (loaded only when
// it is used), and the dashboard's static files. `consent-gate/protocol` (the
// wire types, limits and consent record codec shared with the browser SDK) is
// bundled in; every npm package and Node built-in stays an import.
import typescript from '@rollup/plugin-typescript';
import { cpSync, rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });

const SHARED = 'consent-gate/protocol';

/** Copies the dashboard's static page (HTML, CSS, JS) beside the built modules: src/dashboard → dist/dashboard. */
const dashboard = () => ({
  name: 'copy-dashboard',
  writeBundle: () => cpSync('src/dashboard', 'dist/dashboard', { recursive: true }),
});

export default {
  input: {
    main: 'src/main.ts',
    'sqlite-checkpointer-thread': 'src/storage/sqlite-checkpointer-thread.js',
    'sqlite-reader-thread': 'src/storage/sqlite-reader-thread.js',
  },
  external: (id) => id !== SHARED && !id.startsWith('.') && !id.startsWith('/') && !id.includes('\0'),
  plugins: [
    dashboard(),
    typescript({
      tsconfig: './tsconfig.build.json',
      filterRoot: '..',
      include: ['collector/src/**/*.ts', 'src/protocol.ts', 'src/core/*.ts'],
    }),
  ],
  output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name].js', sourcemap: true },
};
