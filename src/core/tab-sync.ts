/**
 * Keeps open tabs of one site in step. Cookies fire no `storage` event, so a
 * change is announced on a BroadcastChannel; the receiving tab re-reads the
 * stored record rather than trusting the message. A page restored from the
 * back/forward cache re-reads it too (`pageshow`). A BroadcastChannel reaches
 * one origin only; a consent cookie shared by subdomains (`cookieDomain`) is
 * also watched with the Cookie Store API where the browser has it (secure
 * pages), so open tabs on other subdomains follow at once too.
 * @packageDocumentation
 */

/** The part of the Cookie Store API used here (`window.cookieStore`, secure contexts only). */
interface CookieChangeSource {
  addEventListener(type: 'change', listener: (event: { changed: { name?: string }[]; deleted: { name?: string }[] }) => void): void;
  removeEventListener(type: 'change', listener: (event: never) => void): void;
}

/** Announces changes and calls `onRemoteChange` when another tab (or a restored page) may hold a newer record. */
export interface TabSync {
  /** Tells the other tabs to re-read the stored record. */
  announce(): void;
  /** Stops listening. */
  close(): void;
}

/**
 * Starts tab synchronisation on `channelName`; with `sharedCookie`, also calls
 * `onRemoteChange` when that cookie changes (from any page of the site). Works
 * without BroadcastChannel or the Cookie Store API (no cross-tab sync then).
 */
export function startTabSync(channelName: string, onRemoteChange: () => void, sharedCookie?: string): TabSync {
  let channel: BroadcastChannel | null = null;
  try {
    channel = new BroadcastChannel(channelName);
    channel.onmessage = () => onRemoteChange();
  } catch {
    channel = null;
  }
  const onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted) onRemoteChange();
  };
  addEventListener('pageshow', onPageShow);
  const cookies = sharedCookie ? (window as { cookieStore?: CookieChangeSource }).cookieStore : undefined;
  const onCookieChange = ({ changed, deleted }: { changed: { name?: string }[]; deleted: { name?: string }[] }) => {
    if ([...changed, ...deleted].some((cookie) => cookie.name === sharedCookie)) onRemoteChange();
  };
  cookies?.addEventListener('change', onCookieChange);
  return {
    announce: () => {
      try {
        channel?.postMessage(1);
      } catch {
        // a closed channel has nobody to tell
      }
    },
    close: () => {
      channel?.close();
      removeEventListener('pageshow', onPageShow);
      cookies?.removeEventListener('change', onCookieChange);
    },
  };
}
