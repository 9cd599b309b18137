/**
 * How a UI string is chosen and filled in, for the elements and the gating
 * code alike (no Lit): the UI language, the layers of English defaults,
 * built-in translation and the site's `texts` overrides, and `{name}`
 * placeholders.
 * @packageDocumentation
 */
import type { TextOverrides } from '../core/config-types.js';

/** Replaces `{name}` placeholders in a UI string with `values[name]` (plain text, never markup). */
export function formatText(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
}

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
