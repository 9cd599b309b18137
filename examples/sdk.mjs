// The examples use consent-gate as a site installs it, from the package's built files (../dist,
// `npm run build:browser` at the root): these aliases stand for the package's `exports` map,
// since the repository root is not installed into its own node_modules.
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Vite `resolve.alias` entries: `consent-gate` and its subpaths → the root's dist/. */
export const sdkAlias = [
  { find: /^consent-gate$/, replacement: `${ROOT}dist/consent-gate.js` },
  { find: /^consent-gate\/(react|vue|svelte|headless|elements)$/, replacement: `${ROOT}dist/$1.js` },
  { find: /^consent-gate\/i18n\/([a-z]+)$/, replacement: `${ROOT}dist/i18n/$1.js` },
];

/** The examples' shared public folder (the embedded "video" page). */
export const publicDir = fileURLToPath(new URL('public', import.meta.url));
