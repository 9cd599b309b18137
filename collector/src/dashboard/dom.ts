/**
 * Building DOM nodes from data. Strings only ever become text nodes or
 * attribute values, never markup, so nothing a visitor sent (a page path, a
 * referrer, an event name) can become HTML or script.
 * @packageDocumentation
 */

/** Attribute values; `false`, null and undefined leave the attribute out. */
export type Attributes = Record<string, string | number | boolean | null | undefined>;

/** A child: a node, or text. */
export type Child = Node | string | number | null | undefined | false;

/** `<tag attributes>children</tag>`. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, ...children);
  return node;
}

/** Append children, skipping the empty ones. */
export function append(parent: Node & ParentNode, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'number' ? String(child) : child);
  }
}

/** The element with `id`; throws when the page lacks it (a broken build, not a visitor's doing). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the dashboard page`);
  return node as T;
}

/** Text only a screen reader reads. */
export const hiddenText = (text: string): HTMLSpanElement => element('span', { class: 'visually-hidden' }, text);
