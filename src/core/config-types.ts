/**
 * Configuration types of `init(config)`. No runtime code.
 * @packageDocumentation
 */

/** One cookie a service sets: an exact `name` or a regular-expression `pattern` source. */
export interface CookieDeclaration {
  /** Exact cookie name. */
  name?: string;
  /** Regular-expression source matching cookie names, e.g. `^_ga`. */
  pattern?: string;
  /** Human-readable lifetime, e.g. `13 months`. */
  duration?: string;
  /** What the cookie is for. */
  purpose?: string;
}

/**
 * One browser-storage key a service writes, in `localStorage` or
 * `sessionStorage`: an exact `name` or a regular-expression `pattern` source.
 */
export interface StorageDeclaration {
  /** Exact key. */
  name?: string;
  /** Regular-expression source matching keys, e.g. `^ph_`. */
  pattern?: string;
  /** Human-readable lifetime, e.g. `Until deleted`. */
  duration?: string;
  /** What the key is for. */
  purpose?: string;
}

/** A service (tool, vendor) that runs under a category: the cookie declaration shown in the dialog. */
export interface ServiceDeclaration {
  /** Service name, e.g. `Matomo`. */
  name: string;
  /** Who operates it. */
  provider?: string;
  /** Why the site uses it. */
  purpose?: string;
  /** Cookies it sets. */
  cookies?: CookieDeclaration[];
  /** `localStorage` and `sessionStorage` keys it writes; deleted like its cookies when the category is refused or withdrawn. */
  storage?: StorageDeclaration[];
}

/** A consent category as given in the configuration. */
export interface CategoryOptions {
  /** Visible label and the accessible name of its switch, e.g. `Analytics`. */
  label?: string;
  /** One or two sentences shown under the label. */
  description?: string;
  /** A required category cannot be switched off and is always granted. */
  required?: boolean;
  /** The services (and their cookies) this category covers. */
  services?: ServiceDeclaration[];
}

/** A category after validation: every field present, in configuration order. */
export interface Category {
  /** Key used in `ConsentState.categories` and `data-consent` attributes. */
  name: string;
  /** Visible label. */
  label: string;
  /** Visible description (may be empty). */
  description: string;
  /** Always granted, switch disabled. */
  required: boolean;
  /** Cookie declaration. */
  services: ServiceDeclaration[];
}

/** A cookie-name (or storage-key) matcher used to delete cookies (or storage keys) when a category is refused. */
export interface CookieMatcher {
  /** Exact name. */
  name?: string;
  /** Regular-expression source. */
  pattern?: string;
}

/** UI strings, per language, all optional in overrides. */
export type TextOverrides = Record<string, Partial<Record<string, string>>>;

/** The options accepted by `init(config)`; every key is optional. */
export interface ConsentGateConfig {
  /** Base URL of the collector; without it no analytics are sent. */
  collector?: string;
  /** Ordered map of categories; defaults to `necessary` (required) and `analytics`. */
  categories?: Record<string, CategoryOptions>;
  /** Policy revision; a stored choice with another revision is void. Default `1`. */
  revision?: number;
  /** Life of the consent cookie in days. Default `182`. */
  expiresDays?: number;
  /** Name of the consent cookie. Default `cg_consent`. */
  cookieName?: string;
  /** Cookie domain for cross-subdomain consent. Default: the current host. */
  cookieDomain?: string;
  /** Privacy policy link shown in the banner and the dialog (http(s) or relative). */
  policyUrl?: string;
  /** UI language. Default: `<html lang>`, then `navigator.language`, then `en`. */
  language?: string;
  /** Per-language overrides of UI strings, always rendered as text. */
  texts?: TextOverrides;
  /** Treat Global Privacy Control / Do Not Track as refusal. Default `true`. */
  respectGpc?: boolean;
  /** Drive Google Consent Mode v2. Default `false`. */
  googleConsentMode?: boolean;
  /**
   * Consent Mode types granted by each category, e.g. `{ "analytics": ["analytics_storage"] }`.
   * Default: `analytics` → `analytics_storage`; `marketing` → `ad_storage`, `ad_user_data`, `ad_personalization`.
   */
  consentModeMap?: Record<string, string[]>;
  /** `bar` (bottom, full width) or `box` (corner card). Default `bar`. */
  layout?: 'bar' | 'box';
  /** `light`, `dark` or `auto`. Default `auto`. */
  theme?: 'light' | 'dark' | 'auto';
  /** Cookies deleted per category on refusal; default from the services' cookies. */
  autoClear?: Record<string, CookieMatcher[]>;
  /** Record a page view on History API navigation. Default `true`. */
  trackSpa?: boolean;
  /** Query parameter holding the site-search term, sent as `search` with the page view. Default `q`. */
  searchParam?: string;
  /** Reload when a category whose scripts already ran is withdrawn. Default `true`. */
  reloadOnWithdraw?: boolean;
  /** CSP nonce for scripts the SDK creates. Default: the loader script's nonce. */
  nonce?: string;
  /** Show a small floating "Cookie settings" button once a choice exists. Default `false`. */
  floatingButton?: boolean;
}

/** The configuration after validation: safe defaults filled in. */
export interface ResolvedConfig {
  /** Collector base URL without trailing slash, or `null`. */
  collector: string | null;
  /** Categories in order. */
  categories: Category[];
  /** Policy revision. */
  revision: number;
  /** Consent cookie lifetime in days. */
  expiresDays: number;
  /** Consent cookie name. */
  cookieName: string;
  /** Cookie domain or `undefined` for the current host. */
  cookieDomain: string | undefined;
  /** Validated policy URL or `null`. */
  policyUrl: string | null;
  /** Requested language tag or `null` (resolved by the UI). */
  language: string | null;
  /** Text overrides per language. */
  texts: TextOverrides;
  /** See {@link ConsentGateConfig.respectGpc}. */
  respectGpc: boolean;
  /** See {@link ConsentGateConfig.googleConsentMode}. */
  googleConsentMode: boolean;
  /** See {@link ConsentGateConfig.consentModeMap}; `undefined` for the default mapping. */
  consentModeMap: Record<string, string[]> | undefined;
  /** Banner layout. */
  layout: 'bar' | 'box';
  /** Colour theme. */
  theme: 'light' | 'dark' | 'auto';
  /** Cookie matchers per category. */
  autoClear: Record<string, CookieMatcher[]>;
  /** See {@link ConsentGateConfig.trackSpa}. */
  trackSpa: boolean;
  /** See {@link ConsentGateConfig.searchParam}. */
  searchParam: string;
  /** See {@link ConsentGateConfig.reloadOnWithdraw}. */
  reloadOnWithdraw: boolean;
  /** CSP nonce or `undefined`. */
  nonce: string | undefined;
  /** See {@link ConsentGateConfig.floatingButton}. */
  floatingButton: boolean;
}
