/**
 * consent-gate.config.json: a consent-gate configuration, pasteable into the
 * site's `<script type="application/json" id="consent-gate-config">`.
 * @packageDocumentation
 */
import { UNCLASSIFIED } from '../classify.js';
import type { InventoryCategory, InventoryItem } from './inventory.js';

/** A cookie or storage declaration of the configuration. */
export type Matcher = ({ name: string } | { pattern: string }) & { duration?: string; purpose?: string };

/** The configuration written (only the keys the scanner can know). */
export interface GeneratedConfig {
  /** The site's consent cookie name, when it is not the default. */
  cookieName?: string;
  /** Categories → services → cookies and storage. */
  categories: Record<
    string,
    {
      label: string;
      description: string;
      required?: boolean;
      services: Array<{ name: string; provider?: string; purpose?: string; cookies?: Matcher[]; storage?: Matcher[] }>;
    }
  >;
}

/**
 * The configuration for `inventory`. IndexedDB databases are left out
 * (consent-gate declares and deletes cookies and Web Storage keys only), and
 * so are services that have nothing else; they are in the declaration.
 */
export function buildConfig(inventory: InventoryCategory[], cookieName = 'cg_consent'): GeneratedConfig {
  const config: GeneratedConfig = { categories: {} };
  if (cookieName !== 'cg_consent') config.cookieName = cookieName;
  for (const category of inventory) {
    const services = category.services.flatMap((service) => {
      const cookies = declarations(service.items.filter((i) => i.kind === 'cookie'));
      const storage = declarations(service.items.filter((i) => i.kind === 'localStorage' || i.kind === 'sessionStorage'));
      if (!cookies.length && !storage.length) return [];
      return [
        {
          name: service.name,
          ...(service.provider ? { provider: service.provider } : {}),
          ...(service.purpose ? { purpose: service.purpose } : {}),
          ...(cookies.length ? { cookies } : {}),
          ...(storage.length ? { storage } : {}),
        },
      ];
    });
    // A category the site needs is kept even when empty; an empty "unclassified" would only be noise.
    if (category.name === UNCLASSIFIED && !services.length) continue;
    config.categories[category.name] = {
      label: category.label,
      description: category.description,
      ...(category.required ? { required: true } : {}),
      services,
    };
  }
  return config;
}

function declarations(items: InventoryItem[]): Matcher[] {
  const seen = new Set<string>();
  const result: Matcher[] = [];
  for (const item of items) {
    const key = JSON.stringify(item.matcher);
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ ...item.matcher, duration: item.duration, ...(item.purpose ? { purpose: item.purpose } : {}) });
  }
  return result;
}
