/**
 * The gate `init()` and `initHeadless()` return where there is no `document`
 * (a server render): no decision, nothing stored, sent, defined or drawn.
 * @packageDocumentation
 */
import { resolveConfig } from './core/config.js';
import type { ConsentGateConfig } from './core/config-types.js';
import type { ConsentGate } from './gate.js';
import type { GateCore } from './headless-gate.js';

/** The public members of a class. */
type Public<T> = { [K in keyof T]: T[K] };

/** Whether this is a browser page, where a gate can run. */
export function hasDocument(): boolean {
  return typeof document !== 'undefined';
}

/**
 * A gate that does nothing, for a server render: `getConsent()` is `null`
 * (the "no decision" a first visit shows), `hasConsent()` is true only for
 * required categories, every other method does nothing. `config` is resolved
 * as in the browser (mistakes are reported the same way), without
 * `cookieDomain`, which needs the page's host to be checked.
 */
export function serverGate<G extends GateCore>(config: ConsentGateConfig): G {
  const resolved = resolveConfig({ ...config, cookieDomain: undefined });
  const nothing = () => {};
  const gate: Public<ConsentGate> = {
    config: resolved,
    getConsent: () => null,
    hasConsent: (category) => resolved.categories.some((c) => c.name === category && c.required),
    acceptAll: nothing,
    rejectAll: nothing,
    setConsent: nothing,
    reset: nothing,
    track: nothing,
    trackPageview: nothing,
    on: nothing,
    off: nothing,
    destroy: nothing,
    showBanner: nothing,
    showPreferences: nothing,
    hidePreferences: nothing,
  };
  // Its public members are ConsentGate's (and so HeadlessGate's); only the private ones, which no caller sees, are missing.
  return gate as unknown as G;
}
