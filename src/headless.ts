/**
 * consent-gate without UI: `import { initHeadless } from 'consent-gate/headless'`.
 * For sites that draw their own banner; the decision, its storage, the other
 * tabs and the features that follow it (the analytics tracker among them)
 * work as with `init`. Importing reads no cookie; `initHeadless` does.
 * @packageDocumentation
 */
import type { ConsentGateConfig } from './core/config-types.js';
import { HeadlessGate } from './headless-gate.js';
import { hasDocument, serverGate } from './server-gate.js';

export { HeadlessGate, CHANGE_EVENT, READY_EVENT, type ConsentGateEvents } from './headless-gate.js';
export type { ConsentMethod, ConsentState } from './core/types.js';
export type { ConsentGateConfig, ResolvedConfig } from './core/config-types.js';
export type { EventProps } from './tracker/event.js';

/**
 * Starts consent-gate without any element: validates `config`, reads the
 * stored decision and starts the features that follow it. Draw your own
 * banner and call `acceptAll()`, `rejectAll()` or `setConsent()`. On a
 * server (no `document`) it returns a gate that does nothing.
 *
 * @example
 * ```ts
 * const gate = initHeadless({ collector: 'https://stats.example.com' });
 * if (!gate.getConsent()) showMyBanner({ onAccept: () => gate.acceptAll(), onReject: () => gate.rejectAll() });
 * ```
 */
export function initHeadless(config: ConsentGateConfig = {}): HeadlessGate {
  if (!hasDocument()) return serverGate(config);
  return new HeadlessGate(config);
}
