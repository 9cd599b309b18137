/**
 * `<consent-preferences>`: the preferences dialog.
 * @packageDocumentation
 */
import { html, nothing, render } from 'lit/html.js';
import { isHttpUrl } from '../core/url.js';
import type { Category, ServiceDeclaration, StorageDeclaration } from '../core/config-types.js';
import { deepActiveElement } from './focus.js';
import { actionButton } from './action-button.js';
import { dispatchRequest, type RequestAction } from './request-event.js';
import { richText } from './rich-text-template.js';
import { cssText } from './css-text.js';
import { ShadowElement } from './shadow-element.js';
import { THEME_CSS } from './styles.js';
import { ENGLISH } from './english.js';
import type { Texts } from './texts.js';

export { DIALOG_ENGLISH } from './dialog-texts.js';
export { declareOwnCookies } from './own-cookies.js';

const DIALOG_CSS =
  THEME_CSS +
  cssText`
      dialog {
        box-sizing: border-box;
        width: min(40em, calc(100vw - 2em));
        max-height: min(44em, calc(100vh - 2em));
        padding: 0;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_bg);
        color: var(--_fg);
        box-shadow: var(--_shadow);
        font: inherit;
      }
      dialog[open] {
        display: flex;
        flex-direction: column;
      }
      dialog::backdrop {
        background: var(--consent-gate-backdrop, rgb(0 0 0 / 0.5));
      }
      .head,
      .foot {
        display: flex;
        align-items: center;
        gap: 0.5em;
        padding: 1em 1.25em;
      }
      .head {
        justify-content: space-between;
        border-bottom: 1px solid var(--_border);
      }
      .head h2 {
        margin: 0;
      }
      .body {
        overflow: auto;
        padding: 1em 1.25em;
      }
      .body > p,
      .category p {
        color: var(--_muted);
      }
      .foot {
        flex-wrap: wrap;
        border-top: 1px solid var(--_border);
      }
      .foot .btn {
        flex: 1 1 10em;
      }
      .close {
        min-width: 44px;
        min-height: 44px;
        border: 0;
        border-radius: 50%;
        background: transparent;
        color: inherit;
        font-size: 1.5em;
        line-height: 1;
      }
      .category {
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) / 2);
        padding: 0.75em 1em;
        margin-block-start: 0.75em;
      }
      .row {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 1em;
        font-weight: 600;
      }
      .row > span {
        flex: 1;
      }
      .row small {
        font-weight: 400;
        color: var(--_muted);
      }
      [role='switch'] {
        flex: none;
        position: relative;
        width: 3.2em;
        height: 1.8em;
        border-radius: 0.9em;
        border: 2px solid var(--_switch-off);
        background: var(--_switch-off);
        padding: 0;
      }
      [role='switch']::after {
        content: '';
        position: absolute;
        inset-block-start: 0.15em;
        inset-inline-start: 0.15em;
        width: 1.3em;
        height: 1.3em;
        border-radius: 50%;
        background: #fff;
      }
      [role='switch'][aria-checked='true'] {
        background: var(--_accent);
        border-color: var(--_accent);
      }
      [role='switch'][aria-checked='true']::after {
        inset-inline-start: 1.55em;
      }
      [role='switch']:disabled {
        cursor: not-allowed;
        opacity: 0.6;
      }
      @media (prefers-reduced-motion: no-preference) {
        [role='switch']::after {
          transition: inset-inline-start 0.15s;
        }
      }
      details {
        margin-block-start: 0.5em;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-size: 0.9em;
        margin-block-start: 0.5em;
      }
      th,
      td {
        text-align: start;
        padding: 0.3em 0.5em 0.3em 0;
        border-bottom: 1px solid var(--_border);
        vertical-align: top;
      }
`;

/** The reflected attributes and their values until set. */
const DEFAULTS = { theme: 'auto' };

