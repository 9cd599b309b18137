/**
 * `<consent-banner>`: the first layer of the cookie notice. It is on the first
 * paint of every new visitor, so it is built without Lit: plain DOM in a shadow
 * root, styled by a constructed style sheet. The dialog, loaded later, uses Lit.
 * @packageDocumentation
 */
import { isHttpUrl } from '../core/url.js';
import { buttonClass, buttonPart } from './button-markup.js';
import { cssText } from './css-text.js';
import { element } from './dom.js';
import { dispatchRequest, type RequestAction } from './request-event.js';
import { richTextNodes } from './rich-text.js';
import { ShadowElement } from './shadow-element.js';
import { THEME_CSS } from './styles.js';
import { BANNER_ENGLISH, type BannerTexts } from './texts.js';

const BANNER_CSS =
  THEME_CSS +
  cssText`
      :host {
        position: fixed;
        z-index: var(--_z);
        inset: auto 0 0 0;
        pointer-events: none;
      }
      .panel {
        pointer-events: auto;
        box-sizing: border-box;
        background: var(--_bg);
        color: var(--_fg);
        border-top: 1px solid var(--_border);
        box-shadow: var(--_shadow);
        padding: 1em 1.25em;
        display: flex;
        flex-wrap: wrap;
        gap: 0.75em 1.5em;
        align-items: center;
        max-height: 80vh;
        overflow: auto;
      }
      .text {
        flex: 1 1 30em;
      }
      .text p {
        margin: 0;
        color: var(--_muted);
      }
      .actions {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 0.5em;
        flex: 0 1 auto;
      }
      .actions .manage {
        grid-column: 1 / -1;
      }
      :host([layout='box']) {
        inset-block: auto 1em;
        inset-inline: 1em auto;
        max-width: min(var(--consent-gate-max-width, 26em), calc(100vw - 2em));
      }
      :host([layout='box']) .panel {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        flex-direction: column;
        align-items: stretch;
      }
      :host([layout='box']) .text {
        flex: none;
      }
      .reopen {
        pointer-events: auto;
        position: fixed;
        inset-block-end: 1em;
        inset-inline-start: 1em;
        min-height: 44px;
        border-radius: 22px;
        box-shadow: var(--_shadow);
      }
      @media (max-width: 480px) {
        .actions {
          grid-template-columns: 1fr;
          width: 100%;
        }
      }
`;

/** What the banner shows: the notice, only the re-open button, or nothing. */
export type BannerMode = 'banner' | 'floating' | 'hidden';

/** The reflected attributes and their values until set. */
const DEFAULTS = { mode: 'hidden', layout: 'bar', theme: 'auto' } as const;

/** What the last render showed, to skip renders that would change nothing. */
interface Shown {
  mode: string;
  texts: BannerTexts;
  policyUrl: string | null;
}

/**
 * The cookie notice shown until the visitor chooses. It overlays the page
 * (fixed position, so it never shifts content) and, once a choice exists, can
 * shrink to a floating "Cookie settings" button.
 *
 * @tagname consent-banner
 * @attr {'banner' | 'floating' | 'hidden'} mode - `banner` shows the notice, `floating` only the re-open button, `hidden` nothing (reflected).
 * @attr {'bar' | 'box'} layout - `bar` (bottom, full width) or `box` (corner card) (reflected).
 * @attr {'light' | 'dark' | 'auto'} theme - colour theme; `auto` follows the system's (reflected).
 * @attr {string} policy-url - privacy policy URL, linked when it is http(s) or relative (property `policyUrl`).
 * @prop {BannerTexts} texts - UI strings (property only).
 * @fires {CustomEvent<RequestDetail>} consent-gate:request - the visitor asked for something: `detail.action` is `accept-all`, `reject-all` or `manage`. Bubbles, composed.
 * @csspart banner - the notice panel.
 * @csspart title - the heading.
 * @csspart text - the explanation paragraph.
 * @csspart link - the privacy policy link.
 * @csspart actions - the button row.
 * @csspart button - every button.
 * @csspart accept-all - the Accept all button.
 * @csspart reject-all - the Reject all button.
 * @csspart manage - the Manage preferences button.
 * @csspart reopen - the floating Cookie settings button (mode `floating`).
 * @cssprop --consent-gate-bg - panel background.
 * @cssprop --consent-gate-fg - text colour.
 * @cssprop --consent-gate-muted - secondary text colour.
 * @cssprop --consent-gate-accent - button colour (a switch that is on, in the dialog).
 * @cssprop --consent-gate-accent-fg - button text colour.
 * @cssprop --consent-gate-border - borders.
 * @cssprop --consent-gate-focus - focus ring colour.
 * @cssprop --consent-gate-switch-off - colour of a switch that is off (a theme token of both elements; the dialog draws the switches).
 * @cssprop --consent-gate-radius - corner radius.
 * @cssprop --consent-gate-font - font family.
 * @cssprop --consent-gate-shadow - panel shadow.
 * @cssprop --consent-gate-z-index - stacking order.
 * @cssprop --consent-gate-max-width - width of the `box` layout.
 */
