/**
 * UI strings. English is built in; `texts` overrides apply per language
 * (the base language first, then the full tag) and are always rendered as text.
 * @packageDocumentation
 */
import type { TextOverrides } from '../core/config-types.js';

/** Every string the elements show or announce. */
export const ENGLISH = {
  bannerTitle: 'We value your privacy',
  bannerText:
    'We use cookies that the site needs to work. With your consent we also use analytics, which record your IP address, browser, the pages you view and when you visit. You can refuse and still use the whole site, and change your choice at any time.',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  manage: 'Manage preferences',
  dialogTitle: 'Cookie preferences',
  dialogText:
    'Choose which cookies we may use. Necessary cookies are always on because the site cannot work without them.',
  save: 'Save preferences',
  close: 'Close',
  policyLink: 'Privacy policy',
  alwaysOn: 'Always on',
  cookiesUsed: 'Services and cookies',
  service: 'Service',
  provider: 'Provider',
  purpose: 'Purpose',
  cookie: 'Cookie',
  duration: 'Duration',
  reopen: 'Cookie settings',
  allowCategory: 'Allow {category}',
  placeholderText: 'This content is provided by a third party. To show it, allow {category}.',
  yourData: 'Your data',
  yourDataText: 'See or delete what our statistics recorded about this browser.',
  downloadData: 'Download my data',
  deleteData: 'Delete my data',
  dataDeleted: 'Your data was deleted.',
  dataError: 'That did not work. Please try again later.',
};

/** Replaces `{name}` placeholders in a UI string with `values[name]` (plain text, never markup). */
export function formatText(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
}

/** The keys of the UI strings. */
export type TextKey = keyof typeof ENGLISH;

/** A complete set of UI strings. */
export type Texts = Record<TextKey, string>;

/**
 * Picks the UI language: the configured one, then `<html lang>`, then the
 * browser's, then `en`. Returns a lower-case BCP 47 tag.
 */
export function resolveLanguage(configured: string | null): string {
  const candidates = [configured, document.documentElement.lang, ...(navigator.languages ?? []), navigator.language];
  return (candidates.find((tag) => typeof tag === 'string' && tag !== '') ?? 'en').toLowerCase();
}

/**
 * Merges English, the strings of a built-in translation, and the site's
 * overrides for `language` (base tag, then full tag). A key missing anywhere
 * falls back to the layer below it.
 */
export function resolveTexts(overrides: TextOverrides, language: string, translation: Partial<Record<string, string>> = {}): Texts {
  const base = language.split('-')[0]!;
  const pickStrings = (source: Partial<Record<string, string>> | undefined) => {
    const result: Partial<Texts> = {};
    for (const key of Object.keys(ENGLISH) as TextKey[]) {
      const value = source?.[key];
      if (typeof value === 'string') result[key] = value;
    }
    return result;
  };
  return { ...ENGLISH, ...pickStrings(translation), ...pickStrings(overrides[base]), ...pickStrings(overrides[language]) };
}
