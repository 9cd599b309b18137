// The built-in languages (src/i18n/<lang>.ts) in both published forms: as ES modules,
// dist/i18n/<lang>.js (entries of the ES module build, which `consent-gate/i18n/<lang>` names and
// init() imports, so a bundler splits each into a chunk of its own), and as JSON,
// dist/i18n/<lang>.json (minified), which the script-tag build fetches from beside itself.
import { readdirSync } from 'node:fs';

/** Rollup `input` entries `i18n/<lang>` → `src/i18n/<lang>.ts`, one per built-in language. */
export function languageEntries(dir = 'src/i18n') {
  const languages = readdirSync(dir).filter((file) => /^[a-z]{2,3}\.ts$/.test(file));
  return Object.fromEntries(languages.map((file) => [`i18n/${file.slice(0, -3)}`, `${dir}/${file}`]));
}

/** The default export of a chunk that imports nothing, evaluated as a module of its own. */
async function defaultExport(code) {
  const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return module.default;
}

/** Emits `i18n/<lang>.json` beside each `i18n/<lang>.js` entry of the build it is added to. */
export function translations() {
  return {
    name: 'translations',
    async generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        const language = chunk.type === 'chunk' && chunk.isEntry && /^i18n\/([a-z]{2,3})\.js$/.exec(chunk.fileName)?.[1];
        if (!language) continue;
        if (chunk.imports.length || chunk.dynamicImports.length) this.error(`${chunk.fileName} must import nothing`);
        const strings = await defaultExport(chunk.code);
        this.emitFile({ type: 'asset', fileName: `i18n/${language}.json`, source: JSON.stringify(strings) });
      }
    },
  };
}
