/**
 * Everything a scan saw, grouped as a declaration: category → service → items.
 * The configuration and the cookie declaration are both written from it.
 * @packageDocumentation
 */
import { UNCLASSIFIED, type Classification } from '../classify.js';
import type { ScanResult } from '../scan.js';
import { PHASES, type PhaseName } from '../types.js';
import { lifetime } from './time-words.js';

/** One cookie, storage key or IndexedDB database (or a family of them, declared by a pattern). */
export interface InventoryItem {
  /** What it is. */
  kind: 'cookie' | 'localStorage' | 'sessionStorage' | 'indexedDB';
  /** A name seen (the first). */
  name: string;
  /** How to declare it. */
  matcher: { name: string } | { pattern: string };
  /** The cookie's domain. */
  domain?: string;
  /** What it is for, when known. */
  purpose?: string;
  /** Lifetime as observed (`session`, `13 months`, `until deleted`, …): what the browser really keeps. */
  duration: string;
  /** The script or response that wrote it. */
  setBy: string | null;
  /** The scripts that loaded `setBy`. */
  via: string[];
  /** The phases it was seen in. */
  phases: PhaseName[];
}

/** A service and its items. */
export interface InventoryService {
  /** Service name. */
  name: string;
  /** Who operates it. */
  provider?: string;
  /** What it is for. */
  purpose?: string;
  /** Its items. */
  items: InventoryItem[];
}

/** A category and its services. */
export interface InventoryCategory {
  /** Key (e.g. `analytics`). */
  name: string;
  /** Label. */
  label: string;
  /** Description. */
  description: string;
  /** Always granted. */
  required: boolean;
  /** Services, by name. */
  services: InventoryService[];
}

/** Labels and descriptions of consent-gate's built-in categories (as the SDK's own). */
export const BUILT_IN_CATEGORIES: Record<string, { label: string; description: string; required?: boolean }> = {
  necessary: {
    label: 'Necessary',
    description: 'Needed for the site to work, such as remembering this choice. Always on.',
    required: true,
  },
  preferences: { label: 'Preferences', description: 'Remember settings such as language or region.' },
  analytics: {
    label: 'Analytics',
    description: 'Count visits and pages viewed, with your IP address, browser and visit times, so we can improve the site.',
  },
  marketing: { label: 'Marketing', description: 'Let advertising partners show relevant ads and measure them.' },
  [UNCLASSIFIED]: {
    label: 'Unclassified',
    description:
      'TODO: the scanner could not classify these. Move each service to the category it belongs to (necessary, preferences, analytics or marketing), then delete this category.',
  },
};

const ORDER = ['necessary', 'preferences', 'analytics', 'marketing'];

/** Groups every item of every phase of `result` by category and service. */
export function buildInventory(result: ScanResult): InventoryCategory[] {
  const { report, classifier, declaration } = result;
  const categories = new Map<string, InventoryCategory>();
  const category = (name: string): InventoryCategory => {
    let found = categories.get(name);
    if (!found) {
      const declared = declaration?.categories.find((c) => c.name === name);
      const builtIn = BUILT_IN_CATEGORIES[name];
      found = {
        name,
        label: declared?.label ?? builtIn?.label ?? name,
        description: declared?.description || builtIn?.description || '',
        required: declared?.required ?? builtIn?.required ?? false,
        services: [],
      };
      categories.set(name, found);
    }
    return found;
  };
  category('necessary');
  const items = new Map<string, InventoryItem>();
  const add = (
    phase: PhaseName,
    kind: InventoryItem['kind'],
    name: string,
    c: Classification,
    seen: Omit<InventoryItem, 'kind' | 'name' | 'matcher' | 'purpose' | 'duration' | 'phases'>,
    observed: string,
  ) => {
    const key = `${kind}\u0000${JSON.stringify(c.matcher)}\u0000${c.category}\u0000${c.service ?? seen.setBy ?? ''}`;
    const existing = items.get(key);
    if (existing) {
      if (!existing.phases.includes(phase)) existing.phases.push(phase);
      return;
    }
    const item: InventoryItem = {
      kind,
      name,
      matcher: c.matcher,
      purpose: c.purpose,
      duration: observed,
      phases: [phase],
      ...seen,
    };
    items.set(key, item);
    const serviceName = c.service ?? unknownServiceName(seen.setBy);
    const cat = category(c.category);
    let service = cat.services.find((s) => s.name === serviceName);
    if (!service) {
      service = {
        name: serviceName,
        provider: c.provider,
        // The site's own words for the service; a database knows only its items' purposes.
        purpose:
          c.source === 'none'
            ? `TODO: what does this do? Seen ${seen.setBy ? `set by ${seen.setBy}` : 'with no known writer'}.`
            : c.source === 'site'
              ? c.servicePurpose
              : c.purpose,
        items: [],
      };
      cat.services.push(service);
    }
    service.items.push(item);
  };
  const scannedAt = Date.parse(report.scannedAt);
  for (const phase of PHASES) {
    for (const cookie of report.phases[phase].cookies) {
      const c = classifier.cookie(cookie.name, cookie.setBy, cookie.domain);
      add(
        phase,
        'cookie',
        cookie.name,
        c,
        { domain: cookie.domain, setBy: cookie.setBy, via: cookie.via },
        lifetime(cookie.expires, result.cookiesReadAt?.[phase] ?? scannedAt),
      );
    }
    for (const entry of report.phases[phase].storage) {
      const c = classifier.storage(entry.area, entry.key, entry.setBy);
      const observed = entry.area === 'sessionStorage' ? 'session (until the tab closes)' : 'until deleted';
      add(phase, entry.area, entry.key, c, { setBy: entry.setBy, via: entry.via }, observed);
    }
  }
  const rank = (name: string) => (name === UNCLASSIFIED ? 1000 : ORDER.includes(name) ? ORDER.indexOf(name) : 100);
  return [...categories.values()].sort((a, b) => rank(a.name) - rank(b.name));
}

/** A service name for unclassified items: the host of the script that wrote them. */
function unknownServiceName(setBy: string | null): string {
  if (!setBy) return 'Unknown';
  try {
    return `Unknown (${new URL(setBy).host})`;
  } catch {
    return 'Unknown';
  }
}
