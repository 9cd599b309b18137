/**
 * Where the consent record lives: the first-party `cg_consent` cookie, written
 * through one js-cookie instance so that writing and removing use the same
 * attributes. There is no copy in `localStorage`: Safari deletes
 * script-written storage on the same 7-day clock on which it caps
 * script-written cookies, so a copy could not outlive the cookie it was meant
 * to restore, and reading it cost every first visit a storage access before
 * the banner. Version 0.1.0 and earlier kept such a copy under the cookie's name;
 * {@link ConsentStorage.removeOldMirror} deletes it.
 * @packageDocumentation
 */
import Cookies from 'js-cookie';
import { attempt } from './safe.js';

/** Read/write access to one stored cookie value (an opaque string). */
export interface ConsentStorage {
  /** The cookie's value, if any. */
  readCookie(): string | undefined;
  /** Writes the cookie; it expires at `expires`. */
  writeCookie(value: string, expires: Date): void;
  /** Removes the cookie. */
  remove(): void;
  /** Deletes the `localStorage` copy that version 0.1.0 and earlier kept under the cookie's name (the first storage access of the page). */
  removeOldMirror(): void;
}

/**
 * Every cookie the page can see, by name, from one `document.cookie` lookup
 * (each read is a call into the browser); `{}` where cookies are blocked.
 */
export function readCookieJar(): Record<string, string> {
  return attempt(() => Cookies.get(), {});
}

/** Options of {@link createConsentStorage}. */
export interface ConsentStorageOptions {
  /** Cookie name. */
  name: string;
  /** Cookie domain; `undefined` for the current host only. */
  domain?: string | undefined;
}

/**
 * Creates the storage of one cookie. Cookies are `path=/`, `SameSite=Lax`,
 * and `Secure` on https pages.
 */
export function createConsentStorage({ name, domain }: ConsentStorageOptions): ConsentStorage {
  const jar = Cookies.withAttributes({
    path: '/',
    sameSite: 'Lax',
    secure: location.protocol === 'https:',
    ...(domain ? { domain } : {}),
  });
  return {
    readCookie: () => attempt(() => jar.get(name), undefined),
    writeCookie: (value, expires) => attempt(() => jar.set(name, value, { expires }), undefined),
    remove: () => attempt(() => jar.remove(name), undefined),
    removeOldMirror: () => attempt(() => localStorage.removeItem(name), undefined),
  };
}
