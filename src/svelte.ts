/**
 * `consent-gate/svelte`: the visitor's decision as readable stores, and the
 * two elements' template types (`svelte/elements`), which svelte-check checks.
 *
 * @example
 * ```svelte
 * <script>
 *   import { hasConsentStore } from 'consent-gate/svelte';
 *   import { gate } from './consent'; // init() once, in the browser
 *   const analytics = hasConsentStore(gate, 'analytics');
 * </script>
 * {#if $analytics}<Chart />{:else}<p>Analytics are off.</p>{/if}
 * ```
 * @packageDocumentation
 */
import type { HTMLAttributes as SvelteHTMLAttributes } from 'svelte/elements';
import { readable, type Readable } from 'svelte/store';
import { watchConsent, type ConsentSource } from './consent-source.js';
import type { ConsentState } from './core/types.js';
import type { ConsentBanner } from './ui/banner.js';
import type { ConsentPreferences } from './ui/preferences.js';
import type { ConsentBannerTemplateProps, ConsentPreferencesTemplateProps } from './ui/template-props.js';

export type { ConsentSource } from './consent-source.js';
export type { ConsentState } from './core/types.js';
export type { ConsentBannerTemplateProps, ConsentPreferencesTemplateProps } from './ui/template-props.js';

/** A store of `read(gate)`, read again on every change while it has subscribers; `fallback` without a gate. */
function follow<T>(gate: ConsentSource | null | undefined, read: (gate: ConsentSource) => T, fallback: T): Readable<T> {
  return readable(gate ? read(gate) : fallback, (set) => {
    if (!gate) return;
    set(read(gate));
    return watchConsent(gate, () => set(read(gate)));
  });
}

/** The visitor's decision, or `null` until they chose (and on the server, where `gate` may be `null`). */
export function consentStore(gate: ConsentSource | null | undefined): Readable<ConsentState | null> {
  return follow(gate, (source) => source.getConsent(), null);
}

/** Whether `category` is granted; `false` where there is no gate. */
export function hasConsentStore(gate: ConsentSource | null | undefined, category: string): Readable<boolean> {
  return follow(gate, (source) => source.hasConsent(category), false);
}

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    /** The first-layer notice; `init()` draws it, so templates seldom name it. */
    'consent-banner': SvelteHTMLAttributes<ConsentBanner> & ConsentBannerTemplateProps;
    /** The preferences dialog. */
    'consent-preferences': SvelteHTMLAttributes<ConsentPreferences> & ConsentPreferencesTemplateProps;
  }
}
