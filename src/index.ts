/**
 * consent-gate for ES modules: `import { init } from 'consent-gate'`.
 * Importing defines no element and reads no cookie; `init` does both.
 * @packageDocumentation
 */
import type { ConsentGateConfig } from './core/config-types.js';
import { ConsentGate } from './gate.js';
import { hasDocument, serverGate } from './server-gate.js';
import { importLanguage } from './ui/language-modules.js';

export { ConsentGate, CHANGE_EVENT, OPEN_SELECTOR, READY_EVENT, type ConsentGateEvents, type ConsentGateOptions } from './gate.js';
export type { LanguageLoader } from './ui/locale.js';
export type { ConsentMethod, ConsentState } from './core/types.js';
export type {
  Category,
  CategoryOptions,
  ConsentGateConfig,
  CookieDeclaration,
  CookieMatcher,
  ResolvedConfig,
  ServiceDeclaration,
  TextOverrides,
} from './core/config-types.js';

/**
 * Starts consent-gate: validates `config` (each mistake is one `console.error`
 * naming the key, replaced by its safe default), reads the stored decision,
 * defines the elements and shows the banner when no decision exists.
 * On a server (no `document`) it returns a gate that does nothing: no
 * decision, nothing stored or sent (see the Frameworks guide, SSR notes).
 *
 * @example
 * ```ts
 * const gate = init({ collector: 'https://stats.example.com', policyUrl: '/privacy' });
 * gate.on('change', (state) => console.log(state?.categories));
 * ```
 */
export function init(config: ConsentGateConfig = {}): ConsentGate {
  if (!hasDocument()) return serverGate(config);
  // Each built-in language is an import() that a bundler splits into a chunk of its own, loaded only when needed.
  return new ConsentGate(config, { loadLanguage: importLanguage });
}
