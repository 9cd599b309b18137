/**
 * `consent-gate/vue`: the visitor's decision as reactive state, the
 * `isCustomElement` recipe that tells Vue's template compiler the two
 * elements are custom elements, and their template types (`GlobalComponents`),
 * which vue-tsc checks.
 *
 * @example
 * ```ts
 * // main.ts
 * const gate = init({ policyUrl: '/privacy' });
 * createApp(App).provide(CONSENT_GATE, gate).mount('#app');
 * // a component's <script setup>
 * const { consent, hasConsent } = useConsent();
 * const analytics = hasConsent('analytics');
 * ```
 * @packageDocumentation
 */
import { computed, getCurrentScope, hasInjectionContext, inject, onScopeDispose, shallowReadonly, shallowRef } from 'vue';
import type { ComputedRef, HTMLAttributes, InjectionKey, PublicProps, ShallowRef } from 'vue';
import { watchConsent, type ConsentSource } from './consent-source.js';
import type { ConsentState } from './core/types.js';
import type { ConsentBanner } from './ui/banner.js';
import type { ConsentPreferences } from './ui/preferences.js';
import type { ConsentBannerTemplateProps, ConsentPreferencesTemplateProps } from './ui/template-props.js';

export type { ConsentSource } from './consent-source.js';
export type { ConsentState } from './core/types.js';
export type { ConsentBannerTemplateProps, ConsentPreferencesTemplateProps } from './ui/template-props.js';

/** The key under which `app.provide(CONSENT_GATE, gate)` makes a gate the default of {@link useConsent}. */
export const CONSENT_GATE: InjectionKey<ConsentSource> = Symbol('consent-gate');

/** What {@link useConsent} returns. */
export interface UseConsent {
  /** The visitor's decision, or `null` until they chose (and on the server). */
  consent: Readonly<ShallowRef<ConsentState | null>>;
  /** Whether `category` is granted, as a computed ref; `false` where there is no gate. */
  hasConsent(category: string): ComputedRef<boolean>;
}

/**
 * Follows `gate`'s decision (by default the one provided under
 * {@link CONSENT_GATE}) until the calling component or effect scope is disposed.
 */
export function useConsent(gate?: ConsentSource | null): UseConsent {
  const source = gate ?? (hasInjectionContext() ? inject(CONSENT_GATE, null) : null);
  const consent = shallowRef(source?.getConsent() ?? null);
  if (source && getCurrentScope()) onScopeDispose(watchConsent(source, () => (consent.value = source.getConsent())));
  return {
    consent: shallowReadonly(consent),
    // Reading `consent` makes the computed ref follow the decision; hasConsent() also knows the required categories.
    hasConsent: (category) => computed(() => consent.value !== undefined && (source?.hasConsent(category) ?? false)),
  };
}

/**
 * `true` for `consent-banner` and `consent-preferences`: give it to Vue's
 * compiler so that it leaves them to the browser, e.g. with Vite:
 * `vue({ template: { compilerOptions: { isCustomElement: isConsentGateElement } } })`.
 */
export function isConsentGateElement(tag: string): boolean {
  return tag === 'consent-banner' || tag === 'consent-preferences';
}

/**
 * A custom element as Vue's template type checker (vue-tsc, Vue - Official)
 * sees a component: `$props` lists what a template may set (HTML attributes,
 * Vue's own such as `key` and `ref`, and the element's `Props`). These members
 * exist only in the types, never on the element.
 */
export type CustomElementComponent<E extends HTMLElement, Props extends object> = new () => E & {
  /** @deprecated Template type checking only: no such property on the element. */
  $props: HTMLAttributes & PublicProps & Props;
};

declare module 'vue' {
  interface GlobalComponents {
    /** The first-layer notice; `init()` draws it, so templates seldom name it. */
    'consent-banner': CustomElementComponent<ConsentBanner, ConsentBannerTemplateProps>;
    /** The preferences dialog. */
    'consent-preferences': CustomElementComponent<ConsentPreferences, ConsentPreferencesTemplateProps>;
  }
}
