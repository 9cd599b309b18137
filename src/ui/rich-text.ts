/**
 * The one piece of markup UI strings may hold: an inline link written
 * `[label](url)`. Everything else stays text; a link whose URL is not http(s)
 * or relative stays text too.
 * @packageDocumentation
 */
import { isHttpUrl } from '../core/url.js';
import { element } from './dom.js';

/** A run of plain text, or a link with its label and (validated) address. */
export type RichTextPart = string | { label: string; href: string };

const LINK = /\[([^\]\n]{1,200})\]\(([^()\s]{1,500})\)/g;

/** Splits `text` into plain runs and safe links, in order. */
export function parseRichText(text: string): RichTextPart[] {
  const parts: RichTextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const [whole, label, href] = match as unknown as [string, string, string];
    const index = match.index ?? 0;
    if (index > last) parts.push(text.slice(last, index));
    parts.push(isHttpUrl(href) ? { label, href } : whole);
    last = index + whole.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Renders `text` as text nodes and `<a part="link">` elements for its safe links. */
export function richTextNodes(text: string): (Node | string)[] {
  return parseRichText(text).map((part) => (typeof part === 'string' ? part : element('a', { part: 'link', href: part.href }, part.label)));
}
