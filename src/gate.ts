/**
 * The consent-gate instance with its UI: the banner, the preferences dialog
 * and the page's `data-consent-open` links, on top of {@link GateCore}.
 * @packageDocumentation
 */
import type { ConsentGateConfig } from './core/config-types.js';
import { Gating } from './gating/gating.js';
import { GateCore, whenBodyReady } from './headless-gate.js';
import { afterFirstPaint, afterNextPaint } from './ui/after-next-paint.js';
import { ConsentBanner, type BannerMode } from './ui/banner.js';
import { defineElement } from './ui/define-element.js';
import { loadPreferences, prefetchPreferences, type DialogModule } from './ui/lazy-preferences.js';
import type { ConsentPreferences } from './ui/preferences.js';
import { REQUEST_EVENT, type RequestDetail } from './ui/request-event.js';
import type { LanguageLoader } from './ui/locale.js';
import { uiLanguage, type TranslationSource, type UiLanguage } from './ui/ui-language.js';

export { CHANGE_EVENT, READY_EVENT, type ConsentGateEvents } from './headless-gate.js';

/** Options of the UI instance that are not part of the site owner's configuration. */
export interface ConsentGateOptions {
  /** Where the built-in translations live (`<localesUrl>/<lang>.json`); without it only English and `texts` are used. */
  localesUrl?: string | URL;
  /**
   * Loads a built-in language's strings, instead of fetching them from `localesUrl`; `init()` gives one
   * that imports `consent-gate/i18n/<lang>`, so a bundler splits each language into a chunk of its own.
   */
  loadLanguage?: LanguageLoader;
}

/** The selector of page elements that open the preferences dialog, e.g. a footer "Cookie settings" link. */
export const OPEN_SELECTOR = '[data-consent-open]';

/**
 * A running consent-gate with its banner and dialog. Create it with
 * `init(config)`; every method is safe to call at any time and never throws
 * into the host page.
 */
export class ConsentGate extends GateCore {
  /** Strings, direction and translated categories; `null` until first needed, and while a translation loads. */
  private _ui: UiLanguage | null = null;
  /** Settles once `_ui` is there; `undefined` until something first needs the UI language. */
  private _uiReady: Promise<void> | undefined;
  /** Where a built-in translation comes from: a bundler's `import()` or the script tag's `localesUrl`. */
  private readonly _languageSource: TranslationSource;
  private _banner: ConsentBanner | null = null;
  private _preferences: ConsentPreferences | null = null;
  private _forceBanner = false;
  /** Stops fetching the dialog's code ahead of use. */
  private readonly _stopPrefetch: () => void;

  /** Prefer `init(config)`. */
  constructor(config: ConsentGateConfig = {}, options: ConsentGateOptions = {}) {
    // Gating's script runner is in this file: a returning visitor's gated scripts start without another fetch.
    super(config, Gating);
    this._languageSource = options.loadLanguage ?? options.localesUrl;
    // The banner will need its language: a translation is fetched while the page paints.
    if (!this._store.state) this._language();
    document.addEventListener('click', this._onDocumentClick);
    this._stopPrefetch = prefetchPreferences((target) => target === this._banner || opensPreferences(target));
    // The banner, the features (gating, the tracker) and `ready` follow the page's own first paint, which so
    // waits for nothing of ours but reading the configuration and the cookie: the banner comes in the next
    // frame (a page that painted already gets it at once).
    this._start(afterFirstPaint);
  }

  /** Shows the first-layer notice (again). */
  showBanner(): void {
    this._forceBanner = true;
    this._render();
  }

