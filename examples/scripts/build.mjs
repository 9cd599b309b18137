// Builds the three Vite examples (and the React example's server entry) with Vite's own API.
// `npm run build -w consent-gate-examples`; the tests call buildExamples() themselves.
// A warning from Vite or a plugin fails the build: the examples must build cleanly.
import { fileURLToPath } from 'node:url';
import { build, createLogger } from 'vite';

const EXAMPLES = fileURLToPath(new URL('..', import.meta.url));

/** The Vite examples, by folder. */
export const VITE_APPS = ['react', 'vue', 'svelte'];

/** A Vite logger that prints errors and keeps warnings in `warnings` (they fail the build). */
function strictLogger(warnings) {
  const logger = createLogger('warn');
  return { ...logger, warn: (message) => warnings.push(message), warnOnce: (message) => warnings.push(message) };
}

/** Builds `app` for the browser (into `<app>/dist`), or its `ssr` entry for Node (into `<app>/dist/server`). */
export async function buildApp(app, { ssr } = {}) {
  const warnings = [];
  await build({
    configFile: `${EXAMPLES}${app}/vite.config.mjs`,
    customLogger: strictLogger(warnings),
    // The server entry needs none of the public files.
    ...(ssr ? { publicDir: false } : {}),
    build: ssr ? { ssr, outDir: 'dist/server', emptyOutDir: true } : { outDir: 'dist', emptyOutDir: true },
  });
  if (warnings.length) throw new Error(`${app}: the build warned:\n${warnings.join('\n')}`);
}

/** Builds every Vite example for the browser. */
export async function buildExamples() {
  for (const app of VITE_APPS) await buildApp(app);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildExamples();
  await buildApp('react', { ssr: 'src/entry-server.tsx' });
}
