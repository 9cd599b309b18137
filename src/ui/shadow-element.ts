/**
 * The base of both elements, without Lit's reactive element: an open shadow
 * root, styles adopted on first use, renders batched into one microtask, and
 * an `updateComplete` promise as Lit elements have. How an element renders
 * (plain DOM for the banner, lit-html for the dialog) is its own business.
 * @packageDocumentation
 */
import { adoptStyles } from './adopt-styles.js';

/**
 * `HTMLElement` in a browser; on a server (no DOM) a stand-in, so that importing
 * the elements during server-side rendering does not throw. Nothing is defined
 * or constructed there: `init()` returns a gate without UI on a server.
 */
const HTMLElementOrStandIn = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

/**
 * An element that renders into its shadow root once per batch of changes.
 *
 * Its members have no leading underscore on purpose: the script-tag build
 * shortens `_` names chunk by chunk, and the dialog, in a chunk of its own,
 * extends this class; shortened names would differ, or collide with the dialog's own.
 */
export abstract class ShadowElement extends HTMLElementOrStandIn {
  /** Settles once the pending changes are rendered (as a Lit element's does); resolves to `true`. */
  updateComplete: Promise<boolean> = Promise.resolve(true);

  private renderScheduled = false;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }

  /** Sets the `defaults` of reflected attributes the page left out (the styles select on them), then renders. */
  protected connectWithDefaults(defaults: Record<string, string>): void {
    for (const [name, value] of Object.entries(defaults)) if (!this.hasAttribute(name)) this.setAttribute(name, value);
    this.requestRender();
  }

  /** Renders once, in a microtask, however many properties changed; only while connected. */
  protected requestRender(): void {
    if (this.renderScheduled) return;
    this.renderScheduled = true;
    this.updateComplete = Promise.resolve().then(() => {
      this.renderScheduled = false;
      if (this.isConnected) this.renderShadow(this.shadowRoot!);
      return true;
    });
  }

  /** Applies `css` to the shadow root (once; later calls change nothing). */
  protected shadowStyles(css: string): void {
    const root = this.shadowRoot!;
    if (!root.adoptedStyleSheets.length) adoptStyles(root, css);
  }

  /** Brings the shadow root up to date. */
  protected abstract renderShadow(root: ShadowRoot): void;
}
