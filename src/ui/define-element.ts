/**
 * Registers one custom element, once.
 * @packageDocumentation
 */

/** Defines `tag` as `element` unless a definition already exists (e.g. from `consent-gate/elements`). */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
