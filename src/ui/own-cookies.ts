/**
 * The SDK's own cookies in the dialog's cookie declaration: `cg_consent` under
 * the first required category, and, with a collector, `cg_vid` and `cg_visit`
 * under `analytics`. The site declares its services; these three the SDK sets
 * itself, so it declares them, in the UI language, with their real lifetimes.
 * @packageDocumentation
 */
import type { Category, ServiceDeclaration } from '../core/config-types.js';
import { VISIT_COOKIE, VISIT_IDLE_MINUTES, VISITOR_COOKIE, VISITOR_COOKIE_DAYS } from '../tracker/identity-facts.js';

/** The strings of the SDK's own declaration (keys of the dialog's texts). */
export interface OwnCookieTexts {
  /** Service name of the SDK's cookies, e.g. `This website`. */
  ownService: string;
  /** Purpose of the consent cookie. */
  consentCookiePurpose: string;
  /** Purpose of `cg_vid`. */
  visitorCookiePurpose: string;
  /** Purpose of `cg_visit`. */
  visitCookiePurpose: string;
}

/** What the declaration depends on. */
export interface OwnCookieOptions {
  /** The consent cookie's name (`cookieName`). */
  cookieName: string;
  /** Its life in days (`expiresDays`). */
  expiresDays: number;
  /** Whether analytics are sent (a `collector` is configured): only then do `cg_vid` and `cg_visit` exist. */
  tracks: boolean;
  /** Language tag for the durations. */
  lang: string;
}

/** `count` `unit`s in `lang`, e.g. "182 days", "182 Tage"; plain English where Intl cannot. */
function duration(count: number, unit: 'day' | 'minute', lang: string): string {
  try {
    return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(count);
  } catch {
    return `${count} ${unit}s`;
  }
}

/**
 * Returns `categories` with the SDK's own cookies added to their declaration,
 * first in their category. A cookie the site already declares is not added twice.
 */
export function declareOwnCookies(
  categories: Category[],
  texts: OwnCookieTexts,
  { cookieName, expiresDays, tracks, lang }: OwnCookieOptions,
): Category[] {
  const declared = new Set(categories.flatMap((c) => c.services.flatMap((s) => (s.cookies ?? []).map((cookie) => cookie.name))));
  const service = (cookies: [string, string, string][]): ServiceDeclaration | null => {
    const missing = cookies.filter(([name]) => !declared.has(name));
    return missing.length
      ? { name: texts.ownService, cookies: missing.map(([name, purpose, life]) => ({ name, purpose, duration: life })) }
      : null;
  };
  const consent = service([[cookieName, texts.consentCookiePurpose, duration(expiresDays, 'day', lang)]]);
  const analytics = tracks
    ? service([
        [VISITOR_COOKIE, texts.visitorCookiePurpose, duration(VISITOR_COOKIE_DAYS, 'day', lang)],
        [VISIT_COOKIE, texts.visitCookiePurpose, duration(VISIT_IDLE_MINUTES, 'minute', lang)],
      ])
    : null;
  const consentCategory = categories.find((c) => c.required)?.name;
  return categories.map((category) => {
    const own = category.name === consentCategory ? consent : category.name === 'analytics' ? analytics : null;
    return own ? { ...category, services: [own, ...category.services] } : category;
  });
}
