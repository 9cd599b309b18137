/**
 * User-agent classification at ingestion: bot or not, and the browser, operating
 * system and device class stored with each event (so statistics stay pure SQL).
 *
 * Names are the ones a site owner reads, one per product: `Safari` on an iPhone
 * is `Safari` (the device class already says `mobile`), `Samsung Internet`,
 * `macOS`, `ChromeOS`, and every Linux distribution is `Linux`.
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

/**
 * Classifies a user agent; results are cached because a site sees few distinct ones.
 * `screen` (the event's `WxH`) is optional: with it, iPadOS Safari, which sends
 * the same user agent as Safari on a Mac, is recognised as a tablet.
 */
export type AgentClassifier = (userAgent: string | undefined, screen?: string | null) => AgentInfo;

/** Create a classifier with its own bounded cache of `maxEntries` user agents. */
export function createAgentClassifier(maxEntries = 1000): AgentClassifier {
  const cache = new Map<string, AgentInfo>();
  return (userAgent = '', screen) => {
    let info = cache.get(userAgent);
    if (!info) {
      info = classifyAgent(userAgent);
      if (cache.size >= maxEntries) cache.clear();
      cache.set(userAgent, info);
    }
    return screen && info.os === 'macOS' && isIpadScreen(screen) ? { ...info, os: 'iOS', device: 'tablet' } : info;
  };
}

/** Classify one user agent, without a cache. */
export function classifyAgent(userAgent: string): AgentInfo {
  const parsed = new UAParser(userAgent).getResult();
  const os = osName(parsed.os.name);
  return {
    bot: isbot(userAgent),
    browser: browserName(parsed.browser.name),
    os,
    device: deviceClass(parsed.device.type, os, userAgent),
  };
}

/** ua-parser-js names that say the same product as another name, or a form (mobile) the device class already says. */
const BROWSER_NAMES: Record<string, string> = {
  'Mobile Safari': 'Safari',
  'Mobile Chrome': 'Chrome',
  'Mobile Firefox': 'Firefox',
  'Samsung Browser': 'Samsung Internet',
  IE: 'Internet Explorer',
  IEMobile: 'Internet Explorer',
};

function browserName(name: string | undefined): string | null {
  return name ? (BROWSER_NAMES[name] ?? name) : null;
}

const OS_NAMES: Record<string, string> = {
  'Mac OS': 'macOS',
  'Chromium OS': 'ChromeOS',
};

/** Distributions ua-parser-js names on their own (in the user agent's case); a site owner asks "how many on Linux". */
const LINUX_DISTRIBUTION =
  /^(?:[klnx]?ubuntu|arch|centos|debian|deepin|elementary os|fedora|gentoo|gnu|knoppix|linpus|linspire|linux mint|mageia|mandriva|manjaro|mint|opensuse|pclinuxos|raspbian|red ?hat|sabayon|slackware|suse|vectorlinux|zenwalk)$/i;

function osName(name: string | undefined): string | null {
  if (!name) return null;
  if (LINUX_DISTRIBUTION.test(name)) return 'Linux';
  return OS_NAMES[name] ?? name;
}

/**
 * ua-parser-js says `mobile`, `tablet`, `wearable`, `smarttv`, `console`,
 * `embedded` or nothing. Android and iOS without a known model still decide:
 * Android phones send `Mobile`, tablets do not (Google's own rule for Chrome).
 * An empty user agent is unknown; everything else is a desktop.
 */
function deviceClass(type: string | undefined, os: string | null, userAgent: string): DeviceClass | null {
  if (!userAgent) return null;
  if (type === 'mobile' || type === 'wearable') return 'mobile';
  if (type === 'tablet') return 'tablet';
  if (type === undefined) {
    if (os === 'Android') return /Mobile|Opera Mini|Opera Mobi/.test(userAgent) ? 'mobile' : 'tablet';
    if (os === 'iOS') return /iPad/.test(userAgent) ? 'tablet' : 'mobile';
    if (os === 'Windows Phone' || os === 'KaiOS') return 'mobile';
  }
  return 'desktop';
}

/**
 * Screen sizes (CSS pixels, as `screen.width` x `screen.height`) of iPads, in
 * either orientation. Since iPadOS 13 Safari sends a Mac user agent; no Mac
 * display has one of these sizes. 1024x768, the old iPads' landscape size, is
 * left out: old Mac displays and projectors have it too.
 */
const IPAD_SCREENS = new Set(
  ['768x1024', '744x1133', '810x1080', '820x1180', '834x1112', '834x1194', '834x1210', '1024x1366', '1032x1376'].flatMap((size) => {
    const [width, height] = size.split('x');
    return width === '768' ? [size] : [size, `${height}x${width}`];
  }),
);

function isIpadScreen(screen: string): boolean {
  return IPAD_SCREENS.has(screen);
}
