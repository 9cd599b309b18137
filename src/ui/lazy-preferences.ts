/**
 * The dialog's stand-in: its code is fetched when about to be used
 * (eager-preferences.ts in the one-file build).
 * @packageDocumentation
 */
import { defineElement } from './define-element.js';
import type { DIALOG_ENGLISH } from './dialog-texts.js';
import type { declareOwnCookies } from './own-cookies.js';

/** What comes with the dialog's code. */
export interface DialogModule {
  /** The dialog's English strings. */
  english: typeof DIALOG_ENGLISH;
  /** Adds the SDK's own cookies to the declaration. */
  declareOwnCookies: typeof declareOwnCookies;
}

/** The events that show the visitor is about to use the banner or a settings link. */
const INTENT_EVENTS = ['pointerover', 'focusin'] as const;

let loading: Promise<DialogModule> | undefined;

/** Fetches and defines `<consent-preferences>` once. */
function fetchPreferences(): Promise<DialogModule> {
  loading ??= import('./preferences.js').then(({ ConsentPreferences, DIALOG_ENGLISH, declareOwnCookies }) => {
    defineElement('consent-preferences', ConsentPreferences);
    return { english: DIALOG_ENGLISH, declareOwnCookies };
  });
  // A failed fetch may succeed on the next attempt.
  loading.catch(() => (loading = undefined));
  return loading;
}

/** Loads the dialog; resolves to `null` (reported) when its code cannot be fetched. Never rejects. */
export function loadPreferences(): Promise<DialogModule | null> {
  return fetchPreferences().catch((error: unknown) => {
    console.error('consent-gate: the preferences dialog could not be loaded', error);
    return null;
  });
}

/** Fetches the dialog's code once the pointer or the focus reaches a target `opensDialog` accepts; returns the function that stops. */
export function prefetchPreferences(opensDialog: (target: EventTarget | null) => boolean): () => void {
  const onIntent = (event: Event) => {
    if (opensDialog(event.target)) fetchPreferences().catch(() => {});
  };
  for (const type of INTENT_EVENTS) document.addEventListener(type, onIntent);
  return () => {
    for (const type of INTENT_EVENTS) document.removeEventListener(type, onIntent);
  };
}
