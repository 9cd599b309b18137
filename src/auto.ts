/**
 * The script-tag build (`dist/consent-gate.min.js`): configures itself from
 * its own `data-*` attributes and the `#consent-gate-config` JSON block,
 * starts, and exposes the instance as `window.ConsentGate`.
 * @packageDocumentation
 */
import { readScriptConfig } from './core/script-config.js';
import { ConsentGate } from './gate.js';

declare global {
  interface Window {
    /** The instance started by the script-tag build. */
    ConsentGate?: ConsentGate;
  }
}

const loader =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[src*="consent-gate"][src$=".js"]');

try {
  // The built-in translations are published next to this file (i18n/<lang>.json).
  const localesUrl = loader?.src ? new URL('i18n/', loader.src) : undefined;
  window.ConsentGate = new ConsentGate(readScriptConfig(loader, document), localesUrl ? { localesUrl } : {});
} catch (error) {
  console.error('consent-gate: could not start', error);
}
