/**
 * Work that nothing on the page waits for, run when the browser is idle.
 * @packageDocumentation
 */

/** The longest wait (ms) for an idle period: a busy page still gets the work done. */
const IDLE_TIMEOUT_MS = 1000;

/**
 * Calls `work` once the browser is idle (at the latest after a second), or in
 * a later task where there are no idle callbacks. `work` must not throw: the
 * storage calls it makes are guarded (see `attempt`), so nothing reaches the page.
 */
export function whenIdle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => work(), { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(work, 1);
}
