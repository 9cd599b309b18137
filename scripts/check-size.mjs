// Checks the real gzip size of every browser file in dist/ against the budgets
// in size-budgets.json, prints the table, and exits 1 when one is over budget
// (or when a budget matches no file). A budget's name may hold `*` for the
// content hash of a chunk. Also prints what the script tag can download in
// all (its entry and every lazy chunk). Run after `npm run build`.
import { readFileSync } from 'node:fs';
import { distSizes } from './size-report.mjs';

const budgets = JSON.parse(readFileSync(new URL('../size-budgets.json', import.meta.url), 'utf8'));
const sizes = distSizes();
const matcher = (pattern) =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[\\w-]+')}$`,
  );

let failures = 0;
console.log('| file | raw | gzip | brotli | gzip budget | status |\n|---|---:|---:|---:|---:|---|');
for (const [pattern, budget] of Object.entries(budgets.gzip)) {
  const matched = sizes.filter((size) => matcher(pattern).test(size.file));
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

if (failures) {
  console.error(`\nsize check: ${failures} file(s) over budget or missing (budgets: size-budgets.json)`);
  process.exit(1);
}
console.log('\nsize check: every file within its gzip budget');
