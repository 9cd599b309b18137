/**
 * Known cookie and storage names: the Open Cookie Database (Apache-2.0,
 * data/open-cookie-database.json) and this package's own list
 * (data/known-items.json) for what it lacks.
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';

/** What a database knows about a name. */
export interface KnownItem {
  /** Service (platform) name, e.g. `Google Analytics`. */
  service: string;
  /** Who operates it. */
  provider: string;
  /** consent-gate category: `necessary`, `preferences`, `analytics` or `marketing`. */
  category: string;
  /** What it is for. */
  purpose: string;
  /** Lifetime as the database gives it, e.g. `2 years`. */
  duration: string;
  /** How to declare it: the exact name, or a pattern for a family of names. */
  matcher: { name: string } | { pattern: string };
}

interface OcdEntry {
  category: string;
  cookie: string;
  description: string;
  retentionPeriod: string;
  dataController: string;
  wildcardMatch: string;
}

interface OwnEntry {
  service: string;
  provider: string;
  category: string;
  match: 'exact' | 'prefix' | 'pattern';
  name: string;
  purpose: string;
  duration: string;
}

/** Open Cookie Database categories → consent-gate categories. "Functional" cookies (sessions, load balancers, consent tools) are what sites need to work. */
export const OCD_CATEGORIES: Record<string, string> = {
  Necessary: 'necessary',
  Security: 'necessary',
  Functional: 'necessary',
  Personalization: 'preferences',
  Analytics: 'analytics',
  Marketing: 'marketing',
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Name lookup over both databases. */
export class CookieDatabase {
  private readonly _exact = new Map<string, KnownItem>();
  private readonly _prefixes: Array<{ prefix: string; item: KnownItem }> = [];
  private readonly _patterns: Array<{ regex: RegExp; item: KnownItem }> = [];

  /** Builds the lookup from parsed database files. */
  constructor(ocd: Record<string, OcdEntry[]>, own: OwnEntry[]) {
    // Own entries first: they are more precise where both know a name.
    for (const entry of own) {
      const item: KnownItem = {
        service: entry.service,
        provider: entry.provider,
        category: entry.category,
        purpose: entry.purpose,
        duration: entry.duration,
        matcher:
          entry.match === 'exact'
            ? { name: entry.name }
            : { pattern: entry.match === 'prefix' ? `^${escapeRegExp(entry.name)}` : entry.name },
      };
      if (entry.match === 'exact') this._exact.set(entry.name, item);
      else if (entry.match === 'prefix') this._prefixes.push({ prefix: entry.name, item });
      else this._patterns.push({ regex: new RegExp(entry.name), item });
    }
    for (const [platform, entries] of Object.entries(ocd)) {
      for (const entry of entries) {
        const category = OCD_CATEGORIES[entry.category];
        if (!category || !entry.cookie) continue;
        const wildcard = entry.wildcardMatch === '1';
        const item: KnownItem = {
          service: platform,
          provider: entry.dataController || platform,
          category,
          purpose: entry.description,
          duration: entry.retentionPeriod,
          matcher: wildcard ? { pattern: `^${escapeRegExp(entry.cookie)}` } : { name: entry.cookie },
        };
        if (wildcard) this._prefixes.push({ prefix: entry.cookie, item });
        else if (!this._exact.has(entry.cookie)) this._exact.set(entry.cookie, item);
      }
    }
    // The longest prefix is the most specific.
    this._prefixes.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /** What the databases know about `name`: exact names, then patterns, then the longest matching prefix. */
  lookup(name: string): KnownItem | null {
    return (
      this._exact.get(name) ??
      this._patterns.find((p) => p.regex.test(name))?.item ??
      this._prefixes.find((p) => name.startsWith(p.prefix))?.item ??
      null
    );
  }
}

let loaded: CookieDatabase | null = null;

/** The databases shipped in data/ (read once). */
export function cookieDatabase(): CookieDatabase {
  if (!loaded) {
    const read = (file: string) => JSON.parse(readFileSync(new URL(`../data/${file}`, import.meta.url), 'utf8'));
    loaded = new CookieDatabase(read('open-cookie-database.json'), read('known-items.json').items);
  }
  return loaded;
}
