/**
 * UI strings. English is built in (the dialog's own strings are in
 * `dialog-texts.ts`, loaded with the dialog); `texts` overrides apply per language
 * (the base language first, then the full tag) and are always rendered as text.
 * How they are resolved is in `src/texts/resolve.ts`, shared with the gating code.
 * @packageDocumentation
 */
import { PLACEHOLDER_ENGLISH } from '../texts/placeholder-english.js';
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

/** The keys of the first paint's strings. */
export type BannerTextKey = keyof typeof BANNER_ENGLISH;

/** The keys of every UI string. */
export type TextKey = BannerTextKey | keyof typeof DIALOG_ENGLISH;

/** The strings of the first paint. */
export type BannerTexts = Record<BannerTextKey, string>;

/** A complete set of UI strings. */
export type Texts = Record<TextKey, string>;
