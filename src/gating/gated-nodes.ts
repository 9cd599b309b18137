/**
 * What counts as gated content in the page, shared by the gating code and its
 * stand-in.
 * @packageDocumentation
 */

/** The gated nodes: blocked scripts, templates and frames (found in document order). */
export const GATED_SELECTOR = 'script[type="text/plain"][data-consent],template[data-consent],iframe[data-consent][data-src]:not([src])';
