/**
 * `consent-gate/react`: the visitor's decision as React state, and JSX types
 * for `<consent-banner>` and `<consent-preferences>`. Built on
 * `useSyncExternalStore`: a server render (and the hydration that follows it)
 * sees "no decision", then the browser's stored one.
 *
 * @example
 * ```tsx
 * const gate = init({ policyUrl: '/privacy' }); // once, in the browser
 * root.render(<ConsentGateProvider gate={gate}><App /></ConsentGateProvider>);
 * function Stats() {
 *   return useHasConsent('analytics') ? <Chart /> : <p>Analytics are off.</p>;
 * }
 * ```
 * @packageDocumentation
 */
import { createContext, createElement, useCallback, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import { watchConsent, type ConsentSource } from './consent-source.js';
import type { ConsentState } from './core/types.js';
import type { ConsentBanner } from './ui/banner.js';
import type { ConsentPreferences } from './ui/preferences.js';

export type { ConsentSource } from './consent-source.js';
export type { ConsentState } from './core/types.js';

const GateContext = createContext<ConsentSource | null>(null);

/** Props of {@link ConsentGateProvider}. */
export interface ConsentGateProviderProps {
  /** The gate from `init()` or `initHeadless()`; `null` where there is none (a server render). */
  gate: ConsentSource | null;
  /** The part of the app that reads the decision. */
  children?: ReactNode;
}

/** Makes `gate` the one that {@link useConsent} and {@link useHasConsent} read below it. */
export function ConsentGateProvider({ gate, children }: ConsentGateProviderProps): ReactNode {
  return createElement(GateContext.Provider, { value: gate }, children);
}

/** The unsubscribe function where there is no gate to watch. */
const nothingToStop = () => {};
/** `getConsent()` returns a fresh copy each time; React needs the same object while nothing changed. */
const snapshots = new WeakMap<ConsentSource, ConsentState | null>();

function snapshot(source: ConsentSource): ConsentState | null {
  const state = source.getConsent();
  const cached = snapshots.get(source);
  if (cached !== undefined && JSON.stringify(cached) === JSON.stringify(state)) return cached;
  snapshots.set(source, state);
  return state;
}

/** `gate`, else the provider's. */
function useSource(gate: ConsentSource | null | undefined): ConsentSource | null {
  const provided = useContext(GateContext);
  return gate ?? provided;
}

function useWatch(source: ConsentSource | null) {
  return useCallback((onChange: () => void) => (source ? watchConsent(source, onChange) : nothingToStop), [source]);
}

/**
 * The visitor's decision, or `null` until they chose (and always `null` on
 * the server and during hydration). Re-renders on every change.
 * @param gate - the gate to read; by default the {@link ConsentGateProvider}'s.
 */
export function useConsent(gate?: ConsentSource | null): ConsentState | null {
  const source = useSource(gate);
  return useSyncExternalStore(
    useWatch(source),
    () => (source ? snapshot(source) : null),
    () => null,
  );
}

/**
 * Whether `category` is granted; `false` on the server and during hydration.
 * Re-renders when it changes.
 * @param gate - the gate to read; by default the {@link ConsentGateProvider}'s.
 */
export function useHasConsent(category: string, gate?: ConsentSource | null): boolean {
  const source = useSource(gate);
  return useSyncExternalStore(
    useWatch(source),
    () => source?.hasConsent(category) ?? false,
    () => false,
  );
}

/** JSX props of a custom element: the HTML attributes, and its own properties. */
export type ElementProps<E extends HTMLElement, P extends keyof E> = DetailedHTMLProps<HTMLAttributes<E>, E> & Partial<Pick<E, P>>;

/** JSX props of `<consent-banner>` (React 19 sets them as properties). */
export type ConsentBannerProps = ElementProps<ConsentBanner, 'mode' | 'layout' | 'theme' | 'texts' | 'policyUrl'> & {
  'policy-url'?: string;
};

/** JSX props of `<consent-preferences>` (React 19 sets them as properties). */
export type ConsentPreferencesProps = ElementProps<
  ConsentPreferences,
  'open' | 'theme' | 'texts' | 'categories' | 'choices' | 'policyUrl' | 'dataActions' | 'dataMessage'
> & { 'policy-url'?: string };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX types live in this namespace.
  namespace JSX {
    interface IntrinsicElements {
      'consent-banner': ConsentBannerProps;
      'consent-preferences': ConsentPreferencesProps;
    }
  }
}
