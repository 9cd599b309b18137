/**
 * Time on page: the milliseconds the page was visible, counted from when
 * tracking started (never before the visitor opted in).
 * @packageDocumentation
 */

/**
 * Starts a visible-time counter on `now`. The returned function gives the
 * visible milliseconds since its previous call (or the start) and restarts
 * the count; call it on every `visibilitychange` so hidden time is left out.
 */
export function visibleTime(now: () => number): () => number {
  let total = 0;
  let since: number | null = null;
  const take = (): number => {
    const t = now();
    const visible = total + (since === null ? 0 : t - since);
    total = 0;
    since = document.visibilityState === 'hidden' ? null : t;
    return Math.max(0, Math.round(visible));
  };
  take();
  return take;
}
