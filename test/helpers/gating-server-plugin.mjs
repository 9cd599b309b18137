// Test-runner middleware and commands for the gating tests: third-party-style
// endpoints under /gating-server/ (a slow external script, an embed page),
// a log of every request they receive (read back with the `gating-requests`
// command, so tests can prove that nothing was fetched before consent), and
// the strict-CSP fixture page served with its Content-Security-Policy header,
// the script-tag build served without its lazy chunks, and a real analytics
// library (posthog-js) with a stand-in for its API.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

// esbuild comes with @web/dev-server-esbuild; resolve it from there rather than relying on hoisting.
const require = createRequire(import.meta.url);
const { build } = createRequire(require.resolve('@web/dev-server-esbuild'))('esbuild');

const PREFIX = '/gating-server/';
const CSP_PAGE = '/test/fixtures/gating-csp.html';

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function gatingServerPlugin() {
  /** @type {string[]} */
  const requests = [];
  /** @type {Promise<string> | undefined} */
  let sourceBundle;
  // The sources as one classic script, so the CSP page can load them with a nonce like the minified build.
  const bundleSources = () =>
    (sourceBundle ??= build({ entryPoints: ['src/auto.ts'], bundle: true, format: 'iife', target: 'es2021', write: false }).then(
      (r) => r.outputFiles[0].text,
    ));

  return {
    name: 'gating-server',
    async serve(ctx) {
      const url = new URL(ctx.url, 'http://test');
      if (url.pathname === CSP_PAGE) {
        const nonce = randomBytes(16).toString('base64');
        const builds = { dist: '/dist/consent-gate.min.js', standalone: '/dist/consent-gate.standalone.min.js' };
        const sdk = builds[url.searchParams.get('target')] ?? `${PREFIX}sdk.js`;
        const page = await readFile(`.${CSP_PAGE}`, 'utf8');
        return {
          type: 'html',
          headers: {
            'content-security-policy': `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'self'; object-src 'none'; base-uri 'none'`,
            'cache-control': 'no-store',
          },
          body: page
            .replaceAll('__NONCE__', nonce)
            .replaceAll('__SDK__', sdk)
            .replaceAll('__TOKEN__', url.searchParams.get('t') ?? ''),
        };
      }
      if (!url.pathname.startsWith(PREFIX)) return undefined;
      requests.push(ctx.url);
      const headers = { 'cache-control': 'no-store' };
      switch (url.pathname.slice(PREFIX.length)) {
        case 'script.js':
          // Runs `window.__gated.push(<push>)`, answered after `delay` ms: a slow third-party script.
          await new Promise((resolve) => setTimeout(resolve, Number(url.searchParams.get('delay') ?? 0)));
          return {
            type: 'js',
            headers,
            body: `(window.__gated = window.__gated || []).push(${JSON.stringify(url.searchParams.get('push') ?? 'external')});`,
          };
        case 'embed.html':
          return { type: 'html', headers, body: '<!doctype html><title>Embed</title><p>Third-party embed</p>' };
        case 'sdk.js':
          return { type: 'js', headers, body: await bundleSources() };
        case 'posthog/array.js':
          // The real posthog-js browser build (a devDependency), as its CDN serves it.
          return { type: 'js', headers, body: await readFile(require.resolve('posthog-js/dist/array.js'), 'utf8') };
        case 'detached/consent-gate.min.js':
          // The script-tag build served away from its lazy chunks: fetching them fails (404).
          return { type: 'js', headers, body: await readFile('dist/consent-gate.min.js', 'utf8') };
        default:
          // PostHog's API (api_host points here, so nothing leaves the machine): its remote config as an empty script, anything else as `{}`.
          if (url.pathname.startsWith(`${PREFIX}posthog/`))
            return url.pathname.endsWith('.js') ? { type: 'js', headers, body: '' } : { type: 'json', headers, body: '{}' };
          return undefined;
      }
    },
    async executeCommand({ command }) {
      // Every URL requested under /gating-server/ since the runner started (tests filter by their own token).
      if (command === 'gating-requests') return requests.filter((url) => !url.startsWith(`${PREFIX}sdk.js`));
      return undefined;
    },
  };
}
