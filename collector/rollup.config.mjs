// Builds the collector into dist/: the command line (main.js), the SQLite
// checkpointer's and reader's worker threads, each store in its own chunk (loaded only when
// it is used), and the dashboard (scripts/dashboard-build.mjs: its modules and
// uPlot in one minified file, its page and stylesheet, in dist/dashboard/). `consent-gate/protocol` (the
// wire types, limits and consent record codec shared with the browser SDK) is
// bundled in; every npm package and Node built-in stays an import.
import typescript from '@rollup/plugin-typescript';
import { rmSync } from 'node:fs';
import { dashboardConfig } from './scripts/dashboard-build.mjs';

rmSync('dist', { recursive: true, force: true });

const SHARED = 'consent-gate/protocol';

const collector = {
  input: {
    main: 'src/main.ts',
    'sqlite-checkpointer-thread': 'src/storage/sqlite-checkpointer-thread.js',
    'sqlite-reader-thread': 'src/storage/sqlite-reader-thread.js',
  },
  external: (id) => id !== SHARED && !id.startsWith('.') && !id.startsWith('/') && !id.includes('\0'),
  plugins: [
    typescript({
      tsconfig: './tsconfig.build.json',
      filterRoot: '..',
      include: ['collector/src/**/*.ts', 'src/protocol.ts', 'src/core/*.ts'],
    }),
  ],
  output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name].js', sourcemap: true },
};

export default [collector, dashboardConfig('dist/dashboard')];
