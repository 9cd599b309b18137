/**
 * One phase of a scan, in a fresh browser profile: visit the pages (deciding
 * first in the decision phases), then read the jar, the storage and the
 * requests.
 * @packageDocumentation
 */
import type { Page } from 'playwright-core';
import { presentAsChrome, type Profile } from './browser.js';
import { collectCookies, type SeenCookie } from './capture/cookies.js';
import { installHooks } from './capture/hooks.js';
import { NetworkRecorder } from './capture/requests.js';
import { attributeStorage, readStorage, type SeenStorage } from './capture/storage.js';
import { WriteLog } from './capture/write-log.js';
import { decide, hasConsentGate, readDeclaration, type Choice, type SiteDeclaration } from './consent.js';
import type { Progress } from './progress.js';
import type { PhaseName, RequestItem, StorageArea } from './types.js';

/** Timing options shared by every phase. */
export interface PhaseOptions {
  /** A page counts as settled after this long without a request in flight. Default 500 ms. */
  quietMs?: number;
  /** Shortest stay on a page, for trackers that write from timers. Default 1500 ms. */
  dwellMs?: number;
  /** Longest wait for a page to settle. Default 5000 ms. */
  settleMs?: number;
  /** Longest wait for a page load. Default 30 000 ms. */
  navigationMs?: number;
  /** Reports each page and step. */
  progress?: Progress;
}

/** What a phase saw, before classification. */
export interface RawPhase {
  /** Cookies with their writers. */
  cookies: SeenCookie[];
  /** When the cookie jar was read (ms): the time their expiry dates count from. */
  cookiesReadAt: number;
  /** Storage items with their writers. */
  storage: SeenStorage[];
  /** Requests (after the decision's reload in the decision phases). */
  requests: RequestItem[];
  /** The page each request was made on (same index as `requests`). */
  requestPages: string[];
  /** How it decided (`-` when the phase does not decide). */
  decision: string;
  /** JPEG of the start page at the end of the phase's first visit. */
  screenshot: Buffer | null;
  /** The start page's status code. */
  status: number | null;
  /** The site's consent-gate declaration, where the start page has consent-gate. */
  declaration: SiteDeclaration | null;
  /** The pages visited, the start page first. */
  pages: string[];
}

const CHOICES: Partial<Record<PhaseName, Choice>> = { 'after-reject': 'reject', 'after-accept': 'accept' };

const SCROLL = `(async () => {
  for (let i = 0; i < 10; i++) {
    const before = window.scrollY;
    window.scrollBy(0, Math.max(400, window.innerHeight));
    await new Promise((r) => setTimeout(r, 80));
    if (window.scrollY === before) break;
  }
  window.scrollTo(0, 0);
})()`;

const IDLE = `new Promise((resolve) => (window.requestIdleCallback ? requestIdleCallback(() => resolve(), { timeout: 2000 }) : setTimeout(resolve, 0)))`;

const LINKS = `Array.from(document.querySelectorAll('a[href]'), (a) => String(a.href)).slice(0, 2000)`;

/** The start page could not be loaded. */
export class UnreachableError extends Error {}

/**
 * Runs phase `name` in `profile` (a fresh browser, launched with GPC for the
 * `gpc` phase; closed at the end) over `pages` (the start page first). With `discover`, it
 * also reads the start page's declaration and links, and visits the pages
 * `discover(links)` picks after the start page.
 */
export async function runPhase(
  name: PhaseName,
  profile: Profile,
  pages: string[],
  options: PhaseOptions,
  discover?: (links: string[]) => string[],
): Promise<RawPhase> {
  const [start, ...rest] = pages;
  let others = rest;
  if (!start) throw new Error('no page to visit');
  try {
    const { context } = profile;
    const log = new WriteLog();
    const network = new NetworkRecorder(start);
    await installHooks(context, (record) => log.add(record));
    const page = context.pages()[0] ?? (await context.newPage());
    const session = await context.newCDPSession(page);
    await presentAsChrome(session);
    await network.attach(session);
    const storage = new Map<string, { area: StorageArea; key: string }>();
    const settle = async () => {
      const since = Date.now();
      await page.evaluate(SCROLL).catch(() => undefined);
      await network.settle(options.quietMs ?? 500, options.settleMs ?? 5000);
      // Trackers often write from timers after the load: stay a little, and until the page's main thread is idle.
      const dwell = (options.dwellMs ?? 1500) - (Date.now() - since);
      if (dwell > 0) await new Promise((resolve) => setTimeout(resolve, dwell));
      await page.evaluate(IDLE).catch(() => undefined);
      await network.settle(options.quietMs ?? 500, options.settleMs ?? 5000);
    };
    const visit = async (url: string, step: string) => {
      options.progress?.(`${name}: ${step} ${url}`);
      network.visiting(url);
      const response = await page.goto(url, { waitUntil: 'load', timeout: options.navigationMs ?? 30_000 });
      await settle();
      return response?.status() ?? null;
    };

    let status: number | null;
    try {
      status = await visit(start, 'loading');
    } catch (error) {
      throw new UnreachableError(`${start} could not be loaded: ${(error as Error).message.split('\n')[0]}`);
    }
    const choice = CHOICES[name];
    // consent-gate's script is deferred: give it time where the phase needs to know.
    const gate = await hasConsentGate(page, discover ? 5000 : choice ? 3000 : 500);
    const declaration = gate ? await readDeclaration(page) : null;
    if (discover) {
      const links = ((await page.evaluate(LINKS).catch(() => [])) as unknown[]).filter((l): l is string => typeof l === 'string');
      others = discover(links);
    }
    let decision = '-';
    if (choice) {
      options.progress?.(`${name}: ${choice === 'accept' ? 'accepting' : 'rejecting'} on ${start}`);
      decision = await decide(page, choice, gate);
      await network.settle(options.quietMs ?? 500, options.settleMs ?? 5000);
      network.clearRequests();
      options.progress?.(`${name}: reloading ${start}`);
      await page.reload({ waitUntil: 'load', timeout: options.navigationMs ?? 30_000 });
      await settle();
    }
    await readStorage(page, storage);
    const screenshot = await screenshotOf(page);
    for (const url of others) {
      try {
        await visit(url, 'visiting');
        await readStorage(page, storage);
      } catch (error) {
        options.progress?.(`${name}: ${url} failed: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    const cookiesReadAt = Date.now();
    const cookies = await collectCookies(context, log, network);
    const requests = [...network.requests];
    const requestPages = [...network.requestPages];
    await network.detach();
    return {
      cookies,
      cookiesReadAt,
      storage: attributeStorage(storage, log, network),
      requests,
      requestPages,
      decision,
      screenshot,
      status,
      declaration,
      pages: [start, ...others],
    };
  } finally {
    await profile.close();
  }
}

async function screenshotOf(page: Page): Promise<Buffer | null> {
  return page.screenshot({ type: 'jpeg', quality: 70, timeout: 10_000 }).catch(() => null);
}
