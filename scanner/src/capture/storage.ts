/**
 * The storage of a phase: `localStorage` and `sessionStorage` keys and
 * IndexedDB database names of each visited page's origin, each with its writer.
 * @packageDocumentation
 */
import type { Page } from 'playwright-core';
import type { StorageArea, StorageItem } from '../types.js';
import type { NetworkRecorder } from './requests.js';
import type { WriteLog } from './write-log.js';

/** A storage item before classification. */
export type SeenStorage = Omit<StorageItem, 'category' | 'service'>;

// A string, not a function: the page cannot be handed code that a TypeScript loader rewrote.
const READ_STORAGE = `(async () => {
  const keys = (area) => { try { const s = window[area]; const out = []; for (let i = 0; i < s.length; i++) out.push(s.key(i)); return out; } catch { return []; } };
  let databases = [];
  try { databases = (await Promise.race([indexedDB.databases(), new Promise((r) => setTimeout(() => r([]), 2000))])).map((d) => d.name).filter(Boolean); } catch {}
  return { localStorage: keys('localStorage'), sessionStorage: keys('sessionStorage'), indexedDB: databases };
})()`;

/** Reads the current page's storage keys into `into` (keyed by area and key, so visits add up). */
export async function readStorage(page: Page, into: Map<string, { area: StorageArea; key: string }>): Promise<void> {
  const found = (await page.evaluate(READ_STORAGE).catch(() => null)) as Record<StorageArea, string[]> | null;
  if (!found) return;
  for (const area of ['localStorage', 'sessionStorage', 'indexedDB'] as const) {
    for (const key of found[area] ?? []) {
      if (typeof key === 'string') into.set(`${area}\u0000${key}`, { area, key });
    }
  }
}

/** The items read with {@link readStorage}, attributed, sorted by area and key. */
export function attributeStorage(
  items: Map<string, { area: StorageArea; key: string }>,
  log: WriteLog,
  network: NetworkRecorder,
): SeenStorage[] {
  return [...items.values()]
    .map(({ area, key }) => ({ area, key, ...log.storageWriter(area, key, network) }))
    .sort((a, b) => a.area.localeCompare(b.area) || a.key.localeCompare(b.key));
}
