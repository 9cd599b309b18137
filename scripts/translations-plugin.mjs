// Rollup plugin: publishes src/i18n/<lang>.json as dist/i18n/<lang>.json
// (minified), next to the bundles that fetch them on demand.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Emits every translation file as an asset of the build it is added to. */
export function translations(dir = 'src/i18n') {
  return {
    name: 'translations',
    generateBundle() {
      if (!existsSync(dir)) return;
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
        const strings = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'));
        this.emitFile({ type: 'asset', fileName: `i18n/${file}`, source: JSON.stringify(strings) });
      }
    },
  };
}
