/**
 * What the statistics of both stores share: the ranked-list length, the
 * timestamps bounding a range of days, and the consent shares, computed here
 * once so that SQLite and PostgreSQL answer to the same digit.
 * @packageDocumentation
 */

import type { ConsentCounts, ConsentStats, StatsRange } from './storage.js';

/** How many rows the ranked lists (`topPages`, `referrers`, `browsers`) hold. */
export const TOP_LIMIT = 10;

/** The method → `ConsentCounts` key mapping, in the order the SQL computes them. */
export const CONSENT_METHODS = [
  ['accept-all', 'acceptAll'],
  ['reject-all', 'rejectAll'],
  ['custom', 'custom'],
  ['gpc', 'gpc'],
] as const;

/** Start (inclusive) and end (exclusive) of a range of UTC days, as ISO timestamps. */
export function rangeBounds(range: StatsRange): { start: string; end: string } {
  const end = new Date(`${range.to}T00:00:00.000Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  return { start: `${range.from}T00:00:00.000Z`, end: end.toISOString() };
}

/** Assemble the `consents` figures from the totals and the per-day counts. */
export function consentStats(totals: ConsentCounts, days: ({ date: string } & ConsentCounts)[]): ConsentStats {
  const share = (count: number): number => (totals.total === 0 ? 0 : Math.round((count / totals.total) * 10_000) / 10_000);
  return {
    ...totals,
    shares: {
      acceptAll: share(totals.acceptAll),
      rejectAll: share(totals.rejectAll),
      custom: share(totals.custom),
      gpc: share(totals.gpc),
    },
    days,
  };
}
