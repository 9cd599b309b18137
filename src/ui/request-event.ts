/**
 * The one event the elements send to whoever drives them: the visitor asked
 * for something. The elements hold no consent state of their own.
 * @packageDocumentation
 */

/** What the visitor asked for. */
export type RequestAction = 'accept-all' | 'reject-all' | 'manage' | 'save' | 'close' | 'download-data' | 'delete-data';

/** `detail` of the `consent-gate:request` event. */
export interface RequestDetail {
  /** The visitor's action. */
  action: RequestAction;
  /** The switches' states, with `save`. */
  choices?: Record<string, boolean>;
}

/** Name of the event dispatched by `<consent-banner>` and `<consent-preferences>`. */
export const REQUEST_EVENT = 'consent-gate:request';

/** Dispatches a bubbling, composed `consent-gate:request` event from `host`. */
export function dispatchRequest(host: HTMLElement, detail: RequestDetail): void {
  host.dispatchEvent(new CustomEvent<RequestDetail>(REQUEST_EVENT, { detail, bubbles: true, composed: true }));
}

declare global {
  interface HTMLElementEventMap {
    [REQUEST_EVENT]: CustomEvent<RequestDetail>;
  }
}
