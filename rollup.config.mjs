// Builds the ES module (lit and js-cookie left to the site's bundler), the
// self-contained script-tag IIFE, and prints each file's raw/gzip/brotli size.
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { sizeReport } from './scripts/size-report.mjs';
import { translations } from './scripts/translations-plugin.mjs';

const ts = () => typescript({ tsconfig: './tsconfig.build.json' });

const minify = () =>
  terser({
    ecma: 2021,
    module: true,
    compress: { passes: 2 },
    // Our private members start with "_"; lit's cross-version names start with "_$" and must survive.
    mangle: { properties: { regex: /^_(?!\$)/ } },
    format: { comments: false },
  });

export default [
  {
    input: { 'consent-gate': 'src/index.ts', elements: 'src/elements.ts' },
    external: (id) => /^(lit|js-cookie)(\/|$)/.test(id) || /^@lit\//.test(id),
    plugins: [ts(), translations()],
    output: { dir: 'dist', format: 'es', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true },
  },
  // consent-gate/headless: no UI; the ES module for bundlers, and a self-contained minified one to measure and serve.
  { input: { headless: 'src/headless.ts' }, external: ['js-cookie'], plugins: [ts()], output: { dir: 'dist', format: 'es', sourcemap: true } },
  { input: 'src/headless.ts', plugins: [resolve(), ts(), minify()], output: { file: 'dist/consent-gate.headless.min.js', format: 'es', sourcemap: true } },
  {
    input: 'src/auto.ts',
    plugins: [resolve(), ts(), minifyLiterals({ failOnError: true }), minify(), sizeReport()],
    output: { file: 'dist/consent-gate.min.js', format: 'iife', sourcemap: true },
  },
];
