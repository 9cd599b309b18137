/**
 * Which language the UI speaks, which way it is written, and where the
 * strings of a language other than English come from. English is built into
 * every bundle; each other built-in language is a module of its own
 * (`src/i18n/<lang>.ts`), published both as an ES module that bundlers split
 * into a chunk (`i18n/<lang>.js`, see `language-modules.ts`) and as a JSON file
 * that the script-tag build fetches (`i18n/<lang>.json`).
 * @packageDocumentation
 */
import type { TextKey } from './texts.js';

/** Languages shipped with consent-gate. */
export const BUILT_IN_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl', 'ar', 'he'] as const;

/** A language shipped with consent-gate. */
export type BuiltInLanguage = (typeof BUILT_IN_LANGUAGES)[number];

/** The built-in categories, whose label and description each translation carries. */
type BuiltInCategory = 'necessary' | 'preferences' | 'analytics' | 'marketing';

/** A built-in translation: every UI string, and each built-in category's label and description. */
export type Translation = Record<TextKey | `${BuiltInCategory}${'Label' | 'Description'}`, string>;

/** The strings of one language as a loader found them: possibly partial, never throwing on a missing key. */
export type LoadedStrings = Partial<Record<string, string>>;

/** Loads a built-in language's strings; resolves to `{}` (English stays) when they cannot be had, never rejects. */
export type LanguageLoader = (language: string) => Promise<LoadedStrings>;

/**
 * The built-in language for a BCP 47 tag (`de-AT` → `de`), or `en` when there
 * is none.
 */
export function builtInLanguage(tag: string): BuiltInLanguage {
  const base = tag.toLowerCase().split('-')[0]!;
  return (BUILT_IN_LANGUAGES as readonly string[]).includes(base) ? (base as BuiltInLanguage) : 'en';
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
export async function loadTranslations(language: string, base: string | URL): Promise<LoadedStrings> {
  try {
    const response = await fetch(new URL(`${language}.json`, new URL(base, document.baseURI)), { credentials: 'same-origin' });
    const strings: unknown = response.ok ? await response.json() : null;
    if (strings && typeof strings === 'object' && Object.values(strings).every((v) => typeof v === 'string')) {
      return strings as LoadedStrings;
    }
  } catch {
    // reported below
  }
  console.warn(`consent-gate: the "${language}" strings could not be loaded from ${String(base)}; showing English.`);
  return {};
}
