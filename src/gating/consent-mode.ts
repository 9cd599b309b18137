/**
 * Google Consent Mode v2: `gtag('consent', 'default', …)` with every type
 * denied as soon as the gate is constructed, then `gtag('consent', 'update', …)`
 * for every decision (choices, a stored choice on load, GPC, other tabs, reset).
 * @packageDocumentation
 */
import type { ResolvedConfig } from '../core/config-types.js';
import type { ConsentFollower } from '../core/follower.js';
import type { ConsentState } from '../core/types.js';

declare global {
  interface Window {
    /** Google's command queue, read by gtag.js and Google Tag Manager. */
    dataLayer?: unknown[];
  }
}

/** Which Consent Mode types each category grants (see `consentModeMap`). */
export const DEFAULT_CONSENT_MODE_MAP: Record<string, string[]> = {
  analytics: ['analytics_storage'],
  marketing: ['ad_storage', 'ad_user_data', 'ad_personalization'],
};

/** How long (ms) Google tags wait for the first update before firing with the defaults. */
const WAIT_FOR_UPDATE = 500;

// gtag.js and GTM act only on `arguments` objects: an array pushed to dataLayer is ignored for consent commands.
function gtag(_command: string, _action: string, _params: object): void {
  // eslint-disable-next-line prefer-rest-params
  (window.dataLayer ??= []).push(arguments);
}

/**
 * Pushes the Consent Mode default at once and returns the follower that pushes
 * the updates. A type is granted when every category mapped to it is granted;
 * types of the map that no category grants stay denied. Warns when Google tags
 * were configured before the default (the default must come first).
 */
export function startConsentMode(config: ResolvedConfig): ConsentFollower {
  const map = config.consentModeMap ?? DEFAULT_CONSENT_MODE_MAP;
  const types = new Set([...Object.values(DEFAULT_CONSENT_MODE_MAP), ...Object.values(map)].flat());
  const consent = (granted: (type: string) => boolean) =>
    Object.fromEntries([...types].map((type) => [type, granted(type) ? 'granted' : 'denied']));
  const early = (entry: unknown) => {
    const command = (entry as ArrayLike<unknown> | null)?.[0];
    return command === 'js' || command === 'config' || (entry as { event?: unknown } | null)?.event === 'gtm.js';
  };
  if (window.dataLayer?.some(early)) {
    console.warn('consent-gate: Google tags were configured before the Consent Mode default; load consent-gate first.');
  }
  gtag('consent', 'default', { ...consent(() => false), wait_for_update: WAIT_FOR_UPDATE });
  let last = 'null';
  return {
    update(state: ConsentState | null) {
      // The first update may come twice (constructor, then page ready) with the same decision.
      if (JSON.stringify(state) === last) return;
      last = JSON.stringify(state);
      const categories = Object.entries(map);
      gtag(
        'consent',
        'update',
        consent((type) => {
          const mapped = categories.filter(([, list]) => list.includes(type));
          return mapped.length > 0 && mapped.every(([name]) => state?.categories[name] === true);
        }),
      );
    },
    destroy() {},
  };
}
