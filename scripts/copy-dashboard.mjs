// Copies the collector's dashboard page (static HTML, CSS, JS) next to the
// compiled collector: src/collector/dashboard → dist/node/collector/dashboard.
// Part of `npm run build:collector`.
import { cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('..', import.meta.url);
const from = fileURLToPath(new URL('src/collector/dashboard', root));
const to = fileURLToPath(new URL('dist/node/collector/dashboard', root));
cpSync(from, to, { recursive: true });
