/**
 * Whether a store is worth trying: once an operation found the store away,
 * further operations fail at once with the same {@link StoreUnavailableError}
 * until its `Retry-After` has passed, instead of each one waiting for its own
 * timeout (a database that stopped answering) or holding the event loop in a
 * busy wait (SQLite locked). After that, the next operations try again: the
 * store recovers by itself as soon as it answers.
 * @packageDocumentation
 */

import { StoreUnavailableError } from './store-unavailable.js';

/** A store's availability, shared by its write queue and its reads. */
export class StoreAvailability {
  private _until = 0;
  private _error: StoreUnavailableError | undefined;

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