/**
 * A native modal `<dialog>` with one switch per category, the cookie
 * declaration of each category, and Save / Accept all / Reject all / Close.
 * The modal dialog traps focus and makes the page behind it inert; Escape
 * closes it and focus returns to the element that opened it.
 *
 * @tagname consent-preferences
 * @attr {boolean} open - whether the dialog is shown, as a modal (reflected).
 * @attr {'light' | 'dark' | 'auto'} theme - colour theme; `auto` follows the system's (reflected).
 * @attr {string} policy-url - privacy policy URL, linked when it is http(s) or relative (property `policyUrl`).
 * @prop {Texts} texts - UI strings (property only).
 * @prop {Category[]} categories - the categories to show, in order (property only).
 * @prop {Record<string, boolean>} choices - the switch states; set before opening, changed as the visitor toggles (property only).
 * @prop {boolean} dataActions - whether to offer Download my data / Delete my data (property only).
 * @prop {string} dataMessage - the outcome of the last data action, announced politely; `''` for none (property only).
 * @fires {CustomEvent<RequestDetail>} consent-gate:request - the visitor asked for something: `detail.action` is `save` (with `detail.choices`), `accept-all`, `reject-all`, `close`, `download-data` or `delete-data`. Bubbles, composed.
 * @csspart dialog - the `<dialog>` element.
 * @csspart header - heading row.
 * @csspart body - scrollable content.
 * @csspart link - the privacy policy link.
 * @csspart category - one category panel.
 * @csspart switch - each category switch.
 * @csspart declaration - the services-and-cookies table of a category.
 * @csspart footer - button row.
 * @csspart your-data - the "Your data" panel (with `dataActions` or a `dataMessage`).
 * @csspart button - every button.
 * @csspart save - the Save preferences button.
 * @csspart accept-all - the Accept all button.
 * @csspart reject-all - the Reject all button.
 * @csspart close - the Close button.
 * @csspart download-data - the Download my data button.
 * @csspart delete-data - the Delete my data button.
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
 * @cssprop --consent-gate-backdrop - colour behind the dialog.
 */
export class ConsentPreferences extends ShadowElement {
  /** The attributes the element reads: `open` and `theme` (reflected) and `policy-url`. */
  static readonly observedAttributes = ['open', 'theme', 'policy-url'];

  private _texts: Texts = ENGLISH;
  private _categories: Category[] = [];
  private _choices: Record<string, boolean> = {};
  private _policyUrl: string | null = null;
  private _dataActions = false;
  private _dataMessage = '';

  /** Whether the dialog is shown (as a modal). */
  get open(): boolean {
    return this.hasAttribute('open');
  }
  set open(value: boolean) {
    this.toggleAttribute('open', !!value);
  }

  /** `light`, `dark` or `auto`. */
  get theme(): 'light' | 'dark' | 'auto' {
    return (this.getAttribute('theme') ?? DEFAULTS.theme) as 'light' | 'dark' | 'auto';
  }
  set theme(value: 'light' | 'dark' | 'auto') {
    this.setAttribute('theme', value);
  }

  /** UI strings. */
  get texts(): Texts {
    return this._texts;
  }
  set texts(value: Texts) {
    this._texts = value;
    this.requestRender();
  }

  /** Categories to show, in order. */
  get categories(): Category[] {
    return this._categories;
  }
  set categories(value: Category[]) {
    this._categories = value;
    this.requestRender();
  }

  /** Switch states; set before opening, changed as the visitor toggles. */
  get choices(): Record<string, boolean> {
    return this._choices;
  }
  set choices(value: Record<string, boolean>) {
    this._choices = value;
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

  /** Whether to offer Download my data / Delete my data (a collector and a visitor id exist). */
  get dataActions(): boolean {
    return this._dataActions;
  }
  set dataActions(value: boolean) {
    this._dataActions = value;
    this.requestRender();
  }

  /** The outcome of the last data action, announced politely; `''` for none. */
  get dataMessage(): string {
    return this._dataMessage;
  }
  set dataMessage(value: string) {
    this._dataMessage = value;
    this.requestRender();
  }

  /** Reflects the default `theme` (the styles select on it) and renders. */
  connectedCallback(): void {
    this.connectWithDefaults(DEFAULTS);
  }

  /** Takes `policy-url` into the property; any watched attribute may change what is shown. */
  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    if (name === 'policy-url') this._policyUrl = value;
    this.requestRender();
  }

  private _opener: HTMLElement | null = null;

  private get _dialog(): HTMLDialogElement | null {
    return this.shadowRoot!.querySelector('dialog');
  }

