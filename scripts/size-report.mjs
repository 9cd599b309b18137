// Prints raw, gzip and brotli bytes of every browser file in dist/ (.js, .json).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Raw, gzip (level 9) and brotli (quality 11) sizes of `buffer`. */
export function measure(buffer) {
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Every .js and .json file below `dir`, with its sizes. */
export function distSizes(dir = 'dist') {
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      // The collector (dist/node) runs on a server; only browser files have size budgets.
      if (statSync(path).isDirectory()) path !== join(dir, 'node') && walk(path);
      else if (/\.(js|json)$/.test(name)) files.push({ file: path, ...measure(readFileSync(path)) });
    }
  };
  walk(dir);
  return files.sort((a, b) => a.file.localeCompare(b.file));
}

/** Rollup plugin: after writing, print the size table of dist/. */
export function sizeReport() {
  return {
    name: 'size-report',
    writeBundle() {
      console.log('\n| file | raw | gzip | brotli |\n|---|---:|---:|---:|');
      for (const { file, raw, gzip, brotli } of distSizes()) console.log(`| ${file} | ${raw} | ${gzip} | ${brotli} |`);
    },
  };
}
