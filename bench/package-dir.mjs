// Where an installed package lives, as Node resolves it from the bench: with
// npm workspaces it may sit in bench/node_modules or be hoisted to the root.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const require = createRequire(import.meta.url);

/** The directory of the installed package `name` (its package.json's folder). */
export function packageDir(name) {
  return dirname(require.resolve(`${name}/package.json`));
}
