/**
 * Focus helpers that see through shadow roots.
 * @packageDocumentation
 */

/** The focused element, descending into open shadow roots (`document.activeElement` stops at the host). */
export function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}
