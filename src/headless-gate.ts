/**
 * The consent-gate instance without any UI: the decision, its storage, the
 * DOM events, the other tabs and the features that follow the decision
 * (gating, Consent Mode, the tracker). `ConsentGate` adds the elements.
 * @packageDocumentation
 */
import { resolveConfig } from './core/config.js';
import type { ConsentGateConfig, ResolvedConfig } from './core/config-types.js';
import { sendConsentRecord } from './core/consent-record.js';
import { createConsentStorage } from './core/consent-storage.js';
import { ConsentStore } from './core/consent-store.js';
import { loadDecision } from './core/privacy-signals.js';
import { Emitter, type Listener } from './core/emitter.js';
import type { ConsentFollower } from './core/follower.js';
import { startTabSync, type TabSync } from './core/tab-sync.js';
import type { ConsentMethod, ConsentState } from './core/types.js';
import { startConsentMode } from './gating/consent-mode.js';
import type { GatingOptions, GatingTexts } from './gating/gating.js';
import { LazyGating } from './gating/lazy-gating.js';
import { LazyTracker } from './tracker/lazy-tracker.js';

/** Events of `gate.on`: `change` carries the new state (`null` after `reset()`), `ready` the loaded one. */
export interface ConsentGateEvents extends Record<string, unknown> {
  change: ConsentState | null;
  ready: ConsentState | null;
}

/** DOM event fired on `document` once the instance is set up; `detail` is the stored state or `null`. */
export const READY_EVENT = 'consent-gate:ready';
/** DOM event fired on `document` on every change of the decision; `detail` is the new state (`null` after `reset()`). */
export const CHANGE_EVENT = 'consent-gate:change';

/** What gating is to a gate: a follower of the decision whose frame placeholders can be drawn again (the UI language loaded). */
export interface GatingFollower extends ConsentFollower {
  /** Draws the gated frames' placeholders again. */
  redrawPlaceholders(): void;
}

/** A gate's gating: `allow` grants one category as the visitor's explicit choice (a placeholder's button). */
export type GatingClass = new (config: ResolvedConfig, allow: (category: string) => void, options: GatingOptions) => GatingFollower;

/**
 * A running consent-gate without UI, and without its choice of gating code:
 * `HeadlessGate` fetches the whole gating code when a page first needs it
 * (the headless build stays small), `ConsentGate` carries what runs gated
 * scripts in its first file (a returning visitor fetches nothing more).
 * Every method is safe to call at any time and never throws into the page.
 */
export abstract class GateCore {
  /** The validated configuration. */
  readonly config: ResolvedConfig;
  protected readonly _store: ConsentStore;
  /** Analytics: page views, engagement, custom events, and the visitor's data at the collector. */
  protected readonly _tracker: LazyTracker;
  /** Scripts, templates and frames that wait for consent. */
  protected readonly _gating: GatingFollower;
  protected _destroyed = false;
  private readonly _emitter = new Emitter<ConsentGateEvents>();
  private readonly _sync: TabSync;
  /** Features acting on the decision, updated in order on every change (see {@link ConsentFollower}). */
  private readonly _followers: ConsentFollower[] = [];
  /** The decision the followers last saw; `undefined` until they first saw one (or its absence). */
  private _followed: ConsentState | null | undefined;

