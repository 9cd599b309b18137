/**
 * Styles a shadow root without Lit: one constructed style sheet per CSS text,
 * shared by every element that uses it. Constructed sheets need no `<style>`
 * element, so a strict `style-src` without 'unsafe-inline' allows them; every
 * browser consent-gate supports has them (Chrome 73, Firefox 101, Safari 16.4).
 * @packageDocumentation
 */

const sheets = new Map<string, CSSStyleSheet>();

/** Applies `css` to `root`. */
export function adoptStyles(root: ShadowRoot, css: string): void {
  let sheet = sheets.get(css);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.set(css, sheet);
  }
  root.adoptedStyleSheets = [sheet];
}
