/**
 * Which language the UI speaks, which way it is written, and where the
 * strings of a language other than English come from. English is built into
 * every bundle; each other built-in language is a small JSON file next to the
 * bundle (`i18n/<lang>.json`), fetched only when a visitor needs it.
 * @packageDocumentation
 */
import type { Texts } from './texts.js';

/** Languages shipped with consent-gate. */
export const BUILT_IN_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl', 'ar', 'he'];

/**
 * The built-in language for a BCP 47 tag (`de-AT` → `de`), or `en` when there
 * is none.
 */
export function builtInLanguage(tag: string): string {
  const base = tag.toLowerCase().split('-')[0]!;
  return BUILT_IN_LANGUAGES.includes(base) ? base : 'en';
}

/** `rtl` for scripts written right to left (Arabic, Hebrew, Persian, Urdu), else `ltr`. */
export function directionOf(tag: string): 'rtl' | 'ltr' {
  return /^(ar|he|fa|ur)(-|$)/i.test(tag) ? 'rtl' : 'ltr';
}

/**
 * Fetches the strings of `language` from `<base>/<language>.json` (`base`
 * may be relative to the page, e.g. `/assets/i18n/`). Resolves
 * to `{}` (English stays) when the file cannot be had or is not a flat object
 * of strings; never rejects.
 */
export async function loadTranslations(language: string, base: string | URL): Promise<Partial<Texts>> {
  try {
    const response = await fetch(new URL(`${language}.json`, new URL(base, document.baseURI)), { credentials: 'same-origin' });
    const strings: unknown = response.ok ? await response.json() : null;
    if (strings && typeof strings === 'object' && Object.values(strings).every((v) => typeof v === 'string')) {
      return strings as Partial<Texts>;
    }
  } catch {
    // reported below
  }
  console.warn(`consent-gate: the "${language}" strings could not be loaded from ${String(base)}; showing English.`);
  return {};
}
