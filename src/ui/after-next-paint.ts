/**
 * Runs work after a frame is painted: after the frame that shows a click's
 * effect (the banner gone, the dialog closed), the work the visitor does not
 * see; after the page's own first paint, the banner. Work that cannot wait
 * (the page being left) runs at once.
 * @packageDocumentation
 */

/** Longest wait for a frame: a hidden page paints none. */
const NO_FRAME_MS = 250;

/**
 * Calls `work` once, in a task after the next frame is painted (a frame
 * callback, then a new task), or when the page is hidden or left first.
 */
export function afterNextPaint(work: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    removeEventListener('pagehide', run);
    document.removeEventListener('visibilitychange', run);
    work();
  };
  const fallback = setTimeout(run, NO_FRAME_MS);
  addEventListener('pagehide', run);
  document.addEventListener('visibilitychange', run);
  requestAnimationFrame(() => setTimeout(run, 0));
}

/**
 * Calls `work` at once if the page has painted already, else in a task after
 * its first frame is painted (see {@link afterNextPaint}): so that the page's
 * first contentful paint waits for nothing `work` does. A browser without paint
 * timing waits for the next frame.
 */
export function afterFirstPaint(work: () => void): void {
  if (performance.getEntriesByType('paint').length) work();
  else afterNextPaint(work);
}
