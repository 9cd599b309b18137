/**
 * The transport to the collector: one JSON body as `text/plain` (a simple
 * request, no CORS preflight), through `navigator.sendBeacon` so it survives
 * the page being hidden, closed or reloaded, else `fetch` with `keepalive`.
 * A failed send is dropped, never retried.
 * @packageDocumentation
 */

/**
 * Sends `body` to `url` without waiting and without ever throwing.
 * `withCookies` lets the fallback carry the collector's cookies and accept its
 * `Set-Cookie` (a beacon always does): for `POST /consent`, whose answer may
 * re-issue the consent cookie. Analytics events go without.
 */
export function sendBeacon(url: string, body: string, withCookies = false): void {
  try {
    // sendBeacon answers false when the browser's queue is full; fetch is then the second chance.
    if (navigator.sendBeacon?.(url, body)) return;
  } catch {
    // a blocked or broken sendBeacon: try fetch
  }
  try {
    const init: RequestInit = withCookies ? { mode: 'no-cors', credentials: 'include' } : { credentials: 'omit' };
    fetch(url, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'text/plain' }, ...init }).catch(() => {});
  } catch {
    // no transport at all: the request is lost, the page is unaffected
  }
}
