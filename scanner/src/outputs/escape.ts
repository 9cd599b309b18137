/**
 * Escaping for HTML, XML and Markdown: everything a page gives the scanner
 * (names, URLs, labels) is hostile input.
 * @packageDocumentation
 */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside an HTML or XML element or a quoted attribute value. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML[c]!);
}

/**
 * A URL or a name escaped for HTML, with a line-break opportunity (`<wbr>`)
 * after each `/`, `?`, `&`, `=`, `_`, `-` and `.`, so that it wraps at its
 * separators rather than anywhere in a word.
 */
export function escapeHtmlBreakable(value: unknown): string {
  return String(value ?? '')
    .split(/(?<=[/?&=_.-])/)
    .map(escapeHtml)
    .join('<wbr>');
}

/** Text safe inside XML 1.0 (escaped, and without the control characters XML forbids). */
export function escapeXml(value: unknown): string {
  // eslint-disable-next-line no-control-regex
  return escapeHtml(value).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');
}

/** Text safe in a Markdown table cell: no markup, links, HTML or line breaks. */
export function escapeMarkdown(value: unknown): string {
  return String(value ?? '')
    .replace(/[\\`*_{}[\]()#+!|~<>]/g, '\\$&')
    .replace(/\r?\n/g, ' ');
}
