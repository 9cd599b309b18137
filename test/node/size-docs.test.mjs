// scripts/size-docs.mjs: the documentation's size tables and figures are
// generated from the build, and a figure that differs from it is reported
// with its file and line. On a small made-up build; `npm run size` runs the
// same check on the real one (after `npm run build`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesPattern, renderSizeDoc, sizeDocProblems, UPDATE_COMMAND } from '../../scripts/size-docs.mjs';

const SIZES = [
  { file: 'dist/app.min.js', raw: 30000, gzip: 11743, brotli: 10000 },
  { file: 'dist/app/dialog-Ab1_x.min.js', raw: 15000, gzip: 6188, brotli: 5400 },
  { file: 'dist/i18n/de.json', raw: 2368, gzip: 1112, brotli: 1025 },
  { file: 'dist/i18n/fr.json', raw: 2504, gzip: 1141, brotli: 1033 },
];
const BUDGETS = { 'dist/app.min.js': 12288, 'dist/app/dialog-*.min.js': 6350, 'dist/i18n/de.json': 1150, 'dist/i18n/fr.json': 1200 };

const table = (...rows) =>
  [
    '<!-- size-table -->',
    '| file | what | raw | gzip | brotli | gzip budget |',
    '|---|---|---:|---:|---:|---:|',
    ...rows,
    '<!-- /size-table -->',
  ].join('\n');

describe('size tables and figures generated from the build', () => {
  it('fills the generated columns of each row: one file, the sum of several, the range of a pattern; prose cells stay', () => {
    const { text, problems } = renderSizeDoc(
      table(
        '| `dist/app.min.js` | first paint | | | | |',
        '| `dist/app.min.js` + `dist/app/*.min.js` | everything | 1 | 2 | 3 | 4 |',
        '| `dist/i18n/*.json` | one language | | | | |',
        '| a row without a file | kept | x | y | z | w |',
      ),
      SIZES,
      BUDGETS,
    );
    assert.deepEqual(problems, []);
    assert.equal(
      text,
      table(
        '| `dist/app.min.js` | first paint | 30,000 | 11,743 | 10,000 | 12,288 |',
        '| `dist/app.min.js` + `dist/app/*.min.js` | everything | 45,000 | 17,931 | 15,400 | – |',
        '| `dist/i18n/*.json` | one language | 2,368–2,504 | 1,112–1,141 | 1,025–1,033 | 1,150–1,200 |',
        '| a row without a file | kept | x | y | z | w |',
      ),
    );
  });

  it('rewrites a marked figure in running text in its own unit, kB or B', () => {
    const { text } = renderSizeDoc(
      'One file: <!-- size gzip dist/app.min.js -->20.6 kB<!-- /size --> gzip, in all <!-- size gzip dist/app.min.js+dist/app/*.min.js -->1 B<!-- /size -->.',
      SIZES,
      BUDGETS,
    );
    assert.equal(
      text,
      'One file: <!-- size gzip dist/app.min.js -->11.7 kB<!-- /size --> gzip, in all <!-- size gzip dist/app.min.js+dist/app/*.min.js -->17,931 B<!-- /size -->.',
    );
  });

  it('reports each figure that differs from the build, with its line', () => {
    const markdown = [
      '# Sizes',
      '',
      'The script tag is <!-- size gzip dist/app.min.js -->16.2 kB<!-- /size --> gzip.',
      '',
      table('| `dist/app.min.js` | first paint | 30,000 | 11,700 | 10,000 | 12,288 |'),
    ].join('\n');
    assert.deepEqual(sizeDocProblems('README.md', markdown, SIZES, BUDGETS), [
      'README.md:8: dist/app.min.js, gzip: says 11,700, the build says 11,743',
      'README.md:3: gzip of dist/app.min.js: says 16.2 kB, the build says 11.7 kB',
    ]);
  });

  it('accepts a document whose figures are the build’s', () => {
    const { text } = renderSizeDoc(table('| `dist/app.min.js` | first paint | | | | |'), SIZES, BUDGETS);
    assert.deepEqual(sizeDocProblems('README.md', text, SIZES, BUDGETS), []);
  });

  it('reports a row or figure that names no file of the build, and leaves it as written', () => {
    const markdown = `${table('| `dist/gone-*.js` | removed | 1 | 2 | 3 | 4 |')}\n<!-- size gzip dist/none.js -->1 B<!-- /size -->`;
    const { text, problems } = renderSizeDoc(markdown, SIZES, BUDGETS);
    assert.equal(text, markdown);
    assert.deepEqual(problems, ['4: no file of the build matches dist/gone-*.js', '6: no file of the build matches dist/none.js']);
  });

  it('refuses a size in kB written outside a marked region: it would drift', () => {
    assert.deepEqual(sizeDocProblems('docs/x.md', 'The one-file build is 20.6 kB gzip.', SIZES, BUDGETS), [
      'docs/x.md:1: "20.6 kB" is a size outside a generated region; mark it (see scripts/size-docs.mjs)',
    ]);
  });

  it('names the one command that regenerates every figure', () => {
    assert.match(UPDATE_COMMAND, /npm run size -- --update-docs/);
  });

  it('matches `*` to a chunk’s content hash only', () => {
    assert.ok(matchesPattern('dist/app/dialog-*.min.js', 'dist/app/dialog-Ab1_x.min.js'));
    assert.ok(!matchesPattern('dist/app/dialog-*.min.js', 'dist/app/dialog-a/b.min.js'));
    assert.ok(!matchesPattern('dist/app.min.js', 'dist/appxmin.js'));
  });
});