export class ConsentBanner extends ShadowElement {
  /** The attributes the element reads: `mode`, `layout`, `theme` (reflected) and `policy-url`. */
  static readonly observedAttributes = ['mode', 'layout', 'theme', 'policy-url'];

  private _texts: BannerTexts = BANNER_ENGLISH;
  private _policyUrl: string | null = null;
  private _shown: Shown | null = null;

  /** `banner` shows the notice, `floating` only the re-open button, `hidden` nothing. */
  get mode(): BannerMode {
    return (this.getAttribute('mode') ?? DEFAULTS.mode) as BannerMode;
  }
  set mode(value: BannerMode) {
    this.setAttribute('mode', value);
  }

  /** `bar` (bottom, full width) or `box` (corner card). */
  get layout(): 'bar' | 'box' {
    return (this.getAttribute('layout') ?? DEFAULTS.layout) as 'bar' | 'box';
  }
  set layout(value: 'bar' | 'box') {
    this.setAttribute('layout', value);
  }

  /** `light`, `dark` or `auto`. */
  get theme(): 'light' | 'dark' | 'auto' {
    return (this.getAttribute('theme') ?? DEFAULTS.theme) as 'light' | 'dark' | 'auto';
  }
  set theme(value: 'light' | 'dark' | 'auto') {
    this.setAttribute('theme', value);
  }

  /** UI strings. */
  get texts(): BannerTexts {
    return this._texts;
  }
  set texts(value: BannerTexts) {
    this._texts = value;
    this.requestRender();
  }

  /** Privacy policy URL (attribute `policy-url`); a link only when it is http(s) or relative (checked here too, for the element used on its own). */
  get policyUrl(): string | null {
    return this._policyUrl;
  }
  set policyUrl(value: string | null) {
    this._policyUrl = value;
    this.requestRender();
  }

  /** Reflects the default `mode`, `layout` and `theme` (the styles select on them) and renders. */
  connectedCallback(): void {
    this.connectWithDefaults(DEFAULTS);
  }

  /** Takes `policy-url` into the property; any watched attribute may change what is shown. */
  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    if (name === 'policy-url') this._policyUrl = value;
    this.requestRender();
  }

  /** Moves keyboard focus to the first button of the notice. */
  override focus(): void {
    this.shadowRoot?.querySelector('button')?.focus();
  }

  protected renderShadow(root: ShadowRoot): void {
    const shown: Shown = { mode: this.mode, texts: this._texts, policyUrl: this._policyUrl };
    const last = this._shown;
    if (last ? last.mode === shown.mode && last.texts === shown.texts && last.policyUrl === shown.policyUrl : shown.mode === 'hidden')
      return;
    this._shown = shown;
    const content = this._content(shown);
    // A returning visitor's hidden banner builds nothing, styles included.
    if (content) this.shadowStyles(BANNER_CSS);
    root.replaceChildren(...(content ? [content] : []));
  }

  private _content({ mode, texts: t, policyUrl }: Shown): HTMLElement | null {
    if (mode === 'floating') return this._button('manage', t.reopen, 'btn reopen', 'button reopen');
    if (mode !== 'banner') return null;
    return element(
      'section',
      { class: 'panel animated', part: 'banner', 'aria-labelledby': 'title', 'aria-describedby': 'text' },
      element(
        'div',
        { class: 'text' },
        element('h2', { id: 'title', part: 'title' }, t.bannerTitle),
        element(
          'p',
          { id: 'text', part: 'text' },
          ...richTextNodes(t.bannerText),
          ...(isHttpUrl(policyUrl) ? [' ', element('a', { part: 'link', href: policyUrl }, t.policyLink)] : []),
        ),
      ),
      element(
        'div',
        { class: 'actions', part: 'actions' },
        this._button('accept-all', t.acceptAll),
        this._button('reject-all', t.rejectAll),
        this._button('manage', t.manage, buttonClass('manage', true)),
      ),
    );
  }

  /** A button that asks for `action`; class and part default to the action's (see `button-markup.ts`). */
  private _button(action: RequestAction, label: string, className = buttonClass(action), part = buttonPart(action)): HTMLButtonElement {
    const button = element('button', { type: 'button', class: className, part }, label);
    button.addEventListener('click', () => dispatchRequest(this, { action }));
    return button;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'consent-banner': ConsentBanner;
  }
}
