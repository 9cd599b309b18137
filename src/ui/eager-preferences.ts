/**
 * The dialog in the one-file build: its code is in the file, nothing is
 * fetched (the build maps `lazy-preferences.js` here; scripts/one-file.mjs).
 * @packageDocumentation
 */
import { defineElement } from './define-element.js';
import type { DialogModule } from './lazy-preferences.js';
import { ConsentPreferences, DIALOG_ENGLISH, declareOwnCookies } from './preferences.js';

/** Defines `<consent-preferences>` (once) and resolves to what comes with its code. */
export function loadPreferences(): Promise<DialogModule | null> {
  defineElement('consent-preferences', ConsentPreferences);
  return Promise.resolve({ english: DIALOG_ENGLISH, declareOwnCookies });
}

/** Nothing to fetch ahead of use; returns the function that stops. */
export function prefetchPreferences(_opensDialog: (target: EventTarget | null) => boolean): () => void {
  return () => {};
}
