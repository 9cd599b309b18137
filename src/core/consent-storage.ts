/**
 * Where the consent record lives: the first-party `cg_consent` cookie, written
 * through one js-cookie instance so that writing and removing use the same
 * attributes, and a `localStorage` mirror that restores a lost cookie (Safari
 * caps script-written cookies at 7 days; some cleaners delete cookies only).
 * @packageDocumentation
 */
import Cookies from 'js-cookie';
import { attempt } from './safe.js';

/** Read/write access to the stored consent value (an opaque string). */
export interface ConsentStorage {
  /** The cookie's value, if any. */
  readCookie(): string | undefined;
  /** The mirror's value, if any. */
  readMirror(): string | undefined;
  /** Writes cookie and mirror; the cookie expires at `expires`. */
  write(value: string, expires: Date): void;
  /** Writes only the cookie (restoring it from the mirror). */
  writeCookie(value: string, expires: Date): void;
  /** Writes only the mirror (bringing it up to date with the cookie). */
  writeMirror(value: string): void;
  /** Removes cookie and mirror. */
  remove(): void;
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
  /** Cookie name, also the mirror's `localStorage` key. */
  name: string;
  /** Cookie domain; `undefined` for the current host only. */
  domain?: string | undefined;
}

/**
 * Creates the cookie-plus-mirror storage. Cookies are `path=/`,
 * `SameSite=Lax`, and `Secure` on https pages.
 */
export function createConsentStorage({ name, domain }: ConsentStorageOptions): ConsentStorage {
  const jar = Cookies.withAttributes({
    path: '/',
    sameSite: 'Lax',
    secure: location.protocol === 'https:',
    ...(domain ? { domain } : {}),
  });
  const mirror = (): Storage | null => attempt(() => window.localStorage, null);
  const writeCookie = (value: string, expires: Date) => attempt(() => jar.set(name, value, { expires }), undefined);
  const writeMirror = (value: string) => attempt(() => mirror()?.setItem(name, value), undefined);
  return {
    readCookie: () => attempt(() => jar.get(name), undefined),
    readMirror: () => attempt(() => mirror()?.getItem(name) ?? undefined, undefined),
    writeCookie,
    writeMirror,
    write(value, expires) {
      writeCookie(value, expires);
      writeMirror(value);
    },
    remove() {
      attempt(() => jar.remove(name), undefined);
      attempt(() => mirror()?.removeItem(name), undefined);
    },
  };
}