  /** A subclass starts the gate (`_start()`) once its own fields exist. */
  constructor(config: ConsentGateConfig, Gating: GatingClass) {
    this.config = resolveConfig(config);
    // Google tags must see the Consent Mode default before anything else happens.
    const consentMode = this.config.googleConsentMode ? startConsentMode(this.config) : null;
    this._store = new ConsentStore(this.config, createConsentStorage({ name: this.config.cookieName, domain: this.config.cookieDomain }));
    loadDecision(this._store, this.config);
    if (consentMode) {
      // A stored (or GPC) decision reaches Google tags at once, not only when the page is ready.
      consentMode.update(this._store.state, null);
      this._follow(consentMode);
    }
    this._gating = new Gating(this.config, (category) => this.setConsent({ [category]: true }), {
      texts: () => this._placeholderTexts(),
      label: (category) => this._categoryLabel(category),
    });
    this._follow(this._gating);
    this._sync = startTabSync(
      `consent-gate:${this.config.cookieName}`,
      () => this._reload(),
      this.config.cookieDomain && this.config.cookieName,
    );
    this._tracker = new LazyTracker(this.config);
    this._follow(this._tracker);
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

  /**
   * Changes some categories, keeping the others as they are; recorded as `custom`.
   * Names that are not configured categories, and values that are not booleans,
   * are reported and ignored; when nothing is left, nothing is decided.
   */
  setConsent(choices: Record<string, boolean>): void {
    const known: Record<string, boolean> = {};
    for (const [name, granted] of Object.entries(choices ?? {})) {
      const problem = !this.config.categories.some((c) => c.name === name)
        ? 'is not a configured category'
        : typeof granted !== 'boolean'
          ? 'must be true or false'
          : '';
      if (problem) console.error(`consent-gate: setConsent(): "${name}" ${problem}; ignored.`);
      else known[name] = granted;
    }
    if (Object.keys(known).length) this._decide(known, 'custom');
  }

  /** Forgets the decision: deletes the consent cookie, clears the refused categories' cookies and storage keys, and asks again. */
  reset(): void {
    this._store.clear();
    this._sync.announce();
    this._render();
    this._announce(CHANGE_EVENT, 'change', null);
  }

  /** Records a custom analytics event (sent only with `analytics` granted and a collector configured). */
  track(name: string, props?: Record<string, string | number | boolean>): void {
    this._tracker.track(name, props);
  }

  /** Records a page view (sent only with `analytics` granted and a collector configured). */
  trackPageview(url?: string): void {
    this._tracker.trackPageview(url);
  }

  /** Listens to `change` or `ready`. */
  on<K extends keyof ConsentGateEvents>(name: K, listener: Listener<ConsentGateEvents[K]>): void {
    this._emitter.on(name, listener);
  }

  /** Stops listening. */
  off<K extends keyof ConsentGateEvents>(name: K, listener: Listener<ConsentGateEvents[K]>): void {
    this._emitter.off(name, listener);
  }

  /** Removes every listener and stops the features (for single-page apps and tests). The stored decision stays. */
  destroy(): void {
    this._destroyed = true;
    this._sync.close();
    this._emitter.clear();
    for (const follower of this._followers.splice(0)) attemptQuietly(() => follower.destroy());
  }

  /**
   * Once `<body>` exists, and then when `schedule` runs it (at once by
   * default; `ConsentGate` lets the page paint first): draws the UI, starts
   * the features and announces `ready`.
   */
  protected _start(schedule = (work: () => void) => work()): void {
    whenBodyReady(() =>
      schedule(() => {
        if (this._destroyed) return;
        this._render();
        // A decision made meanwhile (an API call, another tab) has started them already.
        if (this._followed === undefined) this._updateFollowers();
        queueMicrotask(() => this._announce(READY_EVENT, 'ready', this.getConsent()));
      }),
    );
  }

  /** Adds a feature that follows the decision; it sees the current one once the page is ready. */
  protected _follow(follower: ConsentFollower): void {
    this._followers.push(follower);
  }

  /** The strings of gated-frame placeholders; `undefined` means English with the site's `texts` (ConsentGate uses its UI language). */
  protected _placeholderTexts(): GatingTexts | undefined {
    return undefined;
  }

  /** A category's label for gated-frame placeholders; `undefined` means the configured label (ConsentGate translates built-in ones). */
  protected _categoryLabel(_category: string): string | undefined {
    return undefined;
  }

  /** Redraws the UI after a change; the headless gate has none. */
  protected _render(): void {}

  /** Records a decision the visitor made: stored, sent to the collector as proof of consent, told to the other tabs. */
  protected _decide(choices: Record<string, boolean>, method: ConsentMethod): void {
    if (this._destroyed) return;
    const state = this._store.decide(choices, method);
    sendConsentRecord(this.config, state);
    this._sync.announce();
    this._render();
    this._announce(CHANGE_EVENT, 'change', this.getConsent());
  }

  /** Another tab changed the record, or the page came back from the back/forward cache. */
  private _reload(): void {
    if (this._destroyed || !loadDecision(this._store, this.config)) return;
    this._render();
    this._announce(CHANGE_EVENT, 'change', this.getConsent());
  }

  /** Tells every follower about the current decision (and the one it replaces). */
  private _updateFollowers(): void {
    const state = this.getConsent();
    const previous = this._followed ?? null;
    this._followed = state;
    for (const follower of this._followers) attemptQuietly(() => follower.update(state, previous));
  }

  private _announce<K extends keyof ConsentGateEvents>(domEvent: string, name: K, detail: ConsentGateEvents[K]): void {
    if (name === 'change') this._updateFollowers();
    this._emitter.emit(name, detail);
    document.dispatchEvent(new CustomEvent(domEvent, { detail }));
  }
}

/**
 * A running consent-gate without UI, for sites that draw their own banner. Its
 * gating code is fetched when the page first has gated content for it.
 * Every method is safe to call at any time and never throws into the page.
 */
export class HeadlessGate extends GateCore {
  /** Prefer `initHeadless(config)`. */
  constructor(config: ConsentGateConfig = {}) {
    super(config, LazyGating);
    this._start();
  }
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
export function whenBodyReady(callback: () => void): void {
  if (document.body) callback();
  else document.addEventListener('DOMContentLoaded', callback, { once: true });
}
