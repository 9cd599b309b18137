// Copies the collector's dashboard page (static HTML, CSS, JS) next to the
// built collector: src/dashboard → dist/dashboard. Part of `npm run build`.
import { cpSync } from 'node:fs';

cpSync(new URL('../src/dashboard', import.meta.url), new URL('../dist/dashboard', import.meta.url), { recursive: true });
