/**
 * In-page hooks, installed before any page script runs: every
 * `document.cookie` write, `cookieStore.set`, `Storage.setItem` and
 * `indexedDB.open` is reported to the scanner with the JavaScript stack of the
 * call, from which {@link scriptFromStack} names the script that made it.
 * @packageDocumentation
 */
import type { BrowserContext } from 'playwright-core';

/** Name of the binding the hooks report through. */
export const HOOK_BINDING = '__consentGateScan';

/** What a hook reports. */
export interface WriteRecord {
  /** `cookie` (its raw `document.cookie` string), `localStorage`, `sessionStorage` or `indexedDB`. */
  kind: 'cookie' | 'localStorage' | 'sessionStorage' | 'indexedDB';
  /** The raw cookie string, the storage key or the database name. */
  value: string;
  /** `new Error().stack` at the call. */
  stack: string;
  /** URL of the frame's document. */
  frameUrl: string;
}

/**
 * Installs the hooks in every page and frame of `context` and calls `onWrite`
 * for each write. Page code can call the binding too; what it sends is checked
 * and treated as data only.
 */
export async function installHooks(context: BrowserContext, onWrite: (record: WriteRecord) => void): Promise<void> {
  await context.exposeBinding(HOOK_BINDING, (_source, payload: unknown) => {
    const record = payload as Partial<WriteRecord> | null;
    const kinds = ['cookie', 'localStorage', 'sessionStorage', 'indexedDB'];
    if (!record || !kinds.includes(record.kind as string) || typeof record.value !== 'string') return;
    onWrite({
      kind: record.kind as WriteRecord['kind'],
      value: record.value.slice(0, 4096),
      stack: typeof record.stack === 'string' ? record.stack.slice(0, 20_000) : '',
      frameUrl: typeof record.frameUrl === 'string' ? record.frameUrl : '',
    });
  });
  // `__name`: TypeScript loaders such as tsx wrap named functions in a helper the page does not have.
  await context.addInitScript({
    content: `(() => { const __name = (f) => f; (${pageHooks.toString()})(${JSON.stringify(HOOK_BINDING)}); })();`,
  });
}

/** Runs in the page (serialised with `toString()`): keep it self-contained. */
function pageHooks(binding: string): void {
  const w = window as unknown as Record<string, unknown>;
  const send = w[binding] as ((record: unknown) => Promise<void>) | undefined;
  if (typeof send !== 'function') return;
  // A cookie is its name and domain: `a=1; domain=.shop.example` → `a@shop.example`.
  const cookieId = (text: string): string => {
    const name = (text.split(';', 1)[0] ?? '').split('=', 1)[0]?.trim() ?? '';
    const domain = /;\s*domain=([^;]*)/i.exec(text)?.[1]?.trim().replace(/^\./, '').toLowerCase() ?? '';
    return `${name}@${domain}`;
  };
  // Only the first write of an item matters (it names who created it): later ones are not sent.
  const seen = new Set<string>();
  const report = (kind: string, value: unknown): void => {
    try {
      const text = String(value);
      const id = `${kind}\u0000${kind === 'cookie' ? cookieId(text) : text}`;
      if (seen.has(id) || seen.size > 10_000) return;
      seen.add(id);
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 64;
      const stack = new Error().stack ?? '';
      Error.stackTraceLimit = limit;
      send({ kind, value: text, stack, frameUrl: location.href }).catch(() => undefined);
    } catch {
      // A hook must never break the page.
    }
  };
  try {
    const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
    if (cookie?.get && cookie.set) {
      const { get, set } = cookie;
      Object.defineProperty(Document.prototype, 'cookie', {
        configurable: true,
        enumerable: cookie.enumerable,
        get() {
          return get.call(this);
        },
        set(value: unknown) {
          report('cookie', value);
          set.call(this, value);
        },
      });
    }
  } catch {
    // Keep the page working without this hook.
  }
  try {
    const store = (window as unknown as { CookieStore?: { prototype: { set: (...args: unknown[]) => unknown } } }).CookieStore;
    if (store) {
      const original = store.prototype.set;
      store.prototype.set = function (this: unknown, ...args: unknown[]) {
        const first = args[0] as { name?: unknown; value?: unknown; domain?: unknown } | string;
        if (typeof first === 'string') report('cookie', `${first}=${String(args[1] ?? '')}`);
        else if (first && typeof first === 'object')
          report('cookie', `${String(first.name)}=${String(first.value ?? '')}${first.domain ? `; domain=${String(first.domain)}` : ''}`);
        return original.apply(this, args);
      };
    }
  } catch {
    // Keep the page working without this hook.
  }
  try {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
      let area = 'sessionStorage';
      try {
        if (this === window.localStorage) area = 'localStorage';
      } catch {
        // Storage blocked: the write below throws as it would have.
      }
      report(area, key);
      return setItem.call(this, key, value);
    };
  } catch {
    // Keep the page working without this hook.
  }
  try {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
      report('indexedDB', name);
      return version === undefined ? open.call(this, name) : open.call(this, name, version);
    };
  } catch {
    // Keep the page working without this hook.
  }
}
