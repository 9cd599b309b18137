/**
 * The transport: one JSON body as `text/plain` (a simple request, no CORS
 * preflight), through `navigator.sendBeacon` so it survives the page being
 * hidden or closed, else `fetch` with `keepalive`. A failed send is dropped,
 * never retried.
 * @packageDocumentation
 */

/** Sends `body` to `url` without waiting and without ever throwing. */
export function sendBeacon(url: string, body: string): void {
  try {
    // sendBeacon answers false when the browser's queue is full; fetch is then the second chance.
    if (navigator.sendBeacon?.(url, body)) return;
  } catch {
    // a blocked or broken sendBeacon: try fetch
  }
  try {
    fetch(url, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'text/plain' }, credentials: 'omit' }).catch(() => {});
  } catch {
    // no transport at all: the event is lost, the page is unaffected
  }
}
