/**
 * The loading, empty and error states every section shows the same way.
 * @packageDocumentation
 */

import { ApiError } from './api.js';
import { element } from './dom.js';

/** Mark `body` as loading: screen readers hear it is busy, sighted readers see the old content dimmed. */
export function showLoading(body: HTMLElement): void {
  body.setAttribute('aria-busy', 'true');
  body.classList.add('loading');
  if (!body.hasChildNodes()) body.append(element('p', { class: 'placeholder' }, 'Loading…'));
}

/** `body` is drawn. */
export function showDone(body: HTMLElement): void {
  body.setAttribute('aria-busy', 'false');
  body.classList.remove('loading');
}

/** Nothing to show for this range and these filters. */
export function showEmpty(body: HTMLElement, text = 'No data for this range and these filters.'): void {
  body.replaceChildren(element('p', { class: 'placeholder empty' }, text));
  showDone(body);
}

/** What went wrong, what to do, and a way to try again. */
export function showError(body: HTMLElement, error: unknown, retry: () => void): void {
  const message = error instanceof ApiError ? error.message : 'Something went wrong while drawing this part. Reload the page.';
  const button = element('button', { type: 'button', class: 'secondary' }, 'Try again');
  button.addEventListener('click', retry);
  body.replaceChildren(element('div', { class: 'section-error', role: 'alert' }, element('p', {}, message), button));
  showDone(body);
}
