/**
 * User-agent classification at ingestion: bot or not, and the browser name
 * stored for statistics (so `/stats` stays pure SQL).
 * @packageDocumentation
 */

import { isbot } from 'isbot';
import UAParser from 'ua-parser-js';

/** What the collector derives from a `User-Agent` header. */
export interface AgentInfo {
  /** A crawler, monitor or other non-human client: its events are dropped. */
  bot: boolean;
  /** Browser name (e.g. `Chrome`), or null when unknown. */
  browser: string | null;
}

/** Classifies a user agent; results are cached because a site sees few distinct ones. */
export type AgentClassifier = (userAgent: string | undefined) => AgentInfo;

/** Create a classifier with its own bounded cache of `maxEntries` user agents. */
export function createAgentClassifier(maxEntries = 1000): AgentClassifier {
  const cache = new Map<string, AgentInfo>();
  return (userAgent = '') => {
    let info = cache.get(userAgent);
    if (!info) {
      info = {
        bot: isbot(userAgent),
        browser: new UAParser(userAgent).getBrowser().name ?? null,
      };
      if (cache.size >= maxEntries) cache.clear();
      cache.set(userAgent, info);
    }
    return info;
  };
}
