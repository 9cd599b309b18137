/**
 * An error carrying the HTTP status the collector answers with.
 * @packageDocumentation
 */

/** Thrown by handlers; the error handler answers `statusCode` with `{ error: message }`. */
export class HttpError extends Error {
  /**
   * @param statusCode - HTTP status to answer with
   * @param message - text of the `error` field
   */
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}
