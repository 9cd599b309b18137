// ESLint for the whole repository (`npm run lint`, zero warnings): the recommended
// JavaScript and typescript-eslint rules, the type-aware rules that catch real
// bugs (promises nobody awaits or catches), lit and lit-a11y for the elements,
// and the import boundaries of ARCHITECTURE.md. Formatting is prettier's
// (`npm run format`); eslint-config-prettier turns off the rules it owns.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';
import { builtinModules } from 'node:module';
import path from 'node:path';
import tseslint from 'typescript-eslint';

const LIT = ['lit', 'lit/*', '@lit/*', '@lit-labs/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*'];

/** No Lit, no UI module: the core, gating, tracker and strings work without the elements (headless build). */
const noUi = {
  patterns: [
    { group: LIT, message: 'Only src/ui/ (and the entries that compose it) may use Lit: this code also ships in the headless build.' },
    { regex: '(^|/)ui(/|$)', message: 'Nothing outside src/ui/ depends on the elements: move what both need to src/texts/ or src/core/.' },
  ],
};

/** No Node built-ins in browser code. */
const noNode = {
  paths: builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message: 'Browser code: no Node built-ins.' })),
  patterns: [{ group: ['node:*'], message: 'Browser code: no Node built-ins.' }],
};

/** One no-restricted-imports option made of several: flat config keeps only the last value of a rule. */
const restrictImports = (...options) => ({
  paths: options.flatMap((option) => option.paths ?? []),
  patterns: options.flatMap((option) => option.patterns ?? []),
});

/**
 * `consent-gate/protocol` and every module it imports: the Node collector imports
 * them, so they use no DOM. A module added to what they import must be added here.
 */
const DOM_FREE = ['src/protocol.ts', 'src/core/types.ts', 'src/core/limits.ts', 'src/core/consent-codec.ts', 'src/core/config-types.ts'];

/** Globals that a browser has and Node does not (`document`, `window`, `HTMLElement`, …). */
const BROWSER_ONLY_GLOBALS = Object.keys(globals.browser).filter((name) => !(name in globals.node) && !(name in globals.es2021));

/** Local rules of this repository. */
const local = {
  rules: {
    'dom-free-imports': {
      meta: {
        type: 'problem',
        docs: { description: 'A DOM-free module (shared with the collector) imports only other DOM-free modules.' },
        schema: [{ type: 'array', items: { type: 'string' } }],
        messages: {
          outside:
            '{{from}} is shared with the Node collector and must stay DOM-free; it may import only modules listed in DOM_FREE (eslint.config.js), not {{source}}.',
        },
      },
      create(context) {
        const root = import.meta.dirname;
        const allowed = new Set(context.options[0]);
        const from = path.relative(root, context.filename).split(path.sep).join('/');
        const check = (node) => {
          const source = node.source?.value;
          if (typeof source !== 'string') return;
          const resolved = source.startsWith('.')
            ? path
                .relative(root, path.resolve(path.dirname(context.filename), source))
                .split(path.sep)
                .join('/')
                .replace(/\.js$/, '.ts')
            : source;
          if (!allowed.has(resolved)) context.report({ node: node.source, messageId: 'outside', data: { from, source } });
        };
        return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
      },
    },
  },
};

export default defineConfig(
  globalIgnores(['**/dist/', '**/node_modules/', '**/tmp/', 'bench/results/', '**/*.d.ts']),

  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `catch {}` is how guarded storage access says "blocked storage is not an error" (ARCHITECTURE.md).
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },

  // TypeScript: the recommended rules everywhere, the type-aware ones that find forgotten promises.
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            // node:test reports a failing test itself; the promise describe()/it() return is only for awaiting it.
            { from: 'package', name: ['describe', 'it', 'suite', 'test'], package: 'node:test' },
            // @open-wc/testing types chai's equal() as a promise (for DOM snapshots); on values it asserts synchronously.
            { from: 'package', name: 'Equal', package: '@open-wc/semantic-dom-diff' },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-for-in-array': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // The project service finds only files named tsconfig.json; the scanner's tests are in tsconfig.test.json.
    files: ['scanner/test/**/*.ts'],
    languageOptions: { parserOptions: { projectService: false, project: './scanner/tsconfig.test.json' } },
  },
  {
    files: ['**/*.{js,mjs}'],
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },

  // Where the code runs.
  {
    files: ['src/**', 'test/**/*.ts', 'demo/**/*.js', 'bench/site/**/*.js', 'collector/src/dashboard/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['test/**/*.ts'],
    languageOptions: { globals: globals.mocha },
    // chai's property assertions (`expect(x).to.exist`) are expressions.
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    // Node, with browser code inside page.evaluate() callbacks and init scripts.
    files: [
      '*.{js,mjs}',
      'scripts/**',
      'test/**/*.{js,mjs}',
      'bench/**/*.mjs',
      'collector/**/*.{js,mjs,ts}',
      'scanner/**/*.{js,mjs,ts}',
      'examples/**/*.{js,mjs}',
    ],
    ignores: ['collector/src/dashboard/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The examples' apps run in the browser.
    files: ['examples/*/src/**', 'examples/shared/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['bench/**/*.mjs', 'test/e2e/**', 'test/helpers/collector-recorder-plugin.mjs', 'collector/test/dashboard.test.*'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },

  // The elements: lit's template rules and lit-a11y.
  {
    files: ['src/ui/**/*.ts'],
    extends: [lit.configs['flat/recommended'], litA11y.configs.recommended],
  },

  // Import boundaries (ARCHITECTURE.md): browser code has no Node built-ins; only src/ui/ uses Lit.
  { files: ['src/**/*.ts'], rules: { 'no-restricted-imports': ['error', noNode] } },
  {
    // The headless entry and the protocol too: consent-gate/headless and consent-gate/protocol carry no Lit.
    files: [
      'src/core/**/*.ts',
      'src/gating/**/*.ts',
      'src/tracker/**/*.ts',
      'src/texts/**/*.ts',
      'src/headless.ts',
      'src/headless-gate.ts',
      'src/server-gate.ts',
      'src/protocol.ts',
      // The framework entries: a few lines on top of gate.on/getConsent (their template types, below, read the elements' types).
      'src/consent-source.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', restrictImports(noNode, noUi)],
      'no-restricted-syntax': [
        'error',
        {
          // no-restricted-imports does not see import(): lazy UI chunks are loaded by src/gate.ts only.
          selector: 'ImportExpression[source.value=/(^|\\/)ui(\\/|$)|^(lit|lit-html|lit-element|@lit)(\\/|$)/]',
          message: 'Nothing outside src/ui/ loads the elements or Lit.',
        },
      ],
    },
  },
  {
    // consent-gate/react, /vue and /svelte import no Lit and no element at run time; their template types name the elements' properties.
    files: ['src/react.ts', 'src/vue.ts', 'src/svelte.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        restrictImports(noNode, { patterns: [{ group: LIT, message: 'A framework entry carries no Lit.' }] }),
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }],
    },
  },
  {
    files: DOM_FREE,
    plugins: { local },
    rules: {
      'local/dom-free-imports': ['error', DOM_FREE],
      'no-restricted-globals': [
        'error',
        ...BROWSER_ONLY_GLOBALS.map((name) => ({ name, message: 'Shared with the Node collector: no DOM.' })),
      ],
    },
  },

  prettier,
);
