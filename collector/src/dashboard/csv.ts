/**
 * CSV writing (RFC 4180) that a spreadsheet opens safely: a cell that starts
 * like a formula (`=`, `+`, `-`, `@`, tab, carriage return) is written with a
 * leading `'`, so that a page path or a referrer chosen by a visitor can never
 * run as a formula (OWASP's advice on CSV injection). Numbers stay numbers.
 * Pure: no DOM.
 * @packageDocumentation
 */

/** A cell: text, a number, or empty. */
export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One cell, neutralised and quoted as needed. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A whole file: a header row, then the rows, lines ended by CRLF. It starts
 * with a byte-order mark, so that a spreadsheet reads the text as UTF-8.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** A file name part from any text: letters, digits and `-` only. */
export function fileSlug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'export'
  );
}
