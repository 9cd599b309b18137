/**
 * `<iframe data-consent data-src>`: a placeholder with an "Allow <Label>"
 * button stands in for the frame, which has no `src` (and so makes no
 * request) until its category is granted. The placeholder's markup and style;
 * loading the frame is `frame-source.ts`.
 * @packageDocumentation
 */

/** The attribute that marks a placeholder; its value is the category. Style it with `[data-consent-placeholder]`. */
export const PLACEHOLDER_ATTRIBUTE = 'data-consent-placeholder';

// Zero specificity (:where) so that any rule of the site wins. A constructed sheet is CSSOM: allowed under a strict CSP.
const CSS = `:where([${PLACEHOLDER_ATTRIBUTE}]){display:flex;flex-direction:column;align-items:center;justify-content:center;gap:1em;box-sizing:border-box;max-width:100%;min-height:150px;padding:1em;border:1px dashed;text-align:center}`;
let sheet: CSSStyleSheet | undefined;

/** Adds the placeholder style sheet to the document once (skipped where constructed style sheets are unsupported). */
function adoptStyles(): void {
  try {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    if (!document.adoptedStyleSheets.includes(sheet)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch {
    // Unstyled but working.
  }
}

/**
 * Hides `frame` and inserts before it a placeholder: `text`, and a button
 * `button` that calls `onAllow` (no button when `onAllow` is `null`: nothing
 * can allow the frame). Texts are set as text, never as markup.
 * The placeholder takes the frame's `width` and `height` attributes.
 */
export function showPlaceholder(
  frame: HTMLIFrameElement,
  category: string,
  text: string,
  button: string,
  onAllow: (() => void) | null,
): HTMLElement {
  adoptStyles();
  const placeholder = document.createElement('div');
  placeholder.setAttribute(PLACEHOLDER_ATTRIBUTE, category);
  const paragraph = document.createElement('p');
  paragraph.textContent = text;
  placeholder.append(paragraph);
  if (onAllow) {
    const allow = document.createElement('button');
    allow.type = 'button';
    allow.textContent = button;
    allow.addEventListener('click', onAllow);
    placeholder.append(allow);
  }
  const size = (value: string) => (/^\d+$/.test(value) ? `${value}px` : value);
  placeholder.style.width = size(frame.getAttribute('width') ?? '');
  placeholder.style.minHeight = size(frame.getAttribute('height') ?? '');
  frame.style.display = 'none';
  frame.before(placeholder);
  return placeholder;
}
