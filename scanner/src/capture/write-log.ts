/**
 * The first writer of each cookie and storage key, from the in-page hooks and
 * the Set-Cookie headers, and the chain of scripts that loaded it.
 * @packageDocumentation
 */
import { scriptFromStack, viaChain } from '../attribution.js';
import type { WriteRecord } from './hooks.js';
import { parseCookieLine, type NetworkRecorder } from './requests.js';

/** Who wrote an item. */
export interface Writer {
  /** The script (or Set-Cookie response) URL, or `null` when unknown. */
  setBy: string | null;
  /** The scripts that loaded `setBy`, outermost first. */
  via: string[];
}

interface Write {
  setBy: string | null;
  at: number;
}

/** Collects writes during one phase and answers who wrote what. */
export class WriteLog {
  private readonly _cookies = new Map<string, Write>();
  private readonly _storage = new Map<string, Write>();

  /** Records one hook report (first write of each item wins). */
  add(record: WriteRecord, at = Date.now()): void {
    const setBy = scriptFromStack(record.stack);
    if (record.kind === 'cookie') {
      const host = hostOf(record.frameUrl);
      if (host === null) return;
      const parsed = parseCookieLine(record.value, host);
      if (parsed) this._first(this._cookies, cookieKey(parsed.name, parsed.domain), { setBy, at });
    } else {
      this._first(this._storage, `${record.kind}\u0000${record.value}`, { setBy, at });
    }
  }

  /** The writer of a cookie of the jar: a script's `document.cookie` write or a Set-Cookie header, whichever came first. */
  cookieWriter(name: string, domain: string, network: NetworkRecorder): Writer {
    const bare = domain.replace(/^\./, '').toLowerCase();
    const fromScript = this._cookies.get(cookieKey(name, bare));
    const header = network.setCookies.find((c) => c.name === name && c.domain === bare);
    const first = header && (!fromScript || header.at <= fromScript.at) ? { setBy: header.url, at: header.at } : fromScript;
    return this._withVia(first?.setBy ?? null, network);
  }

  /** The writer of a storage key (`area` = localStorage, sessionStorage or indexedDB). */
  storageWriter(area: string, key: string, network: NetworkRecorder): Writer {
    return this._withVia(this._storage.get(`${area}\u0000${key}`)?.setBy ?? null, network);
  }

  private _withVia(setBy: string | null, network: NetworkRecorder): Writer {
    // A Set-Cookie response made by a script names that script's loaders too.
    const via = setBy ? viaChain(network.loaders.has(setBy) ? setBy : network.initiatorOf(setBy), network.loaders, network.documents) : [];
    if (setBy && !network.loaders.has(setBy)) {
      const initiator = network.initiatorOf(setBy);
      if (initiator && !network.documents.has(initiator)) via.push(initiator);
    }
    return { setBy, via };
  }

  private _first(map: Map<string, Write>, key: string, write: Write): void {
    if (!map.has(key)) map.set(key, write);
  }
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

function cookieKey(name: string, domain: string): string {
  return `${name}\u0000${domain}`;
}
