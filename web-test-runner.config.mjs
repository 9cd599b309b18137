// Browser tests in real Chromium and Firefox through Playwright (set
// BROWSERS=chromium or BROWSERS=firefox to run one). The "src" group runs every
// test against the TypeScript sources; the "dist" group runs the behaviour
// tests again against the minified script-tag build (dist/consent-gate.min.js),
// and the "standalone" group against its one-file form (consent-gate.standalone.min.js).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, findChromium, firefoxLaunchOptions } from './scripts/find-browser.mjs';
import { collectorRecorderPlugin } from './test/helpers/collector-recorder-plugin.mjs';
import { cookieJarPlugin } from './test/helpers/cookie-jar-plugin.mjs';
import { gatingServerPlugin } from './test/helpers/gating-server-plugin.mjs';

const behaviourTests = [
  'test/gate.test.ts',
  'test/consent-record.test.ts',
  'test/banner.test.ts',
  'test/preferences.test.ts',
  'test/a11y.test.ts',
  'test/robustness.test.ts',
  'test/gating.test.ts',
  'test/consent-mode.test.ts',
  'test/privacy-signals.test.ts',
  'test/i18n.test.ts',
  'test/tracker.test.ts',
  'test/your-data.test.ts',
  'test/headless.test.ts',
  'test/spec-coverage.test.ts',
];

/** Playwright launchers for the named browsers. */
function browsers(names) {
  const launchers = {
    chromium: () =>
      playwrightLauncher({ product: 'chromium', launchOptions: { executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS } }),
    firefox: () => playwrightLauncher({ product: 'firefox', launchOptions: firefoxLaunchOptions() }),
  };
  return names.map((name) => {
    if (!launchers[name]) throw new Error(`BROWSERS: unknown browser "${name}" (chromium, firefox)`);
    return launchers[name]();
  });
}

const runnerHtml = (target) => (testFramework) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>consent-gate tests</title><script>window.__CG_TARGET = '${target}';</script></head>
  <body><main><h1>Test page</h1><p>Page content behind the banner.</p></main>
  <script type="module" src="${testFramework}"></script></body>
</html>`;

export default {
  rootDir: '.',
  nodeResolve: { exportConditions: ['production', 'default'] },
  // One test page at a time per browser: keyboard focus belongs to one window at a time, and in
  // Firefox a second page running alongside takes it away from the keyboard tests.
  concurrency: 1,
  // A loaded 2-core machine can take more than the default 30 s to start Firefox's first page.
  browserStartTimeout: 120000,
  testFramework: { config: { timeout: 10000 } },
  // Used when files are named on the command line (`web-test-runner test/x.test.ts --group default`).
  testRunnerHtml: runnerHtml('src'),
  plugins: [esbuildPlugin({ ts: true, target: 'es2021' }), cookieJarPlugin(), collectorRecorderPlugin(), gatingServerPlugin()],
  browsers: browsers((process.env.BROWSERS ?? 'chromium,firefox').split(',')),
  groups: [
    { name: 'src', files: ['test/**/*.test.ts', '!test/collector/**'], testRunnerHtml: runnerHtml('src') },
    { name: 'dist', files: behaviourTests, testRunnerHtml: runnerHtml('dist') },
    { name: 'standalone', files: behaviourTests, testRunnerHtml: runnerHtml('standalone') },
  ],
};
