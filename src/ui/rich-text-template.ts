/**
 * The dialog's rendering of rich UI strings as a Lit template (the parsing,
 * and the banner's DOM rendering, are in `rich-text.ts`).
 * @packageDocumentation
 */
import { html } from 'lit/html.js';
import { parseRichText } from './rich-text.js';

/** Renders `text` as Lit text nodes and `<a part="link">` elements for its safe links. */
export function richText(text: string) {
  return parseRichText(text).map((part) => (typeof part === 'string' ? part : html`<a part="link" href=${part.href}>${part.label}</a>`));
}
