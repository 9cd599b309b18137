/**
 * What a framework template may set on each element, by name and type: the
 * element's own properties (typed by the element class itself) and its
 * kebab-case attributes. The Vue and Svelte entries add these to their
 * template types; `test/e2e/element-typings.test.js` checks the names against
 * the Custom Elements Manifest (`dist/custom-elements.json`), so they follow
 * every property or attribute an element gains or loses.
 * @packageDocumentation
 */
import type { ConsentBanner } from './banner.js';
import type { ConsentPreferences } from './preferences.js';

/** The properties of `<consent-banner>` a template may set. */
export type ConsentBannerProperty = 'mode' | 'layout' | 'theme' | 'texts' | 'policyUrl';

/** The properties of `<consent-preferences>` a template may set. */
export type ConsentPreferencesProperty =
  'open' | 'theme' | 'texts' | 'categories' | 'choices' | 'policyUrl' | 'dataActions' | 'dataMessage';

/** `<consent-banner>`'s own properties and attributes, all optional. */
export type ConsentBannerTemplateProps = Partial<Pick<ConsentBanner, ConsentBannerProperty>> & {
  /** The `policyUrl` property as an attribute. */
  'policy-url'?: string;
};

/** `<consent-preferences>`'s own properties and attributes, all optional. */
export type ConsentPreferencesTemplateProps = Partial<Pick<ConsentPreferences, ConsentPreferencesProperty>> & {
  /** The `policyUrl` property as an attribute. */
  'policy-url'?: string;
};