  /** Renders the template, then opens or closes the native dialog to match `open`. */
  protected renderShadow(root: ShadowRoot): void {
    this.shadowStyles(DIALOG_CSS);
    render(this._template(), root, { host: this });
    const dialog = this._dialog;
    if (!dialog) return;
    if (this.open && !dialog.open) {
      this._opener = deepActiveElement();
      dialog.showModal();
    } else if (!this.open && dialog.open) {
      dialog.close();
    }
  }

  private _onClose = () => {
    // The close event comes a task after close(): if the dialog was opened again meanwhile, it is stale.
    if (this._dialog?.open) return;
    const wasOpen = this.open;
    this.open = false;
    const opener = this._opener;
    this._opener = null;
    if (opener?.isConnected) opener.focus();
    if (wasOpen) dispatchRequest(this, { action: 'close' });
  };

  private _request(action: RequestAction) {
    dispatchRequest(this, action === 'save' ? { action, choices: { ...this.choices } } : { action });
  }

  private _toggle(name: string) {
    this.choices = { ...this.choices, [name]: !this.choices[name] };
  }

  private _button(action: RequestAction, label: string, secondary = false) {
    return actionButton(action, label, () => this._request(action), secondary);
  }

  private _declaration(services: ServiceDeclaration[]) {
    const t = this.texts;
    const rows = services.flatMap((service) => {
      // Cookies, then the browser-storage keys, marked as such.
      const entries: Array<StorageDeclaration & { storage?: true }> = [
        ...(service.cookies ?? []),
        ...(service.storage ?? []).map((key) => ({ ...key, storage: true as const })),
      ];
      return (entries.length ? entries : [{}]).map(
        (entry) => html`<tr>
          <td>${entry.name ?? entry.pattern ?? '—'}${entry.storage ? html`<br /><small>${t.browserStorage}</small>` : nothing}</td>
          <td>${service.name}${service.provider ? html`<br /><small>${service.provider}</small>` : nothing}</td>
          <td>${entry.purpose ?? service.purpose ?? ''}</td>
          <td>${entry.duration ?? ''}</td>
        </tr>`,
      );
    });
    return html`<details part="declaration">
      <summary>${t.cookiesUsed} (${services.length})</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">${t.cookie}</th>
            <th scope="col">${t.service}</th>
            <th scope="col">${t.purpose}</th>
            <th scope="col">${t.duration}</th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
    </details>`;
  }

  private _yourData() {
    const t = this.texts;
    return html`<section class="category" part="your-data" aria-labelledby="your-data">
      <h3 id="your-data">${t.yourData}</h3>
      <p>${t.yourDataText}</p>
      ${this.dataActions ? html`<div class="row">${this._button('download-data', t.downloadData, true)} ${this._button('delete-data', t.deleteData, true)}</div>` : nothing}
      <p role="status" aria-live="polite">${this.dataMessage}</p>
    </section>`;
  }

  private _template() {
    const t = this.texts;
    return html`<dialog part="dialog" aria-labelledby="title" @close=${this._onClose}>
      <div class="head" part="header">
        <h2 id="title">${t.dialogTitle}</h2>
        <button type="button" class="close" part="button close" aria-label=${t.close} @click=${() => (this.open = false)}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div class="body" part="body">
        <p>
          ${richText(t.dialogText)} ${isHttpUrl(this.policyUrl) ? html`<a part="link" href=${this.policyUrl}>${t.policyLink}</a>` : nothing}
        </p>
        ${this.categories.map(
          (category, index) => html`<section class="category" part="category">
            <div class="row">
              <span id="label-${index}">${category.label}</span>
              ${category.required ? html`<small id="always-${index}">${t.alwaysOn}</small>` : nothing}
              <button
                type="button"
                role="switch"
                part="switch"
                aria-labelledby="label-${index}"
                aria-describedby="description-${index}"
                aria-checked=${category.required || this.choices[category.name] === true ? 'true' : 'false'}
                ?disabled=${category.required}
                data-category=${category.name}
                @click=${() => this._toggle(category.name)}
              ></button>
            </div>
            <p id="description-${index}">${category.description}</p>
            ${category.services.length ? this._declaration(category.services) : nothing}
          </section>`,
        )}
        ${this.dataActions || this.dataMessage ? this._yourData() : nothing}
      </div>
      <div class="foot" part="footer">
        ${this._button('reject-all', t.rejectAll)} ${this._button('accept-all', t.acceptAll)}
        ${this._button('save', t.save, true)}
      </div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'consent-preferences': ConsentPreferences;
  }
}
