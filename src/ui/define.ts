/**
 * Registers the elements, once. Importing the element classes has no side
 * effects; calling {@link defineElements} (or importing `consent-gate/elements`) does.
 * @packageDocumentation
 */
import { ConsentBanner } from './banner.js';
import { ConsentPreferences } from './preferences.js';
import { defineElement } from './define-element.js';

/** Defines `<consent-banner>` and `<consent-preferences>` unless a definition already exists. */
export function defineElements(): void {
  defineElement('consent-banner', ConsentBanner);
  defineElement('consent-preferences', ConsentPreferences);
}
