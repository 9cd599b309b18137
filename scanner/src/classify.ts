/**
 * Classification of cookies and storage keys: the site's own consent-gate
 * declaration first, then the cookie databases, then the tracker host of the
 * script that wrote it; otherwise `unclassified`.
 * @packageDocumentation
 */
import type { DeclaredMatcher, SiteDeclaration } from './consent.js';
import { cookieDatabase, type CookieDatabase } from './cookie-db.js';
import { hostEntity } from './trackers.js';

/** The category of items nobody could classify. */
export const UNCLASSIFIED = 'unclassified';

/** Where a classification came from. */
export type ClassificationSource = 'site' | 'database' | 'tracker-host' | 'none';

/** What the scanner knows about an item. */
export interface Classification {
  /** consent-gate category. */
  category: string;
  /** Service, or `null` when unclassified. */
  service: string | null;
  /** Who operates the service. */
  provider?: string;
  /** What the item is for. */
  purpose?: string;
  /** What the service is for, as the site declares it (its items may each say more). */
  servicePurpose?: string;
  /** Its lifetime as declared or known (observed lifetimes come from the cookie itself). */
  duration?: string;
  /** How to declare it in a configuration: exact name or pattern. */
  matcher: { name: string } | { pattern: string };
  /** Where this came from. */
  source: ClassificationSource;
}

interface CompiledMatcher {
  test: (name: string) => boolean;
  declared: DeclaredMatcher;
}

interface CompiledService {
  category: string;
  service: string;
  provider?: string;
  purpose?: string;
  cookies: CompiledMatcher[];
  storage: CompiledMatcher[];
}

/** Classifies the items of one site. */
export class Classifier {
  private readonly _services: CompiledService[];
  private readonly _cookieName: string | null;
  private readonly _required: Set<string>;

  /** @param declaration - the site's consent-gate declaration, if it has one. */
  constructor(
    declaration: SiteDeclaration | null,
    private readonly db: CookieDatabase = cookieDatabase(),
  ) {
    this._cookieName = declaration?.cookieName ?? null;
    this._required = new Set(['necessary', ...(declaration?.categories ?? []).filter((c) => c.required).map((c) => c.name)]);
    this._services = (declaration?.categories ?? []).flatMap((category) =>
      category.services.map((service) => ({
        category: category.name,
        service: service.name,
        provider: service.provider,
        purpose: service.purpose,
        cookies: compile(service.cookies),
        storage: compile(service.storage),
      })),
    );
  }

  /** Whether `category` is always granted (`necessary`, or required in the site's declaration). */
  isRequired(category: string): boolean {
    return this._required.has(category);
  }

  /** Classifies a cookie by name, with the URL that set it for the tracker-host fallback. */
  cookie(name: string, setBy: string | null, domain?: string): Classification {
    if (name === this._cookieName) return this._consentItem(name, 'cookies');
    return this._classify(name, 'cookies', setBy, domain);
  }

  /** Classifies a storage key (or IndexedDB database name). */
  storage(area: string, key: string, setBy: string | null): Classification {
    if (area === 'localStorage' && key === this._cookieName) return this._consentItem(key, 'storage');
    return this._classify(key, 'storage', setBy);
  }

  /**
   * The consent cookie or its localStorage mirror: always necessary, but described as
   * the site declares it (its service, provider and purpose) where it does, the
   * mirror like the cookie.
   */
  private _consentItem(name: string, kind: 'cookies' | 'storage'): Classification {
    const declared = this._declared(name, kind) ?? this._declared(name, 'cookies');
    return declared ? { ...declared, category: 'necessary', matcher: { name } } : consentCookie(name);
  }

  private _declared(name: string, kind: 'cookies' | 'storage'): Classification | null {
    for (const service of this._services) {
      const hit = service[kind].find((m) => m.test(name));
      if (hit) {
        const { name: exact, pattern } = hit.declared;
        return {
          category: service.category,
          service: service.service,
          provider: service.provider,
          purpose: hit.declared.purpose ?? service.purpose,
          servicePurpose: service.purpose,
          duration: hit.declared.duration,
          matcher: exact !== undefined ? { name: exact } : { pattern: pattern ?? `^${name}$` },
          source: 'site',
        };
      }
    }
    return null;
  }

  private _classify(name: string, kind: 'cookies' | 'storage', setBy: string | null, domain?: string): Classification {
    const declared = this._declared(name, kind);
    if (declared) return declared;
    const known = this.db.lookup(name);
    if (known) {
      return {
        category: known.category,
        service: known.service,
        provider: known.provider,
        purpose: known.purpose,
        duration: known.duration,
        matcher: known.matcher,
        source: 'database',
      };
    }
    for (const where of [setBy, domain]) {
      const entity = where ? hostEntity(where) : null;
      if (entity?.consentCategory) {
        return {
          category: entity.consentCategory,
          service: entity.name,
          provider: entity.company,
          matcher: { name },
          source: 'tracker-host',
        };
      }
    }
    return { category: UNCLASSIFIED, service: null, matcher: { name }, source: 'none' };
  }
}

function consentCookie(name: string): Classification {
  return {
    category: 'necessary',
    service: 'consent-gate',
    provider: 'This site',
    purpose: "Remembers the visitor's cookie choice.",
    servicePurpose: "Remembers the visitor's cookie choice.",
    matcher: { name },
    source: 'site',
  };
}

function compile(matchers: DeclaredMatcher[]): CompiledMatcher[] {
  return matchers.flatMap((declared): CompiledMatcher[] => {
    if (declared.name !== undefined) {
      const exact = declared.name;
      return [{ test: (name) => name === exact, declared }];
    }
    try {
      const regex = new RegExp(declared.pattern ?? '(?!)');
      return [{ test: (name) => regex.test(name), declared }];
    } catch {
      return [];
    }
  });
}
