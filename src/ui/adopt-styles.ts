/**
 * Styles a shadow root without Lit: one constructed style sheet per CSS text
 * and document, or a `<style>` element where constructed sheets are missing
 * (carrying `window.litNonce`, as Lit's own fallback does, for a strict CSP).
 * @packageDocumentation
 */

const sheets = new WeakMap<Document, Map<string, CSSStyleSheet>>();

/** The constructed sheet of `css` in `document`, made once. */
function sheetFor(document: Document, css: string): CSSStyleSheet {
  let byText = sheets.get(document);
  if (!byText) sheets.set(document, (byText = new Map()));
  let sheet = byText.get(css);
  if (!sheet) {
    sheet = new (document.defaultView ?? window).CSSStyleSheet();
    sheet.replaceSync(css);
    byText.set(css, sheet);
  }
  return sheet;
}

/**
 * Applies `css` to `root`. Returns the `<style>` element to keep among the
 * root's children when the fallback was needed, otherwise `null`.
 */
export function adoptStyles(root: ShadowRoot, css: string): HTMLStyleElement | null {
  try {
    if ('adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
      root.adoptedStyleSheets = [sheetFor(root.ownerDocument, css)];
      return null;
    }
  } catch {
    // e.g. a sheet of another document: fall back to an element.
  }
  const style = root.ownerDocument.createElement('style');
  const nonce = (window as { litNonce?: string }).litNonce;
  if (nonce) style.setAttribute('nonce', nonce);
  style.textContent = css;
  return style;
}
