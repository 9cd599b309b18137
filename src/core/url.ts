/**
 * URL checks shared by the configuration and the elements.
 * @packageDocumentation
 */

/**
 * Whether `value` is an http(s) URL, absolute or relative to the page.
 * `javascript:`, `data:` and every other scheme are refused, including
 * forms hidden behind leading white space or control characters, because the
 * WHATWG URL parser strips those exactly as the browser would when following
 * the link.
 */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value === '') return false;
  try {
    return /^https?:$/.test(new URL(value, 'https://relative.invalid/').protocol);
  } catch {
    return false;
  }
}
