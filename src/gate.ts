/**
 * The consent-gate instance: ties the consent store to the elements, the
 * page's `data-consent-open` links, the DOM events and the other tabs.
 * @packageDocumentation
 */
import { resolveConfig } from './core/config.js';
import type { ConsentGateConfig, ResolvedConfig } from './core/config-types.js';
import { createConsentStorage } from './core/consent-storage.js';
import { ConsentStore } from './core/consent-store.js';
import { Emitter, type Listener } from './core/emitter.js';
import type { ConsentFollower } from './core/follower.js';
import { startTabSync, type TabSync } from './core/tab-sync.js';
import type { ConsentMethod, ConsentState } from './core/types.js';
import type { ConsentBanner } from './ui/banner.js';
import { defineElements } from './ui/define.js';
import type { ConsentPreferences } from './ui/preferences.js';
import { REQUEST_EVENT, type RequestDetail } from './ui/request-event.js';
import { resolveLanguage, resolveTexts, type Texts } from './ui/texts.js';

/** Events of {@link ConsentGate.on}: `change` carries the new state (`null` after `reset()`), `ready` the loaded one. */
export interface ConsentGateEvents extends Record<string, unknown> {
  change: ConsentState | null;
  ready: ConsentState | null;
}

/** DOM event fired on `document` once the instance is set up; `detail` is the stored state or `null`. */
export const READY_EVENT = 'consent-gate:ready';
/** DOM event fired on `document` on every change of the decision; `detail` is the new state (`null` after `reset()`). */
export const CHANGE_EVENT = 'consent-gate:change';

/** The selector of page elements that open the preferences dialog, e.g. a footer "Cookie settings" link. */
export const OPEN_SELECTOR = '[data-consent-open]';

/**
 * A running consent-gate. Create it with `init(config)`; every method is safe
 * to call at any time and never throws into the host page.
 */
export class ConsentGate {
  /** The validated configuration. */
  readonly config: ResolvedConfig;
  private readonly _store: ConsentStore;
  private readonly _emitter = new Emitter<ConsentGateEvents>();
  private readonly _sync: TabSync;
  private readonly _texts: Texts;
  private _banner: ConsentBanner | null = null;
  private _preferences: ConsentPreferences | null = null;
  private _destroyed = false;
  /** Features acting on the decision, updated in order on every change (see {@link ConsentFollower}). */
  private readonly _followers: ConsentFollower[] = [];
  /** The decision the followers last saw. */
  private _followed: ConsentState | null = null;

  /** Prefer `init(config)`, which also reports configuration errors. */
  constructor(config: ConsentGateConfig = {}) {
    this.config = resolveConfig(config);
    this._store = new ConsentStore(this.config, createConsentStorage({ name: this.config.cookieName, domain: this.config.cookieDomain }));
    this._store.load();
    this._texts = resolveTexts(this.config.texts, resolveLanguage(this.config.language));
    this._sync = startTabSync(`consent-gate:${this.config.cookieName}`, () => this._reload());
    document.addEventListener('click', this._onDocumentClick);
    try {
      defineElements();
    } catch (error) {
      console.error('consent-gate: custom elements are unavailable; the decision API still works.', error);
    }
    whenBodyReady(() => {
      if (this._destroyed) return;
      this._mountBanner();
      this._updateFollowers();
      queueMicrotask(() => this._announce(READY_EVENT, 'ready', this.getConsent()));
    });
  }

  /** The visitor's decision, or `null` until they chose. */
  getConsent(): ConsentState | null {
    const state = this._store.state;
    return state && { ...state, categories: { ...state.categories } };
  }

  /** Whether `category` is granted (required categories always are). */
  hasConsent(category: string): boolean {
    return this._store.state?.categories[category] === true || this.config.categories.some((c) => c.name === category && c.required);
  }

  /** Grants every category. */
  acceptAll(): void {
    this._decide(Object.fromEntries(this.config.categories.map((c) => [c.name, true])), 'accept-all');
  }

  /** Refuses every category that is not required. */
  rejectAll(): void {
    this._decide(Object.fromEntries(this.config.categories.map((c) => [c.name, false])), 'reject-all');
  }

  /** Changes some categories, keeping the others as they are. */
  setConsent(choices: Record<string, boolean>): void {
    const known = Object.fromEntries(
      Object.entries(choices ?? {}).filter(([name, granted]) => typeof granted === 'boolean' && this.config.categories.some((c) => c.name === name)),
    );
    this._decide(known, 'custom');
  }

  /** Shows the first-layer notice (again). */
  showBanner(): void {
    this._mountBanner(true);
  }

  /** Opens the preferences dialog; focus returns to the current element when it closes. */
  showPreferences(): void {
    whenBodyReady(() => {
      if (this._destroyed) return;
      const dialog = (this._preferences ??= this._createPreferences());
      dialog.choices = { ...Object.fromEntries(this.config.categories.map((c) => [c.name, c.required])), ...this._store.state?.categories };
      dialog.open = true;
    });
  }

