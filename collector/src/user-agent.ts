/**
 * User-agent classification at ingestion: bot or not, and the browser name
 * stored for statistics (so `/stats` stays pure SQL).
 * @packageDocumentation
 */

import { isbot } from 'isbot';
import UAParser from 'ua-parser-js';
import type { DeviceClass } from './enrichment/types.js';

/** What the collector derives from a `User-Agent` header. */
export interface AgentInfo {
  /** A crawler, monitor or other non-human client: its events are dropped. */
  bot: boolean;
  /** Browser name (e.g. `Chrome`), or null when unknown. */
  browser: string | null;
  /** Operating system name (e.g. `Android`), or null when unknown. */
  os: string | null;
  /** Device class; a user agent that names no mobile or tablet device is a desktop. */
  device: DeviceClass | null;
}

/** Classifies a user agent; results are cached because a site sees few distinct ones. */
export type AgentClassifier = (userAgent: string | undefined) => AgentInfo;

/** Create a classifier with its own bounded cache of `maxEntries` user agents. */
export function createAgentClassifier(maxEntries = 1000): AgentClassifier {
  const cache = new Map<string, AgentInfo>();
  return (userAgent = '') => {
    let info = cache.get(userAgent);
    if (!info) {
      const parsed = new UAParser(userAgent).getResult();
      info = {
        bot: isbot(userAgent),
        browser: parsed.browser.name ?? null,
        os: parsed.os.name ?? null,
        device: deviceClass(parsed.device.type, userAgent),
      };
      if (cache.size >= maxEntries) cache.clear();
      cache.set(userAgent, info);
    }
    return info;
  };
}

/** ua-parser-js names `mobile`, `tablet` and others; an empty user agent is unknown. */
function deviceClass(type: string | undefined, userAgent: string): DeviceClass | null {
  if (!userAgent) return null;
  if (type === 'mobile' || type === 'wearable') return 'mobile';
  if (type === 'tablet') return 'tablet';
  return 'desktop';
}