  /**
   * Opens the preferences dialog (its code is fetched the first time); focus
   * returns to the current element when it closes.
   */
  showPreferences(): void {
    this._language();
    void Promise.all([loadPreferences(), this._uiReady]).then(([dialogModule]) => {
      if (!dialogModule) return;
      whenBodyReady(() => {
        if (this._destroyed) return;
        const dialog = (this._preferences ??= this._createPreferences(dialogModule));
        dialog.choices = {
          ...Object.fromEntries(this.config.categories.map((c) => [c.name, c.required])),
          ...this._store.state?.categories,
        };
        Object.assign(dialog, { dataActions: this._tracker.hasData, dataMessage: '' });
        dialog.open = true;
      });
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
    this._stopPrefetch();
    this._banner?.remove();
    this._preferences?.remove();
    this._banner = this._preferences = null;
  }

  protected override _decide(choices: Record<string, boolean>, method: Parameters<GateCore['_decide']>[1]): void {
    this._forceBanner = false;
    this.hidePreferences();
    super._decide(choices, method);
  }

  /** Gated-frame placeholders speak the UI language once it is loaded. */
  protected override _placeholderTexts() {
    return this._language()?.texts;
  }

  /** Gated-frame placeholders name built-in categories in the UI language. */
  protected override _categoryLabel(category: string) {
    return this._language()?.categories.find((c) => c.name === category)?.label;
  }

  /**
   * Shows the notice when there is no decision (or when asked to), otherwise the
   * floating button or nothing. A returning visitor without a floating button
   * gets no banner element at all, and works out no UI language.
   */
  protected override _render(): void {
    if (this._destroyed || !document.body) return;
    if (this._store.state && !this._forceBanner) this.hidePreferences();
    const mode: BannerMode = this._forceBanner || !this._store.state ? 'banner' : this._decidedMode();
    if (!this._banner && mode === 'hidden') return;
    const ui = this._language();
    if (!ui) return;
    const banner = (this._banner ??= this._createBanner());
    if (!banner) return;
    Object.assign(banner, {
      layout: this.config.layout,
      theme: this.config.theme,
      texts: ui.texts,
      policyUrl: this.config.policyUrl,
      lang: ui.lang,
      dir: ui.dir,
    });
    banner.mode = mode;
    // First in the document so keyboard and screen-reader users meet it first; it is fixed, so nothing moves.
    if (!banner.isConnected) document.body.prepend(banner);
  }

  /**
   * The UI language, worked out the first time something is drawn (a returning
   * visitor may never need it). English is there at once; another built-in
   * language is fetched first (`null` until then), and what was drawn meanwhile
   * is drawn again.
   */
  private _language(): UiLanguage | null {
    if (!this._uiReady) {
      const language = uiLanguage(this.config, this._languageSource);
      if (!(language instanceof Promise)) this._ui = language;
      this._uiReady = Promise.resolve(language).then((ui) => {
        this._ui = ui;
        if (language instanceof Promise) {
          this._render();
          // Placeholders drawn while the translation loaded were in English.
          this._gating.redrawPlaceholders();
        }
      });
    }
    return this._ui;
  }

  /** What the banner shows once a decision exists. */
  private _decidedMode(): BannerMode {
    return this.config.floatingButton ? 'floating' : 'hidden';
  }

  /** Defines and creates `<consent-banner>`; `null` (reported) where custom elements are unavailable. */
  private _createBanner(): ConsentBanner | null {
    try {
      defineElement('consent-banner', ConsentBanner);
      return this._createElement('consent-banner');
    } catch (error) {
      console.error('consent-gate: custom elements are unavailable; the decision API still works.', error);
      return null;
    }
  }

  /**
   * A choice made in the banner or the dialog: they close in this frame; the
   * decision (cookie, proof of consent, other tabs, gated scripts, Consent Mode,
   * analytics) follows the paint, so the visitor sees the answer to the click first.
   */
  private _decideAfterPaint(decide: () => void): void {
    this._forceBanner = false;
    this.hidePreferences();
    if (this._banner) this._banner.mode = this._decidedMode();
    afterNextPaint(decide);
  }

  /** Creates the dialog; its own strings (loaded with its code) are resolved in the UI language, and the SDK's cookies declared. */
  private _createPreferences({ english, declareOwnCookies }: DialogModule): ConsentPreferences {
    const dialog = this._createElement('consent-preferences');
    const ui = this._ui!;
    const texts = { ...ui.texts, ...ui.textsFor(english) };
    const { cookieName, expiresDays, collector } = this.config;
    const categories = declareOwnCookies(ui.categories, texts, { cookieName, expiresDays, tracks: !!collector, lang: ui.lang });
    Object.assign(dialog, { theme: this.config.theme, texts, categories, policyUrl: this.config.policyUrl, lang: ui.lang, dir: ui.dir });
    document.body.append(dialog);
    return dialog;
  }

  private _createElement<K extends 'consent-banner' | 'consent-preferences'>(tag: K): HTMLElementTagNameMap[K] {
    const element = document.createElement(tag);
    element.addEventListener(REQUEST_EVENT, this._onRequest);
    return element;
  }

  /** Download my data / Delete my data: the tracker does it, the dialog shows the outcome. */
  private async _dataAction(erase: boolean): Promise<void> {
    const done = await (erase ? this._tracker.deleteData() : this._tracker.downloadData());
    const dialog = this._preferences;
    if (dialog)
      Object.assign(dialog, {
        dataActions: this._tracker.hasData,
        dataMessage: done ? (erase ? dialog.texts.dataDeleted : '') : dialog.texts.dataError,
      });
  }

  private _onRequest = (event: CustomEvent<RequestDetail>) => {
    const { action, choices } = event.detail;
    if (action === 'accept-all') this._decideAfterPaint(() => this.acceptAll());
    else if (action === 'reject-all') this._decideAfterPaint(() => this.rejectAll());
    else if (action === 'manage') this.showPreferences();
    else if (action === 'save') this._decideAfterPaint(() => this._decide(choices ?? {}, 'custom'));
    else if (action === 'download-data' || action === 'delete-data') void this._dataAction(action === 'delete-data');
  };

  private _onDocumentClick = (event: MouseEvent) => {
    if (opensPreferences(event.target)) {
      event.preventDefault();
      this.showPreferences();
    }
  };
}

/** Whether `target` is (inside) a page element that opens the preferences dialog. */
function opensPreferences(target: EventTarget | null): boolean {
  return target instanceof Element && !!target.closest(OPEN_SELECTOR);
}
