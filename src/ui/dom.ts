/**
 * Builds DOM without a template engine, for the first paint: every string
 * becomes a text node or an attribute value, never markup.
 * @packageDocumentation
 */

/** Attribute values; `null` and `undefined` leave the attribute out. */
export type Attributes = Record<string, string | null | undefined>;

/** A child node; strings become text nodes, `null` and `undefined` nothing. */
export type Child = Node | string | null | undefined;

/** Creates `<tag>` with `attributes` and `children`. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value != null) node.setAttribute(name, value);
  for (const child of children) if (child != null) node.append(child);
  return node;
}
