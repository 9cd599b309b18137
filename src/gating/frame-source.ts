/**
 * A gated frame's own source (`<iframe data-consent data-src>`): which ones may
 * ever load, and loading one once its category is granted. Kept apart from the
 * placeholders (`embeds.ts`, `placeholders.ts`), which the script tag fetches
 * only when a page has a frame to hold back.
 * @packageDocumentation
 */

/**
 * Whether `frame`'s `data-src` may be loaded: an http(s) URL, or a relative
 * one that resolves to http(s) against the page. `javascript:`, `data:` and
 * every other scheme never load (they would run or show content the site did
 * not mean to embed); such a frame is reported with `console.error` (call this
 * once per frame).
 */
export function hasHttpSource(frame: HTMLIFrameElement): boolean {
  let protocol = '';
  try {
    protocol = new URL(frame.dataset.src ?? '', document.baseURI).protocol;
  } catch {
    // Not a URL: refused below.
  }
  if (protocol === 'http:' || protocol === 'https:') return true;
  console.error('consent-gate: a gated frame loads only an http(s) data-src; this one is never loaded', frame);
  return false;
}

/** Shows the frame again (a placeholder hid it) and loads it from its `data-src` (checked with {@link hasHttpSource}). */
export function loadFrame(frame: HTMLIFrameElement): void {
  frame.style.display = '';
  frame.src = frame.dataset.src!;
}
