/**
 * Who may record proof of consent (docs/collector.md#consent-records-and-the-consent-cookie). `POST /consent` takes a
 * `text/plain` body, which any page can send without a CORS preflight (an
 * auto-submitting `<form enctype="text/plain">`, a `no-cors` fetch): without a
 * check, another site could store an "accept all" as the visitor's proof of
 * consent and, with `--cookie-domain`, plant it as the consent cookie over
 * the visitor's refusal. Browsers put the page's origin in `Origin` on every
 * POST and name a top-level form submission `Sec-Fetch-Mode: navigate`, which
 * page scripts cannot forge; the SDK's beacon carries the site's origin in a
 * `no-cors` or `cors` request.
 * @packageDocumentation
 */

import type { IncomingHttpHeaders } from 'node:http';

/**
 * Why a request may not record consent, or null when it may: it must come from
 * a page of one of `allowed` (exact `scheme://host[:port]`) and must not be a
 * top-level navigation. A missing `Origin` (no browser, or a browser too old
 * to send one) and `Origin: null` (sandboxed frames, `data:` pages, a page
 * whose referrer policy withholds its origin) are refused: the origin is not
 * known.
 */
export function consentRefusal(headers: IncomingHttpHeaders, allowed: ReadonlySet<string>): string | null {
  const origin = headers.origin;
  if (origin === undefined || origin === 'null') return 'consent may only be recorded by the site’s pages: Origin required';
  if (!allowed.has(origin)) return 'consent may only be recorded by the site’s pages: origin not allowed';
  // A form posted to the collector as a page navigation, even from the site itself, is no SDK beacon.
  if (headers['sec-fetch-mode'] === 'navigate') return 'consent may not be recorded by a navigation';
  return null;
}
