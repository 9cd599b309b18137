/**
 * Whether a store is worth trying: once an operation found the store away,
 * further operations fail at once with the same {@link StoreUnavailableError}
 * until its `Retry-After` has passed, instead of each one waiting for its own
 * timeout (a database that stopped answering) or holding the event loop in a
 * busy wait (SQLite locked). After that, the next operations try again: the
 * store recovers by itself as soon as it answers. `GET /health` asks it with
 * {@link StoreAvailability.probe}.
 * @packageDocumentation
 */

import { StoreUnavailableError } from './store-unavailable.js';

/**
 * How long `GET /health` waits for a store's check before it reports the
 * store unavailable: a load balancer's health check gets its answer in time
 * even from a database that stopped answering.
 */
export const HEALTH_CHECK_TIMEOUT_MS = 2_000;

/** What a {@link StoreAvailability.probe} found. */
export type StoreState = { state: 'available' } | { state: 'unavailable'; retryAfterSeconds: number };

/** A store's availability, shared by its write queue and its reads. */
export class StoreAvailability {
  private _until = 0;
  private _error: StoreUnavailableError | undefined;
  private _probing: Promise<unknown> | undefined;

  /**
   * @param onChange - hears when the store goes away (with the error) and when it is back (without);
   *   called once per change, so an outage is reported once, not per request
   * @param now - clock in milliseconds (replaceable in tests)
   */
  constructor(
    private readonly onChange: (error?: StoreUnavailableError) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  /** The error of the outage under way, or undefined when the store may be tried. */
  get outage(): StoreUnavailableError | undefined {
    return this._error && this.now() < this._until ? this._error : undefined;
  }

  /** Throw the outage's error while the store is known to be away. */
  check(): void {
    const outage = this.outage;
    if (outage) throw outage;
  }

  /**
   * Record the outage `error` found: operations fail at once for its
   * `retryAfterSeconds`. An error of one slow operation (`outage` false) is no outage.
   */
  down(error: StoreUnavailableError): void {
    if (!error.outage) return;
    if (!this._error) this.onChange(error);
    this._error = error;
    this._until = this.now() + error.retryAfterSeconds * 1000;
  }

  /** Record a success: the store is back. */
  up(): void {
    if (!this._error) return;
    this._error = undefined;
    this._until = 0;
    this.onChange();
  }

  /**
   * Whether the store can be used now, for `GET /health`. While an outage is
   * known it is unavailable at once, and the store is not asked. Otherwise
   * `check` (something cheap that needs the store as a request would) runs
   * through {@link run}, so that what it finds counts for every request: an
   * outage recorded, or the end of one. Concurrent callers share one check;
   * one that has not answered within `timeoutMs` makes the store unavailable
   * for this answer and goes on, recording what it finds when it does.
   */
  async probe(
    check: () => unknown,
    classify: (error: unknown) => StoreUnavailableError | null,
    timeoutMs = HEALTH_CHECK_TIMEOUT_MS,
  ): Promise<StoreState> {
    const known = this.outage;
    if (known) return { state: 'unavailable', retryAfterSeconds: known.retryAfterSeconds };
    const checking = (this._probing ??= this.run(check, classify).finally(() => (this._probing = undefined)));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, timeoutMs, 'late')));
    try {
      const answer = await Promise.race([checking.then(() => 'answered' as const), late]);
      if (answer === 'late') return { state: 'unavailable', retryAfterSeconds: Math.ceil(timeoutMs / 1000) };
      return { state: 'available' };
    } catch (error) {
      if (error instanceof StoreUnavailableError) return { state: 'unavailable', retryAfterSeconds: error.retryAfterSeconds };
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Run `operation` unless the store is away; an error that `classify` turns
   * into a {@link StoreUnavailableError} records an outage and is thrown as
   * that, any other error is thrown as it is.
   */
  async run<T>(operation: () => T | Promise<T>, classify: (error: unknown) => StoreUnavailableError | null): Promise<T> {
    this.check();
    try {
      const result = await operation();
      this.up();
      return result;
    } catch (error) {
      const away = error instanceof StoreUnavailableError ? error : classify(error);
      if (!away) throw error;
      this.down(away);
      throw away;
    }
  }
}
