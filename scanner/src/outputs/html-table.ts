/**
 * The tables of report.html: wide tables that become one card per row on a
 * narrow screen (each cell labelled with its column), so the page never scrolls
 * sideways.
 * @packageDocumentation
 */
import { escapeHtml as h } from './escape.js';

/** One row: its cells (HTML, already escaped) and an optional class. */
export interface TableRow {
  /** The cells' HTML, one per column; every string from the site must be escaped by the caller. */
  cells: string[];
  /** A class for the row (`error`, `warning`). */
  className?: string;
  /** Extra attributes for the row, written as they are: only the scanner's own values. */
  attributes?: string;
}

/** A column: its heading and an optional class for its cells (`num`). */
export interface TableColumn {
  /** The heading. */
  label: string;
  /** A class for the heading and the cells (`num` aligns numbers to the right). */
  className?: string;
}

/**
 * A table that stacks on narrow screens. The ARIA roles keep it a table for
 * assistive technology when CSS turns its rows into blocks.
 */
export function stackedTable(columns: TableColumn[], rows: TableRow[], options: { empty?: string; className?: string } = {}): string {
  const { empty = 'None.', className } = options;
  if (!rows.length) return `<p class="none">${h(empty)}</p>`;
  const cls = (name: string | undefined) => (name ? ` class="${h(name)}"` : '');
  const head = columns.map((c) => `<th scope="col" role="columnheader"${cls(c.className)}>${h(c.label)}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        `<tr role="row"${cls(row.className)}${row.attributes ? ` ${row.attributes}` : ''}>${row.cells
          .map((cell, i) => `<td role="cell" data-label="${h(columns[i]?.label)}"${cls(columns[i]?.className)}>${cell}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  return `<table class="stack${className ? ` ${h(className)}` : ''}" role="table"><thead role="rowgroup"><tr role="row">${head}</tr></thead><tbody role="rowgroup">
${body}
</tbody></table>`;
}
