/**
 * Keeps open tabs of one site in step. Cookies fire no `storage` event, so a
 * change is announced on a BroadcastChannel; the receiving tab re-reads the
 * stored record rather than trusting the message. A page restored from the
 * back/forward cache re-reads it too (`pageshow`).
 * @packageDocumentation
 */

/** Announces changes and calls `onRemoteChange` when another tab (or a restored page) may hold a newer record. */
export interface TabSync {
  /** Tells the other tabs to re-read the stored record. */
  announce(): void;
  /** Stops listening. */
  close(): void;
}

/** Starts tab synchronisation on `channelName`. Works without BroadcastChannel (no cross-tab sync then). */
export function startTabSync(channelName: string, onRemoteChange: () => void): TabSync {
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
    },
  };
}
