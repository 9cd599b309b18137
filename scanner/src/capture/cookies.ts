/**
 * The cookies of a phase: the browser's whole jar (HttpOnly and third-party
 * cookies included), each with its writer.
 * @packageDocumentation
 */
import type { BrowserContext } from 'playwright-core';
import type { CookieItem } from '../types.js';
import type { NetworkRecorder } from './requests.js';
import type { WriteLog } from './write-log.js';

/** A cookie before classification. */
export type SeenCookie = Omit<CookieItem, 'category' | 'service'>;

/** Every cookie in `context`'s jar, attributed through `log` and `network`, sorted by domain and name. */
export async function collectCookies(context: BrowserContext, log: WriteLog, network: NetworkRecorder): Promise<SeenCookie[]> {
  const jar = await context.cookies();
  return jar
    .map((cookie) => {
      const domain = cookie.domain.replace(/^\./, '');
      const writer = log.cookieWriter(cookie.name, domain, network);
      return {
        name: cookie.name,
        domain,
        path: cookie.path,
        expires: cookie.expires > 0 ? new Date(cookie.expires * 1000).toISOString() : null,
        httpOnly: cookie.httpOnly,
        sameSite: cookie.sameSite,
        setBy: writer.setBy,
        via: writer.via,
      };
    })
    .sort((a, b) => a.domain.localeCompare(b.domain) || a.name.localeCompare(b.name));
}
