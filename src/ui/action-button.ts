/**
 * The dialog's action buttons as a Lit template; the class and part names
 * come from `button-markup.ts`, shared with the banner.
 * @packageDocumentation
 */
import { html } from 'lit/html.js';
import { buttonClass, buttonPart } from './button-markup.js';
import type { RequestAction } from './request-event.js';

/**
 * A `<button class="btn <action>" part="button <action>">` that calls
 * `onClick`; `secondary` gives it the outlined style.
 */
export function actionButton(action: RequestAction, label: string, onClick: () => void, secondary = false) {
  return html`<button type="button" class=${buttonClass(action, secondary)} part=${buttonPart(action)} @click=${onClick}>${label}</button>`;
}
