/**
 * The store cannot be used right now (the collector answers 503 with
 * `Retry-After` while its store is unavailable). Each store turns its driver's
 * errors that mean "away" (connection refused or lost, a timeout, database
 * locked or full) into this error; any other error is the request's own.
 * @packageDocumentation
 */

/** Thrown by a store while it is unavailable; the HTTP layer answers 503 with `Retry-After`. */
export class StoreUnavailableError extends Error {
  /** HTTP status the collector answers with. */
  readonly statusCode = 503;

  /**
   * @param message - what is unavailable, for the `error` field of the answer
   * @param retryAfterSeconds - when the client may try again (`Retry-After`)
   * @param cause - the driver's error, if any
   * @param outage - true when the store as a whole is away (every operation
   *   is refused at once for `retryAfterSeconds`: storage/availability.ts);
   *   false when only this operation ran out of time (a statement timeout)
   */
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    cause?: unknown,
    readonly outage = true,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'StoreUnavailableError';
  }
}
