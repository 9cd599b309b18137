/**
 * The buttons both elements show for a visitor's action: one markup, one
 * style, so that Accept and Reject always look the same wherever they appear.
 * @packageDocumentation
 */
import { html } from 'lit';
import type { RequestAction } from './request-event.js';

/**
 * A `<button class="btn <action>" part="button <action>">` that calls
 * `onClick`; `secondary` gives it the outlined style.
 */
export function actionButton(action: RequestAction, label: string, onClick: () => void, secondary = false) {
  return html`<button type="button" class="btn ${secondary ? 'secondary' : ''} ${action}" part="button ${action}" @click=${onClick}>
    ${label}
  </button>`;
}
