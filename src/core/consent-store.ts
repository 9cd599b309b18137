/**
 * The visitor's consent decision: loaded from the cookie, validated against
 * the configuration (schema, revision, expiry), changed by the visitor, and
 * kept in memory when storage is unavailable.
 * @packageDocumentation
 */
import type { ResolvedConfig } from './config-types.js';
import { decodeStored, encodeConsent, encodeStored, normaliseChoices, restamp } from './consent-codec.js';
import type { ConsentStorage } from './consent-storage.js';
import type { ConsentMethod, ConsentState } from './types.js';
import { whenIdle } from './when-idle.js';

const DAY_MS = 86_400_000;

/** Today as a record's `written` day: `YYYY-MM-DD`, UTC. */
const today = () => new Date().toISOString().slice(0, 10);

/** Creates a random consent id; `crypto.randomUUID` needs a secure context, so fall back to `getRandomValues`. */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Holds the current decision and persists every change. */
export class ConsentStore {
  private _state: ConsentState | null = null;
  /** The current decision was made on this page and could not be stored (cookies blocked). */
  private _memoryOnly = false;
  /** Counts loads, decisions and clears: work a load left for an idle moment acts only if nothing followed it. */
  private _ticket = 0;

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
   * revision, or older than its lifetime counts as no choice. Returns whether
   * the state changed.
   *
   * A valid cookie the script wrote on an earlier day is written again, the
   * same record with its original expiry (counted from the decision, never
   * extended), once a day: Safari caps a script-written cookie at 7 days from
   * its last write, so a visitor who comes back within the week keeps their
   * choice. The record's `written` day says whether that happened today, so it
   * needs no storage of its own. A cookie without `written` was issued by the
   * collector with the full lifetime, which a script write would shorten in
   * Safari, or written by version 0.1.0 and earlier: it is left as it is, and
   * the `localStorage` copy those versions kept is deleted instead. Both wait
   * for an idle moment: this page does not need them. A first visit (no
   * cookie) touches no storage at all.
   */
  load(): boolean {
    const raw = this._storage.readCookie();
    const stored = decodeStored(raw, this._config.categories);
    const state =
      stored && stored.state.revision === this._config.revision && this._expiry(stored.state).getTime() > Date.now() ? stored.state : null;
    const ticket = ++this._ticket;
    // Where nothing can be stored, a re-read (another tab, the back/forward cache) must not lose the page's choice.
    if (this._memoryOnly && raw === undefined) return false;
    if (state && stored!.written !== today()) whenIdle(() => this._keep(ticket, raw!, state, stored!.written));
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
    const value = encodeStored(state, today());
    this._ticket++;
    this._storage.writeCookie(value, this._expiry(state));
    this._memoryOnly = this._storage.readCookie() !== value;
    // A copy from version 0.1.0 and earlier may hold an older decision (a lost, expired or outdated cookie's).
    whenIdle(() => this._storage.removeOldMirror());
    this._set(state);
    return state;
  }

  /** Sets an unstored decision (GPC/DNT) that lives only for this page. */
  assume(state: ConsentState): void {
    this._set(state);
  }

  /** Forgets the decision: removes the cookie (and an old `localStorage` copy). */
  clear(): void {
    this._ticket++;
    this._storage.remove();
    this._storage.removeOldMirror();
    this._memoryOnly = false;
    this._set(null);
  }

  /** The idle work of a load (see {@link load}), unless a load, decision or clear came after it, or the cookie changed meanwhile. */
  private _keep(ticket: number, raw: string, state: ConsentState, written: string | undefined): void {
    if (ticket !== this._ticket || this._storage.readCookie() !== raw) return;
    if (written === undefined) this._storage.removeOldMirror();
    else this._storage.writeCookie(restamp(raw, today()), this._expiry(state));
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
