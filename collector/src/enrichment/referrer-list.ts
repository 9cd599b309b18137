/**
 * Known referrers: which service a referrer host (or a `utm_source` value)
 * names, and what kind of service it is. Built from the vendored list
 * (`data/referrers.json`: Matomo's search engines, social networks and AI
 * assistants, CC0) and the collector's own additions
 * (`data/referrer-additions.json`: video sites, webmail, more AI assistants and
 * social sites, readable names, and hosts the list misfiles).
 * @packageDocumentation
 */

/** What kind of service a known referrer is; the channel follows from it. */
export type ServiceCategory = 'search' | 'social' | 'ai' | 'video' | 'email';

/** A known referrer. */
export interface Service {
  /** The name a site owner reads, e.g. `Google`, `Hacker News`. */
  name: string;
  category: ServiceCategory;
}

/** Hosts by service name, per category; a host may hold `{}` (any country code or top-level domain) and a path. */
type HostsByName = Record<string, string[]>;

/** `data/referrers.json`, as `scripts/update-referrer-list.mjs` writes it. */
export interface VendoredReferrerList {
  source: string;
  commit: string;
  license: string;
  search: HostsByName;
  social: HostsByName;
  ai: HostsByName;
}

/** `data/referrer-additions.json`. */
export interface ReferrerAdditions {
  /** Services to add, or to move to another category (they win over the vendored list). */
  services: Partial<Record<ServiceCategory, HostsByName>>;
  /** Readable names for the list's spellings (`reddit` → `Reddit`). */
  names: Record<string, string>;
  /** `utm_source` shorthands campaigns use (`ig` → `Instagram`), lower case. */
  aliases: Record<string, string>;
  /** Hosts the list files under a service for a search page on them, which a host alone cannot tell from the rest of the site. */
  notServices: string[];
}

/** Second-level labels under a country code that, with it, make one "top-level domain" for `{}` (`google.co.uk`). */
const COMBINED_TLD = new Set(['ac', 'co', 'com', 'edu', 'go', 'gov', 'gv', 'ne', 'net', 'or', 'org']);

const TWO_LETTERS = /^[a-z]{2}$/;

/** `utm_source` values that name an ad network: the service whose ads they are. */
const AD_NETWORKS = new Map([
  ['adwords', 'google'],
  ['googleads', 'google'],
  ['gads', 'google'],
  ['bingads', 'bing'],
  ['msads', 'bing'],
  ['fbads', 'facebook'],
  ['facebookads', 'facebook'],
]);

/** `facebook_ads`, `yt-ads`, `linkedin ad`: a service's name, then "ad(s)". */
const ADS_SUFFIX = /^(.+?)[-_. ]ads?$/;

const HOST_LIKE = /^[a-z0-9.-]+\.[a-z]{2,}$/;

/** The service a referrer or tagged source names. */
export class ReferrerList {
  /** Host pattern → service; null marks a host that is explicitly nobody's. */
  private readonly hosts = new Map<string, Service | null>();
  /** Host pattern → [path prefix, service] for entries with a path (`x.com/i/grok`). */
  private readonly paths = new Map<string, [string, Service][]>();
  /** Lower-case service name or alias → service. */
  private readonly names = new Map<string, Service>();

  constructor(list: VendoredReferrerList, additions: ReferrerAdditions) {
    // Later wins: an AI assistant the list also files as a search engine (ChatGPT) is an AI assistant.
    const sections: [ServiceCategory, HostsByName | undefined][] = [
      ['search', list.search],
      ['social', list.social],
      ['ai', list.ai],
      ...(Object.entries(additions.services) as [ServiceCategory, HostsByName][]),
    ];
    for (const [category, section] of sections) {
      for (const [listed, hosts] of Object.entries(section ?? {})) {
        const service: Service = { name: Object.hasOwn(additions.names, listed) ? additions.names[listed] : listed, category };
        for (const host of hosts) this.addHost(host, service);
        this.names.set(service.name.toLowerCase(), service);
        this.names.set(listed.toLowerCase(), service);
      }
    }
    for (const host of additions.notServices) this.hosts.set(host, null);
    for (const [alias, name] of Object.entries(additions.aliases)) {
      const service = this.names.get(name.toLowerCase());
      if (service) this.names.set(alias, service);
    }
  }

  /**
   * The service at `host` (lower case, without `www.`), or null. A subdomain
   * belongs to its parent's service (`old.reddit.com` is reddit's), and
   * `{}` entries match any country code (`google.{}`: `google.de`,
   * `google.co.uk`; `{}.search.yahoo.com`: `de.search.yahoo.com`).
   */
  serviceForHost(host: string, path = '/'): Service | null {
    for (let candidate = host; ;) {
      for (const key of patternsOf(candidate)) {
        const byPath = this.paths.get(key)?.find(([prefix]) => path.startsWith(prefix));
        if (byPath) return byPath[1];
        const service = this.hosts.get(key);
        if (service !== undefined) return service;
      }
      const dot = candidate.indexOf('.');
      // Stop at the registrable part: a bare top-level domain names no service.
      if (dot < 0 || candidate.indexOf('.', dot + 1) < 0) return null;
      candidate = candidate.slice(dot + 1);
    }
  }

  /**
   * The service a `utm_source` value names: a service name or alias in any case
   * (`google`, `Hacker News`, `ig`), or a host (`news.ycombinator.com`), or
   * null. `paid` is true when the value says it is an ad (`facebook_ads`,
   * `adwords`); the service is then the one whose ads they are.
   */
  serviceForName(value: string): { service: Service | null; paid: boolean } {
    const lower = value.trim().toLowerCase();
    const network = AD_NETWORKS.get(lower);
    if (network) return { service: this.names.get(network) ?? null, paid: true };
    const ads = ADS_SUFFIX.exec(lower);
    const name = ads ? ads[1] : lower;
    const service = this.names.get(name) ?? (HOST_LIKE.test(name) ? this.serviceForHost(stripWww(name)) : null);
    return { service, paid: ads !== null };
  }

  private addHost(entry: string, service: Service): void {
    const slash = entry.indexOf('/');
    if (slash < 0) {
      this.hosts.set(entry, service);
      return;
    }
    const host = entry.slice(0, slash);
    const rules = this.paths.get(host) ?? [];
    rules.push([entry.slice(slash), service]);
    this.paths.set(host, rules);
  }
}

/** `host` without a leading `www.` (or `www2.` …). */
export function stripWww(host: string): string {
  return host.replace(/^www\d*\./, '');
}

/** The keys a host may be listed under: itself, with its top-level domain as `{}`, with its country subdomain as `{}`, both. */
function patternsOf(host: string): string[] {
  const labels = host.split('.');
  const patterns = [host];
  if (labels.length >= 2) {
    const last = labels.length - 1;
    const tldLabels = labels.length >= 3 && TWO_LETTERS.test(labels[last]) && COMBINED_TLD.has(labels[last - 1]) ? 2 : 1;
    const withTld = [...labels.slice(0, labels.length - tldLabels), '{}'].join('.');
    patterns.push(withTld);
    if (labels.length >= 3 && TWO_LETTERS.test(labels[0])) {
      patterns.push(['{}', ...labels.slice(1)].join('.'), `{}.${withTld.slice(withTld.indexOf('.') + 1)}`);
    }
  }
  return patterns;
}
