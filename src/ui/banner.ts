/**
 * `<consent-banner>`: the first layer of the cookie notice.
 * @packageDocumentation
 */
import { LitElement, css, html, nothing } from 'lit';
import { isHttpUrl } from '../core/url.js';
import { actionButton } from './action-button.js';
import { dispatchRequest, type RequestAction } from './request-event.js';
import { richText } from './rich-text.js';
import { themeStyles } from './styles.js';
import { BANNER_ENGLISH, type BannerTexts } from './texts.js';

/**
 * The cookie notice shown until the visitor chooses. It overlays the page
 * (fixed position, so it never shifts content) and, once a choice exists, can
 * shrink to a floating "Cookie settings" button.
 *
 * @fires consent-gate:request - `detail.action` is `accept-all`, `reject-all` or `manage`.
 * @csspart banner - the notice panel.
 * @csspart title - the heading.
 * @csspart text - the explanation paragraph.
 * @csspart link - the privacy policy link.
 * @csspart actions - the button row.
 * @csspart button - every button; plus `accept-all`, `reject-all`, `manage`, `reopen`.
 * @cssprop --consent-gate-bg - panel background.
 * @cssprop --consent-gate-fg - text colour.
 * @cssprop --consent-gate-muted - secondary text colour.
 * @cssprop --consent-gate-accent - button colour.
 * @cssprop --consent-gate-accent-fg - button text colour.
 * @cssprop --consent-gate-border - borders.
 * @cssprop --consent-gate-focus - focus ring colour.
 * @cssprop --consent-gate-radius - corner radius.
 * @cssprop --consent-gate-font - font family.
 * @cssprop --consent-gate-shadow - panel shadow.
 * @cssprop --consent-gate-z-index - stacking order.
 * @cssprop --consent-gate-max-width - width of the `box` layout.
 */
export class ConsentBanner extends LitElement {
  static override styles = [
    themeStyles,
    css`
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
    `,
  ];

  static override properties = {
    mode: { reflect: true },
    layout: { reflect: true },
    theme: { reflect: true },
    texts: { attribute: false },
    policyUrl: { attribute: 'policy-url' },
  };

  /** `banner` shows the notice, `floating` only the re-open button, `hidden` nothing. */
  declare mode: 'banner' | 'floating' | 'hidden';
  /** `bar` (bottom, full width) or `box` (corner card). */
  declare layout: 'bar' | 'box';
  /** `light`, `dark` or `auto`. */
  declare theme: 'light' | 'dark' | 'auto';
  /** UI strings. */
  declare texts: BannerTexts;
  /** Privacy policy URL; a link only when it is http(s) or relative (checked here too, for the element used on its own). */
  declare policyUrl: string | null;

  constructor() {
    super();
    this.mode = 'hidden';
    this.layout = 'bar';
    this.theme = 'auto';
    this.texts = BANNER_ENGLISH;
    this.policyUrl = null;
  }

  /** Moves keyboard focus to the first button of the notice. */
  override focus(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('button')?.focus();
  }

  private _button(action: RequestAction, label: string, secondary = false) {
    return actionButton(action, label, () => dispatchRequest(this, { action }), secondary);
  }

  protected override render() {
    const t = this.texts;
    if (this.mode === 'floating') {
      return html`<button type="button" class="btn reopen" part="button reopen" @click=${() => dispatchRequest(this, { action: 'manage' })}>
        ${t.reopen}
      </button>`;
    }
    if (this.mode !== 'banner') return nothing;
    return html`<section class="panel animated" part="banner" aria-labelledby="title" aria-describedby="text">
      <div class="text">
        <h2 id="title" part="title">${t.bannerTitle}</h2>
        <p id="text" part="text">
          ${richText(t.bannerText)}
          ${isHttpUrl(this.policyUrl) ? html` <a part="link" href=${this.policyUrl}>${t.policyLink}</a>` : nothing}
        </p>
      </div>
      <div class="actions" part="actions">
        ${this._button('accept-all', t.acceptAll)} ${this._button('reject-all', t.rejectAll)}
        ${this._button('manage', t.manage, true)}
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'consent-banner': ConsentBanner;
  }
}
