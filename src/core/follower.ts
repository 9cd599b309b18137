/**
 * The contract between the consent store and the features that act on the
 * decision (gating, Google Consent Mode, the tracker).
 * @packageDocumentation
 */
import type { ConsentState } from './types.js';

/**
 * A feature that follows the visitor's decision. `update` is called once when
 * the page is ready (with the stored decision, possibly `null`) and after
 * every change: a choice in this tab, a change in another tab, a
 * back/forward-cache restore, or `reset()` (then `state` is `null`). It must
 * act at once and never throw.
 */
export interface ConsentFollower {
  /** Brings the feature in line with `state`; `previous` is the decision it replaces. */
  update(state: ConsentState | null, previous: ConsentState | null): void;
  /** Stops the feature: removes listeners and observers (the page stays as it is). */
  destroy(): void;
}
