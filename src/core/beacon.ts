/**
 * The transport to the collector: one JSON body as `text/plain` (a simple
 * request, no CORS preflight), through `navigator.sendBeacon` so it survives
 * the page being hidden, closed or reloaded, else `fetch` with `keepalive`.
 * A failed send is dropped, never retried.
 * @packageDocumentation
 */
import { attempt } from './safe.js';

/**
 * Sends `body` to `url` without waiting and without ever throwing.
 * `withCookies` (for `POST /consent`) sends it as a CORS request with the
 * collector's cookies, so that the collector can accept its `Set-Cookie` (the
 * re-issued consent cookie) and always sees the page's real `Origin`: a beacon
 * is a no-cors request, whose `Origin` is `null` on a page with
 * `Referrer-Policy: no-referrer`, and the collector records consent only from
 * its allowed origins. Analytics events go as beacons, without cookies.
 */
export function sendBeacon(url: string, body: string, withCookies = false): void {
  if (withCookies && post(url, body, { mode: 'cors', credentials: 'include' })) return;
  // sendBeacon answers false when the browser's queue is full; fetch is then the second chance.
  if (attempt(() => navigator.sendBeacon?.(url, body), false)) return;
  post(url, body, withCookies ? { mode: 'no-cors', credentials: 'include' } : { credentials: 'omit' });
}

/** POSTs `body` with `fetch`, kept alive past the page; false when `fetch` throws. */
function post(url: string, body: string, init: RequestInit): boolean {
  return attempt(() => {
    fetch(url, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'text/plain' }, ...init }).catch(() => {});
    return true;
  }, false);
}
