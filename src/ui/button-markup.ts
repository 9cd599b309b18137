/**
 * The class and part names of an action button, shared by both elements so
 * that Accept and Reject always look the same wherever they appear.
 * @packageDocumentation
 */
import type { RequestAction } from './request-event.js';

/** `class` of the button for `action`; `secondary` gives it the outlined style. */
export function buttonClass(action: RequestAction, secondary = false): string {
  return `btn${secondary ? ' secondary' : ''} ${action}`;
}

/** `part` of the button for `action`: `button` plus the action's name. */
export function buttonPart(action: RequestAction): string {
  return `button ${action}`;
}
