// The dashboard's CSV files: quoting, and cells that a spreadsheet would run
// as formulas neutralised. No browser: node:test.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvCell, fileSlug, toCsv } from '../src/dashboard/csv.ts';
import { PANELS } from '../src/dashboard/panels.ts';
import { rowsToCsv } from '../src/dashboard/rows.ts';

/** A small RFC 4180 reader, to read back what was written. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += c;
  }
  return rows;
}

describe('dashboard CSV', () => {
  it('neutralises formula starts =, +, -, @, tab and CR with a leading quote mark', () => {
    for (const hostile of ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      const cell = csvCell(hostile);
      const [[read]] = parseCsv(`${cell}\r\n`) as [[string]];
      assert.equal(read, `'${hostile}`, JSON.stringify(hostile));
    }
    assert.equal(csvCell(-5), '-5', 'a number stays a number');
    assert.equal(csvCell('/pricing'), '/pricing');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(Number.NaN), '');
  });

  it('quotes commas, quotes and line breaks, and reads back exactly', () => {
    const values = ['a,b', 'say "hi"', 'line\nbreak', 'cr\r\nlf', ' padded ', 'plain', 'Zürich 🇨🇭'];
    const text = toCsv(
      ['value'],
      values.map((v) => [v]),
    );
    assert.ok(text.startsWith('\uFEFF'), 'a byte-order mark for spreadsheets');
    assert.deepEqual(
      parseCsv(text.slice(1)).map(([v]) => v),
      ['value', ...values],
    );
  });

  it('writes a tab: label column, metric columns, derived ones included', () => {
    const tab = PANELS.find((p) => p.id === 'pages')!.tabs[0]!;
    const text = rowsToCsv(tab, [{ value: '=cmd|/C calc', metrics: { visitors: 3, percentage: 60, pageviews: 7, time_on_page: null } }]);
    assert.deepEqual(parseCsv(text.slice(1)), [
      ['Page', 'Visitors', '% of total', 'Page views', 'Time on page'],
      ["'=cmd|/C calc", '3', '60', '7', ''],
    ]);
    assert.equal(fileSlug('Sources — UTM campaigns!'), 'sources-utm-campaigns');
  });
});
