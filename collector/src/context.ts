/**
 * What the route modules share: the store, the counters and the configured policies.
 * @packageDocumentation
 */

import type { Enricher } from './enrichment/index.js';
import type { IpMode } from './ip.js';
import type { CollectorMetrics } from './metrics.js';
import type { Storage } from './storage/storage.js';
import type { AgentClassifier } from './user-agent.js';

/** Dependencies of the routes of one collector instance. */
export interface CollectorContext {
  /** Where events and consent records go. */
  storage: Storage;
  /** Counters shown by `/health`. */
  metrics: CollectorMetrics;
  /** Bot detection and device facts (browser, OS, device class), cached. */
  classifyAgent: AgentClassifier;
  /** Place (country, ISP) and acquisition (source, channel) of each event, at ingestion. */
  enricher: Enricher;
  /** The reporting time zone (IANA name) of the query API. */
  timezone: string;
  /** How much of the client IP is stored with events. */
  ipMode: IpMode;
  /** True when an `Authorization` header carries the admin token. */
  isAdmin: (authorization: string | undefined) => boolean;
  /** `Domain` for the re-issued consent cookie; no cookie without it. */
  cookieDomain: string | undefined;
  /** Server clock (replaceable in tests of the app). */
  clock: () => Date;
}
