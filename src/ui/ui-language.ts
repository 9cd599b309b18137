/**
 * Everything the elements need to speak the visitor's language: the strings,
 * the `lang` and `dir` to set, and the built-in categories' labels.
 * @packageDocumentation
 */
import { KNOWN_CATEGORIES } from '../core/config.js';
import type { Category, ResolvedConfig } from '../core/config-types.js';
import { resolveLanguage, resolveTexts } from '../texts/resolve.js';
import { builtInLanguage, directionOf, loadTranslations, type LanguageLoader, type LoadedStrings } from './locale.js';
import { BANNER_ENGLISH, type BannerTexts } from './texts.js';

/** The UI language of one page. */
export interface UiLanguage {
  /** Language tag of the strings shown (for the elements' `lang`). */
  lang: string;
  /** Writing direction (for the elements' `dir`). */
  dir: 'ltr' | 'rtl';
  /** The first paint's strings. */
  texts: BannerTexts;
  /** Resolves more strings (the dialog's, once its code is loaded) in the same language, translation and overrides. */
  textsFor<K extends string>(defaults: Record<K, string>): Record<K, string>;
  /** The configured categories, built-in labels and descriptions translated. */
  categories: Category[];
}

/**
 * Where the built-in translations come from: a loader (the ES module build's
 * `import()` of each language), or the base URL of their JSON files
 * (`<url>/<lang>.json`, the script-tag build); without one only English and
 * the site's `texts` are used.
 */
export type TranslationSource = LanguageLoader | string | URL | undefined;

/**
 * Works out the UI language. English (or a language the site fully supplies
 * in `texts`) is ready at once; another built-in language is loaded from
 * `source` first, so the banner appears once, in the right language.
 */
export function uiLanguage(config: ResolvedConfig, source: TranslationSource): UiLanguage | Promise<UiLanguage> {
  const requested = resolveLanguage(config.language);
  const builtIn = builtInLanguage(requested);
  const build = (translation: LoadedStrings): UiLanguage => {
    const hasOverrides = !!(config.texts[requested] ?? config.texts[requested.split('-')[0]!]);
    const lang = Object.keys(translation).length ? builtIn : hasOverrides ? requested : 'en';
    const textsFor: UiLanguage['textsFor'] = (defaults) => resolveTexts(defaults, config.texts, requested, translation);
    return {
      lang,
      dir: directionOf(lang),
      texts: textsFor(BANNER_ENGLISH),
      textsFor,
      categories: config.categories.map((category) => translateCategory(category, translation)),
    };
  };
  if (builtIn === 'en' || !source) return build({});
  return (typeof source === 'function' ? source(builtIn) : loadTranslations(builtIn, source)).then(build);
}

/** Swaps a built-in category's English label and description for the translation, leaving the site's own words alone. */
function translateCategory(category: Category, translation: LoadedStrings): Category {
  const known = KNOWN_CATEGORIES[category.name];
  if (!known) return category;
  const label = translation[`${category.name}Label`];
  const description = translation[`${category.name}Description`];
  return {
    ...category,
    label: category.label === known.label && label ? label : category.label,
    description: category.description === known.description && description ? description : category.description,
  };
}
