// The dashboard's build: its TypeScript modules and the chart library (uPlot)
// bundled into one minified ES module, its stylesheet (uPlot's few rules, then
// the dashboard's own) and its page, all in one folder the collector serves.
// Used by rollup.config.mjs (→ dist/dashboard/) and by the dashboard's browser
// tests (→ a temporary folder, so they always test the sources as they are).
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';

const SOURCE = fileURLToPath(new URL('../src/dashboard/', import.meta.url));
const UPLOT_CSS = createRequire(import.meta.url).resolve('uplot/dist/uPlot.min.css');

/** Writes the page and the stylesheet beside the bundle. */
const staticFiles = (outDir) => ({
  name: 'dashboard-static-files',
  writeBundle() {
    mkdirSync(outDir, { recursive: true });
    copyFileSync(join(SOURCE, 'index.html'), join(outDir, 'index.html'));
    writeFileSync(
      join(outDir, 'dashboard.css'),
      `${readFileSync(UPLOT_CSS, 'utf8')}\n${readFileSync(join(SOURCE, 'dashboard.css'), 'utf8')}`,
    );
  },
});

/**
 * The rollup options that build the dashboard into `outDir`.
 * @param {string} outDir
 * @returns {import('rollup').RollupOptions}
 */
export function dashboardConfig(outDir) {
  return {
    input: join(SOURCE, 'main.ts'),
    plugins: [
      nodeResolve({ browser: true }),
      typescript({
        tsconfig: join(SOURCE, 'tsconfig.json'),
        include: [join(SOURCE, '**/*.ts')],
        compilerOptions: {
          noEmit: false,
          allowImportingTsExtensions: false,
          module: 'ESNext',
          moduleResolution: 'Bundler',
          sourceMap: false,
          outDir,
        },
      }),
      terser({ format: { comments: false } }),
      staticFiles(outDir),
    ],
    output: { file: join(outDir, 'dashboard.js'), format: 'es', sourcemap: false },
  };
}

/**
 * Build the dashboard into `outDir` (the page, dashboard.js, dashboard.css).
 * @param {string} outDir
 */
export async function buildDashboard(outDir) {
  const { output, ...input } = dashboardConfig(outDir);
  const bundle = await rollup({
    ...input,
    onwarn: (warning) => {
      throw new Error(`dashboard build: ${warning.message}`);
    },
  });
  try {
    await bundle.write(/** @type {import('rollup').OutputOptions} */ (output));
  } finally {
    await bundle.close();
  }
}
