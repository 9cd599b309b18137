// Builds the ES module (lit and js-cookie left to the site's bundler), the
// script-tag build (lit and js-cookie included; the dialog, gating and tracker
// fetched when needed), the same as one self-contained file, and prints each
// file's raw/gzip/brotli size.
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import resolve from '@rollup/plugin-node-resolve';
import { rmSync } from 'node:fs';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { classicChunks } from './scripts/classic-chunks.mjs';
import { compileHints } from './scripts/compile-hints.mjs';
import { ONE_FILE_MEMBERS, oneFile, PRIVATE_MEMBERS } from './scripts/one-file.mjs';
import { sizeReport } from './scripts/size-report.mjs';
import { languageEntries, translations } from './scripts/translations-plugin.mjs';

// Start from an empty dist/: hashed chunks of earlier builds must not pile up.
rmSync('dist', { recursive: true, force: true });

const ts = () => typescript({ tsconfig: './tsconfig.build.json' });

/** Terser, shortening the members that `members` matches (our private ones by default). */
const minify = (members = PRIVATE_MEMBERS) =>
  terser({
    ecma: 2021,
    module: true,
    compress: { passes: 2 },
    // Our private members start with "_"; lit's cross-version names start with "_$" and must survive.
    mangle: { properties: { regex: members } },
    format: { comments: false },
  });

export default [
  {
    // The languages are entries too (dist/i18n/<lang>.js, `consent-gate/i18n/<lang>`): init() imports them
    // lazily, and the translations plugin publishes each as JSON beside it for the script tag.
    input: { 'consent-gate': 'src/index.ts', elements: 'src/elements.ts', ...languageEntries() },
    external: (id) => /^(lit|js-cookie)(\/|$)/.test(id) || /^@lit\//.test(id),
    // init() lives in dist/consent-gate.js itself, not behind a facade in chunks/ (one request less unbundled).
    preserveEntrySignatures: 'allow-extension',
    plugins: [ts(), translations()],
    output: { dir: 'dist', format: 'es', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true },
  },
  // consent-gate/protocol: the wire types, limits and record codec the collector shares; no dependencies.
  {
    input: { protocol: 'src/protocol.ts' },
    plugins: [ts()],
    output: { dir: 'dist', format: 'es', sourcemap: true },
  },
  // consent-gate/headless: no UI; the ES module for bundlers, and a self-contained minified one to measure and serve.
  {
    input: { headless: 'src/headless.ts' },
    external: ['js-cookie'],
    preserveEntrySignatures: 'allow-extension',
    plugins: [ts()],
    // Its own chunk names: the same modules chunk differently here (no Lit, no shared UI chunk), so they get their own budgets.
    output: { dir: 'dist', format: 'es', chunkFileNames: 'chunks/headless-[name]-[hash].js', sourcemap: true },
  },
  {
    input: { 'consent-gate.headless.min': 'src/headless.ts' },
    // Lazy chunks import from the entry itself instead of from a shared chunk behind it.
    preserveEntrySignatures: 'allow-extension',
    plugins: [resolve(), ts(), minify()],
    output: { dir: 'dist', format: 'es', chunkFileNames: 'consent-gate.headless/[name]-[hash].min.js', sourcemap: true },
  },
  // consent-gate/react, /vue, /svelte: a few lines each on top of gate.on/getConsent; the framework is the site's (external).
  ...['react', 'vue', 'svelte'].map((name) => ({
    input: { [name]: `src/${name}.ts` },
    external: /^(react|vue|svelte)(\/|$)/,
    plugins: [ts()],
    output: { dir: 'dist', format: 'es', sourcemap: true },
  })),
  // The script tag: one classic script (the banner and everything the first
  // paint needs) that fetches the dialog and the tracker as classic scripts
  // from dist/consent-gate/ when they are used (scripts/classic-chunks.mjs).
  {
    input: 'src/auto.ts',
    // Most of the first file runs during the load: V8 compiles all of it while it streams in (compile-hints.mjs).
    plugins: [resolve(), ts(), minifyLiterals({ failOnError: true }), classicChunks(), minify(), compileHints(), sizeReport()],
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: 'consent-gate.min.js',
      chunkFileNames: 'consent-gate/[name]-[hash].min.js',
      sourcemap: true,
    },
  },
  // The same script tag as one file, for sites that can serve only one: the dialog, gating and
  // tracker inlined instead of fetched (translations are still fetched from i18n/ beside it);
  // the dialog, gating and the tracker without the stand-ins that would fetch them, and the members that
  // the split build's files share shortened too (scripts/one-file.mjs).
  {
    input: 'src/auto.ts',
    plugins: [oneFile(), resolve(), ts(), minifyLiterals({ failOnError: true }), minify(ONE_FILE_MEMBERS), compileHints()],
    output: { file: 'dist/consent-gate.standalone.min.js', format: 'iife', inlineDynamicImports: true, sourcemap: true },
  },
];
