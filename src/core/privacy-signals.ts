/**
 * Browser privacy signals: Global Privacy Control and Do Not Track. Without a
 * stored choice, a signal counts as refusal of every non-required category for
 * the page's life; nothing is stored, so an explicit choice can still override it.
 * @packageDocumentation
 */
import type { ResolvedConfig } from './config-types.js';
import { normaliseChoices } from './consent-codec.js';
import { randomId, type ConsentStore } from './consent-store.js';

/** Whether the browser sends Global Privacy Control (`navigator.globalPrivacyControl`) or Do Not Track (`'1'`). */
export function hasPrivacySignal(): boolean {
  const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
  return nav.globalPrivacyControl === true || nav.doNotTrack === '1' || (window as { doNotTrack?: string }).doNotTrack === '1';
}

/**
 * Reads the stored decision; without one, and with `respectGpc` and a privacy
 * signal, assumes (without storing) a `gpc` refusal. A `gpc` decision already in
 * force is kept as it is. Returns whether the decision changed.
 */
export function loadDecision(store: ConsentStore, config: ResolvedConfig): boolean {
  const assumed = store.state?.method === 'gpc' ? store.state : null;
  const changed = store.load();
  if (store.state || !config.respectGpc || !(assumed || hasPrivacySignal())) return changed;
  store.assume(
    assumed ?? {
      id: randomId(),
      revision: config.revision,
      timestamp: new Date().toISOString(),
      method: 'gpc',
      categories: normaliseChoices(config.categories, {}),
    },
  );
  return !assumed;
}
