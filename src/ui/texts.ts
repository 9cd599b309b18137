/**
 * UI strings. English is built in (the dialog's own strings are in
 * `dialog-texts.ts`, loaded with the dialog); `texts` overrides apply per language
 * (the base language first, then the full tag) and are always rendered as text.
 * @packageDocumentation
 */
import type { TextOverrides } from '../core/config-types.js';
import { PLACEHOLDER_ENGLISH } from '../gating/placeholder-texts.js';
import type { DIALOG_ENGLISH } from './dialog-texts.js';

/** The strings of the first paint: the banner, the floating button and gated-frame placeholders. */
export const BANNER_ENGLISH = {
  bannerTitle: 'We value your privacy',
  bannerText:
    'We use cookies that the site needs to work. With your consent we also use analytics, which record your IP address, browser, the pages you view and when you visit. You can refuse and still use the whole site, and change your choice at any time.',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  manage: 'Manage preferences',
  policyLink: 'Privacy policy',
  reopen: 'Cookie settings',
  ...PLACEHOLDER_ENGLISH,
};

/** Replaces `{name}` placeholders in a UI string with `values[name]` (plain text, never markup). */
export function formatText(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
}

/** The keys of the first paint's strings. */
export type BannerTextKey = keyof typeof BANNER_ENGLISH;

/** The keys of every UI string. */
export type TextKey = BannerTextKey | keyof typeof DIALOG_ENGLISH;

/** The strings of the first paint. */
export type BannerTexts = Record<BannerTextKey, string>;

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
 * Merges the English `defaults`, the strings of a built-in translation, and
 * the site's overrides for `language` (base tag, then full tag), for the keys
 * of `defaults` only. A key missing anywhere falls back to the layer below it.
 */
export function resolveTexts<K extends string>(
  defaults: Record<K, string>,
  overrides: TextOverrides,
  language: string,
  translation: Partial<Record<string, string>> = {},
): Record<K, string> {
  const result = { ...defaults };
  const base = language.split('-')[0]!;
  for (const source of [translation, overrides[base], overrides[language]]) {
    for (const key of Object.keys(defaults) as K[]) {
      const value = source?.[key];
      if (typeof value === 'string') result[key] = value;
    }
  }
  return result;
}
