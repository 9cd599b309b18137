/**
 * `consent-gate/protocol`: what the browser SDK and a server speak — the
 * consent record and its stored encoding, the analytics event, and the limits
 * both sides enforce. No DOM, no Lit, no runtime dependencies: the collector
 * (`consent-gate-collector`) imports it, and so can any other server.
 * @packageDocumentation
 */

export type { ConsentMethod, ConsentState, EventProps, Page, WireEvent } from './core/types.js';
export { MAX_EXPIRES_DAYS, MAX_REVISION, NAME_PATTERN } from './core/limits.js';
export { CONSENT_METHODS, SCHEMA_VERSION, encodeConsent } from './core/consent-codec.js';
