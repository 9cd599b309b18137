/**
 * The built-in languages as ES modules, for `init()` from the ES module build:
 * one literal `import()` per language, which a bundler (Vite, webpack, Rollup,
 * esbuild) sees and splits into a small chunk of its own, fetched only for a
 * visitor who reads that language. No file has to be copied by hand. The
 * script-tag build never imports this module: it fetches the same strings as
 * JSON from beside itself (`locale.ts`, `loadTranslations`).
 * @packageDocumentation
 */
import type { BuiltInLanguage, LanguageLoader, Translation } from './locale.js';

/** Each built-in language but English (which every bundle carries), as a module to import on demand. */
const LANGUAGE_MODULES: Record<Exclude<BuiltInLanguage, 'en'>, () => Promise<{ default: Translation }>> = {
  de: () => import('../i18n/de.js'),
  fr: () => import('../i18n/fr.js'),
  es: () => import('../i18n/es.js'),
  it: () => import('../i18n/it.js'),
  nl: () => import('../i18n/nl.js'),
  pt: () => import('../i18n/pt.js'),
  pl: () => import('../i18n/pl.js'),
  ar: () => import('../i18n/ar.js'),
  he: () => import('../i18n/he.js'),
};

/**
 * Imports the strings of a built-in `language` (`de`, not `de-AT`). Resolves
 * to `{}` (English stays) for any other language or when its chunk cannot be
 * loaded; never rejects.
 */
export const importLanguage: LanguageLoader = async (language) => {
  if (!Object.hasOwn(LANGUAGE_MODULES, language)) return {};
  try {
    return (await LANGUAGE_MODULES[language as keyof typeof LANGUAGE_MODULES]()).default;
  } catch {
    console.warn(`consent-gate: the "${language}" strings could not be loaded (consent-gate/i18n/${language}); showing English.`);
    return {};
  }
};
