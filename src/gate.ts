/**
 * The consent-gate instance with its UI: the banner, the preferences dialog
 * and the page's `data-consent-open` links, on top of {@link HeadlessGate}.
 * @packageDocumentation
 */
import type { ConsentGateConfig } from './core/config-types.js';
import { HeadlessGate, whenBodyReady } from './headless-gate.js';
import type { ConsentBanner } from './ui/banner.js';
import { defineElements } from './ui/define.js';
import type { ConsentPreferences } from './ui/preferences.js';
import { REQUEST_EVENT, type RequestDetail } from './ui/request-event.js';
import { resolveLanguage, resolveTexts, type Texts } from './ui/texts.js';

export { CHANGE_EVENT, READY_EVENT, type ConsentGateEvents } from './headless-gate.js';

/** The selector of page elements that open the preferences dialog, e.g. a footer "Cookie settings" link. */
export const OPEN_SELECTOR = '[data-consent-open]';

/**
 * A running consent-gate with its banner and dialog. Create it with
 * `init(config)`; every method is safe to call at any time and never throws
 * into the host page.
 */
export class ConsentGate extends HeadlessGate {
  private readonly _texts: Texts;
  private _banner: ConsentBanner | null = null;
  private _preferences: ConsentPreferences | null = null;
  private _forceBanner = false;

  /** Prefer `init(config)`. */
  constructor(config: ConsentGateConfig = {}) {
    super(config);
    this._texts = resolveTexts(this.config.texts, resolveLanguage(this.config.language));
    document.addEventListener('click', this._onDocumentClick);
    try {
      defineElements();
    } catch (error) {
      console.error('consent-gate: custom elements are unavailable; the decision API still works.', error);
    }
    this._start();
  }

  /** Shows the first-layer notice (again). */
  showBanner(): void {
    this._forceBanner = true;
    this._render();
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

  /** Removes the elements and every listener (for single-page apps and tests). The stored decision stays. */
  override destroy(): void {
    super.destroy();
    document.removeEventListener('click', this._onDocumentClick);
    this._banner?.remove();
    this._preferences?.remove();
    this._banner = this._preferences = null;
  }

  protected override _decide(choices: Record<string, boolean>, method: Parameters<HeadlessGate['_decide']>[1]): void {
    this._forceBanner = false;
    this.hidePreferences();
    super._decide(choices, method);
  }

  /** Shows the notice when there is no decision (or when asked to), otherwise the floating button or nothing. */
  protected override _render(): void {
    if (this._destroyed || !document.body) return;
    if (this._store.state && !this._forceBanner) this.hidePreferences();
    const banner = (this._banner ??= this._createElement('consent-banner'));
    Object.assign(banner, { layout: this.config.layout, theme: this.config.theme, texts: this._texts, policyUrl: this.config.policyUrl });
    banner.mode = this._forceBanner || !this._store.state ? 'banner' : this.config.floatingButton ? 'floating' : 'hidden';
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
