/**
 * Counters of one collector instance, exposed by `GET /health`.
 * @packageDocumentation
 */

/** Event counters since the process started. */
export class CollectorMetrics {
  /** Events stored (acknowledged with 202). */
  acceptedEvents = 0;
  /** Events from bot user agents: answered 202, not stored. */
  droppedBots = 0;
  /** Events refused with 403 for lack of analytics consent. */
  refusedNoConsent = 0;
  /** Proof-of-consent records stored. */
  consentRecords = 0;
}
