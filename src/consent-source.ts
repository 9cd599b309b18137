/**
 * What the framework entries (`consent-gate/react`, `/vue`, `/svelte`) need of
 * a gate, and how they follow it. Types and one helper only: no DOM, no Lit.
 * @packageDocumentation
 */
import type { ConsentState } from './core/types.js';

/**
 * The part of a gate the framework entries read: `init()`'s `ConsentGate`,
 * `initHeadless()`'s `HeadlessGate` and the no-op gate either returns on a
 * server all have it.
 */
export interface ConsentSource {
  /** The visitor's decision, or `null` until they chose. */
  getConsent(): ConsentState | null;
  /** Whether `category` is granted (required categories always are). */
  hasConsent(category: string): boolean;
  /** Listens to a change of the decision. */
  on(name: 'change', listener: (state: ConsentState | null) => void): void;
  /** Stops listening. */
  off(name: 'change', listener: (state: ConsentState | null) => void): void;
}

/** Calls `onChange` on every change of `source`'s decision until the returned function is called. */
export function watchConsent(source: ConsentSource, onChange: () => void): () => void {
  // A listener of our own, so that the same `onChange` given twice is still removed once per call.
  const listener = () => onChange();
  source.on('change', listener);
  return () => source.off('change', listener);
}
