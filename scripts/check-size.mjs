// Checks the real gzip size of every browser file in dist/ against the budgets
// in size-budgets.json, prints the table, and exits 1 when one is over budget
// (or when a budget matches no file). A budget's name may hold `*` for the
// content hash of a chunk. Also prints what the script tag can download in
// all (its entry and every lazy chunk). Then checks the size figures of the
// documentation against the build (scripts/size-docs.mjs); with
// `--update-docs` it rewrites them instead. Run after `npm run build`.
import { readFileSync } from 'node:fs';
import { checkSizeDocs, matchesPattern, UPDATE_COMMAND } from './size-docs.mjs';
import { distSizes } from './size-report.mjs';

const ROOT = new URL('../', import.meta.url);
const budgets = JSON.parse(readFileSync(new URL('size-budgets.json', ROOT), 'utf8'));
const sizes = distSizes();
const updateDocs = process.argv.includes('--update-docs');

let failures = 0;
console.log('| file | raw | gzip | brotli | gzip budget | status |\n|---|---:|---:|---:|---:|---|');
for (const [pattern, budget] of Object.entries(budgets.gzip)) {
  const matched = sizes.filter((size) => matchesPattern(pattern, size.file));
  if (!matched.length) {
    console.log(`| ${pattern} | – | – | – | ${budget} | MISSING |`);
    failures += 1;
  }
  for (const size of matched) {
    const over = size.gzip > budget;
    if (over) failures += 1;
    console.log(
      `| ${size.file} | ${size.raw} | ${size.gzip} | ${size.brotli} | ${budget} | ${over ? `OVER by ${size.gzip - budget}` : 'ok'} |`,
    );
  }
}

const scriptTag = sizes.filter((size) => size.file === 'dist/consent-gate.min.js' || size.file.startsWith('dist/consent-gate/'));
const total = (key) => scriptTag.reduce((sum, size) => sum + size[key], 0);
console.log(`\nscript tag, first paint (dist/consent-gate.min.js): ${scriptTag[0]?.gzip ?? '–'} B gzip`);
console.log(
  `script tag with every lazy chunk (${scriptTag.length} files): ${total('raw')} B raw, ${total('gzip')} B gzip, ${total('brotli')} B brotli`,
);

const docs = checkSizeDocs(ROOT, sizes, budgets.gzip, { update: updateDocs });
for (const file of docs.updated) console.log(`\nsize figures rewritten from the build: ${file}`);

if (failures) console.error(`\nsize check: ${failures} file(s) over budget or missing (budgets: size-budgets.json)`);
if (docs.problems.length) {
  console.error(`\nsize figures of the documentation that differ from the build:\n${docs.problems.map((p) => `  ${p}`).join('\n')}`);
  console.error(`\nRegenerate them with: ${UPDATE_COMMAND}`);
}
if (failures || docs.problems.length) process.exit(1);
console.log('\nsize check: every file within its gzip budget; the documentation states the build’s sizes');