  /** Closes the preferences dialog. */
  hidePreferences(): void {
    if (this._preferences) this._preferences.open = false;
  }

  /** Forgets the decision (cookie and mirror) and shows the banner again. */
  reset(): void {
    this._store.clear();
    this._sync.announce();
    this._announce(CHANGE_EVENT, 'change', null);
    this._mountBanner();
  }

  /** Records a custom analytics event (sent only with `analytics` granted; see the tracker). */
  track(_name: string, _props?: Record<string, string | number | boolean>): void {
    // The tracker arrives with the analytics feature; until then nothing is collected.
  }

  /** Records a page view (sent only with `analytics` granted; see the tracker). */
  trackPageview(_url?: string): void {
    // The tracker arrives with the analytics feature; until then nothing is collected.
  }

  /** Listens to `change` or `ready`. */
  on<K extends keyof ConsentGateEvents>(name: K, listener: Listener<ConsentGateEvents[K]>): void {
    this._emitter.on(name, listener);
  }

  /** Stops listening. */
  off<K extends keyof ConsentGateEvents>(name: K, listener: Listener<ConsentGateEvents[K]>): void {
    this._emitter.off(name, listener);
  }

  /** Removes the elements and every listener (for single-page apps and tests). The stored decision stays. */
  destroy(): void {
    this._destroyed = true;
    this._sync.close();
    document.removeEventListener('click', this._onDocumentClick);
    this._banner?.remove();
    this._preferences?.remove();
    this._banner = this._preferences = null;
    this._emitter.clear();
    for (const follower of this._followers.splice(0)) attemptQuietly(() => follower.destroy());
  }

  private _decide(choices: Record<string, boolean>, method: ConsentMethod): void {
    if (this._destroyed) return;
    const state = this._store.decide(choices, method);
    this._sync.announce();
    this.hidePreferences();
    this._mountBanner();
    this._announce(CHANGE_EVENT, 'change', this.getConsent() ?? state);
  }

  /** Another tab changed the record, or the page came back from the back/forward cache. */
  private _reload(): void {
    if (this._destroyed || !this._store.load()) return;
    this.hidePreferences();
    this._mountBanner();
    this._announce(CHANGE_EVENT, 'change', this.getConsent());
  }

  /** Tells every follower about the current decision (and the one it replaces). */
  private _updateFollowers(): void {
    const state = this.getConsent();
    const previous = this._followed;
    this._followed = state;
    for (const follower of this._followers) attemptQuietly(() => follower.update(state, previous));
  }

  private _announce<K extends keyof ConsentGateEvents>(domEvent: string, name: K, detail: ConsentGateEvents[K]): void {
    if (name === 'change') this._updateFollowers();
    this._emitter.emit(name, detail);
    document.dispatchEvent(new CustomEvent(domEvent, { detail }));
  }

  /** Shows the notice when there is no decision (or when forced), otherwise the floating button or nothing. */
  private _mountBanner(force = false): void {
    if (this._destroyed || !document.body) return;
    const banner = (this._banner ??= this._createElement('consent-banner'));
    Object.assign(banner, { layout: this.config.layout, theme: this.config.theme, texts: this._texts, policyUrl: this.config.policyUrl });
    banner.mode = force || !this._store.state ? 'banner' : this.config.floatingButton ? 'floating' : 'hidden';
    // First in the document so keyboard and screen-reader users meet it first; it is fixed, so nothing moves.
    if (!banner.isConnected) document.body.prepend(banner);
  }

  private _createPreferences(): ConsentPreferences {
    const dialog = this._createElement('consent-preferences');
    Object.assign(dialog, { theme: this.config.theme, texts: this._texts, categories: this.config.categories, policyUrl: this.config.policyUrl });
    document.body.append(dialog);
    return dialog;
  }

  private _createElement<K extends 'consent-banner' | 'consent-preferences'>(tag: K): HTMLElementTagNameMap[K] {
    const element = document.createElement(tag);
    element.addEventListener(REQUEST_EVENT, this._onRequest);
    return element;
  }

  private _onRequest = (event: CustomEvent<RequestDetail>) => {
    const { action, choices } = event.detail;
    if (action === 'accept-all') this.acceptAll();
    else if (action === 'reject-all') this.rejectAll();
    else if (action === 'manage') this.showPreferences();
    else if (action === 'save') this._decide(choices ?? {}, 'custom');
  };

  private _onDocumentClick = (event: MouseEvent) => {
    const target = event.target;
    if (target instanceof Element && target.closest(OPEN_SELECTOR)) {
      event.preventDefault();
      this.showPreferences();
    }
  };
}

/** Runs `run`, reporting (not throwing) an error: one broken feature must not stop the others. */
function attemptQuietly(run: () => void): void {
  try {
    run();
  } catch (error) {
    console.error('consent-gate:', error);
  }
}

/** Runs `callback` now if `<body>` exists, else once the document is parsed. */
function whenBodyReady(callback: () => void): void {
  if (document.body) callback();
  else document.addEventListener('DOMContentLoaded', callback, { once: true });
}
