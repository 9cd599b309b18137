// Checks the real gzip size of every browser file in dist/ against the budgets
// in size-budgets.json, prints the table, and exits 1 when one is over budget
// (or when a budgeted file is missing). Run after `npm run build`.
import { existsSync, readFileSync } from 'node:fs';
import { distSizes, measure } from './size-report.mjs';

const budgets = JSON.parse(readFileSync(new URL('../size-budgets.json', import.meta.url), 'utf8'));
const sizes = new Map(distSizes().map((entry) => [entry.file, entry]));
let failures = 0;
console.log('| file | raw | gzip | brotli | gzip budget | status |\n|---|---:|---:|---:|---:|---|');
for (const [file, budget] of Object.entries(budgets.gzip)) {
  const size = sizes.get(file) ?? (existsSync(file) ? { file, ...measure(readFileSync(file)) } : null);
  if (!size) {
    console.log(`| ${file} | – | – | – | ${budget} | MISSING |`);
    failures += 1;
    continue;
  }
  const over = size.gzip > budget;
  if (over) failures += 1;
  console.log(`| ${file} | ${size.raw} | ${size.gzip} | ${size.brotli} | ${budget} | ${over ? `OVER by ${size.gzip - budget}` : 'ok'} |`);
}
if (failures) {
  console.error(`\nsize check: ${failures} file(s) over budget or missing (budgets: size-budgets.json)`);
  process.exit(1);
}
console.log('\nsize check: every file within its gzip budget');
