/**
 * Registers the elements, once. Importing the element classes has no side
 * effects; calling {@link defineElements} (or importing `consent-gate/elements`) does.
 * @packageDocumentation
 */
import { ConsentBanner } from './banner.js';
import { ConsentPreferences } from './preferences.js';

/** Defines `<consent-banner>` and `<consent-preferences>` unless a definition already exists. */
export function defineElements(): void {
  for (const [tag, element] of [
    ['consent-banner', ConsentBanner],
    ['consent-preferences', ConsentPreferences],
  ] as const) {
    if (!customElements.get(tag)) customElements.define(tag, element);
  }
}
