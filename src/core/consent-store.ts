/**
 * The visitor's consent decision: loaded from storage, validated against the
 * configuration (schema, revision, expiry), changed by the visitor, and kept
 * in memory when storage is unavailable.
 * @packageDocumentation
 */
import type { ResolvedConfig } from './config-types.js';
import { decodeConsent, encodeConsent, normaliseChoices } from './consent-codec.js';
import type { ConsentStorage } from './consent-storage.js';
import type { ConsentMethod, ConsentState } from './types.js';
import { whenIdle } from './when-idle.js';

const DAY_MS = 86_400_000;

/** Creates a random consent id; `crypto.randomUUID` needs a secure context, so fall back to `getRandomValues`. */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Holds the current decision and persists every change. */
export class ConsentStore {
  private _state: ConsentState | null = null;
  /** The current decision was made on this page and could not be stored (cookies and storage blocked). */
  private _memoryOnly = false;
  /** Counts loads, decisions and clears: a mirror refresh scheduled by a load acts only if nothing followed it. */
  private _mirrorTicket = 0;

  constructor(
    private readonly _config: ResolvedConfig,
    private readonly _storage: ConsentStorage,
  ) {}

  /** The current decision, or `null` when the visitor has not chosen. */
  get state(): ConsentState | null {
    return this._state;
  }

  /**
   * Reads the stored decision. A record that is invalid, from another
   * revision, or older than its lifetime counts as no choice. When the cookie
   * is gone but the mirror holds a valid record, the cookie is restored with
   * its remaining lifetime. A valid cookie brings an outdated mirror up to
   * date: with `cookieDomain`, another subdomain may have changed the
   * decision, and this origin's mirror must not bring back the old one. This
   * page does not need the mirror, so that refresh waits for an idle moment
   * (see {@link whenIdle}) instead of holding up the first paint.
   * Returns whether the state changed.
   */
  load(): boolean {
    const valid = (raw: string | undefined) => {
      const state = decodeConsent(raw, this._config.categories);
      return state && state.revision === this._config.revision && this._expiry(state).getTime() > Date.now() ? state : null;
    };
    const cookie = this._storage.readCookie();
    let state = valid(cookie);
    const ticket = ++this._mirrorTicket;
    if (state) {
      whenIdle(() => {
        // A later load, decision or clear wrote (or removed) the mirror itself; a cookie deleted
        // meanwhile (by the site, or a test) must not come back through the mirror.
        if (ticket !== this._mirrorTicket || this._storage.readCookie() !== cookie) return;
        if (this._storage.readMirror() !== cookie) this._storage.writeMirror(cookie!);
      });
    } else {
      const mirror = this._storage.readMirror();
      // Where nothing can be stored, a re-read (another tab, the back/forward cache) must not lose the page's choice.
      if (this._memoryOnly && cookie === undefined && mirror === undefined) return false;
      state = valid(mirror);
      if (state) this._storage.writeCookie(encodeConsent(state), this._expiry(state));
    }
    return this._set(state);
  }

  /**
   * Records a decision. `choices` are merged over the current ones (a partial
   * update); required categories stay granted. The consent id is kept across
   * changes so the log shows one visitor's history.
   */
  decide(choices: Record<string, boolean>, method: ConsentMethod): ConsentState {
    const state: ConsentState = {
      id: this._state?.id ?? randomId(),
      revision: this._config.revision,
      timestamp: new Date().toISOString(),
      method,
      categories: normaliseChoices(this._config.categories, { ...this._state?.categories, ...choices }),
    };
    const value = encodeConsent(state);
    this._mirrorTicket++;
    this._storage.write(value, this._expiry(state));
    this._memoryOnly = this._storage.readCookie() !== value && this._storage.readMirror() !== value;
    this._set(state);
    return state;
  }

  /** Sets an unstored decision (GPC/DNT) that lives only for this page. */
  assume(state: ConsentState): void {
    this._set(state);
  }

  /** Forgets the decision: removes cookie and mirror. */
  clear(): void {
    this._mirrorTicket++;
    this._storage.remove();
    this._memoryOnly = false;
    this._set(null);
  }

  private _expiry(state: ConsentState): Date {
    return new Date(Date.parse(state.timestamp) + this._config.expiresDays * DAY_MS);
  }

  private _set(state: ConsentState | null): boolean {
    const changed = (state && encodeConsent(state)) !== (this._state && encodeConsent(this._state));
    this._state = state;
    return changed;
  }
}
