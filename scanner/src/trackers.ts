/**
 * Known tracker hosts from third-party-web (MIT): which entity a URL belongs
 * to and whether it tracks.
 * @packageDocumentation
 */
import thirdPartyWeb from 'third-party-web/nostats-subset.js';

/** third-party-web categories that count as tracking. */
export const TRACKER_CATEGORIES = ['ad', 'analytics', 'social', 'marketing'];

/** An entity of third-party-web. */
export interface HostEntity {
  /** Its name, e.g. `Google Analytics`. */
  name: string;
  /** Its company. */
  company: string;
  /** third-party-web categories. */
  categories: string[];
  /** Whether any category is a tracker category. */
  tracker: boolean;
  /** The consent-gate category its items belong to, or `null` for utilities, CDNs, hosting, … */
  consentCategory: string | null;
}

/** The third-party-web entity of `url` (an URL or host name), or `null`. */
export function hostEntity(url: string): HostEntity | null {
  let entity: { name: string; company?: string; categories: string[] } | undefined;
  try {
    entity = thirdPartyWeb.getEntity(url);
  } catch {
    return null;
  }
  if (!entity) return null;
  const categories = entity.categories ?? [];
  const consentCategory = categories.includes('analytics')
    ? 'analytics'
    : categories.some((c) => c === 'ad' || c === 'marketing' || c === 'social')
      ? 'marketing'
      : null;
  return {
    name: entity.name,
    company: entity.company ?? entity.name,
    categories,
    tracker: categories.some((c) => TRACKER_CATEGORIES.includes(c)),
    consentCategory,
  };
}
