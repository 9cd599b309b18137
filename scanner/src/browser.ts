/**
 * Finding and launching Chromium: one fresh profile per phase.
 * @packageDocumentation
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession } from 'playwright-core';

/** Flags that keep a headless Chromium off the network and quiet on a locked-down machine (as the repo's scripts/find-browser.mjs). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Every frame in the page's process, so one DevTools session sees every request and stack.
  '--disable-site-isolation-trials',
];

/**
 * Flags of the scan only: `navigator.webdriver` false, as in a visitor's
 * browser (trackers such as PostHog drop the events of automated browsers).
 */
export const SCAN_ARGS = ['--disable-blink-features=AutomationControlled'];

/**
 * Environment variable with extra Chromium flags: a JSON array of strings, e.g.
 * `["--host-resolver-rules=MAP shop.test 127.0.0.1"]` to scan a staging server under its real name.
 */
export const EXTRA_ARGS_ENV = 'CONSENT_GATE_SCAN_CHROMIUM_ARGS';

/**
 * The Chromium to launch: `explicit` (the `--chromium` flag) if given, else
 * `$CHROMIUM_PATH`, `$CHROME_PATH`, `/usr/bin/chromium`; `undefined` lets
 * Playwright use a browser of its own, if one was installed.
 */
export function findChromium(explicit?: string): string | undefined {
  if (explicit) return explicit;
  return [process.env.CHROMIUM_PATH, process.env.CHROME_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));
}

/** Extra flags from {@link EXTRA_ARGS_ENV}; throws a readable error when it is not a JSON array of strings. */
export function extraArgsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env[EXTRA_ARGS_ENV];
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string')) {
    throw new Error(`${EXTRA_ARGS_ENV} must be a JSON array of strings`);
  }
  return parsed;
}

/** Options of {@link launchProfile}. */
export interface LaunchOptions {
  /** Chromium executable; see {@link findChromium}. */
  executablePath: string | undefined;
  /** Flags added after {@link CHROMIUM_ARGS} and {@link SCAN_ARGS}. */
  extraArgs?: string[];
  /** Send Global Privacy Control (`Sec-GPC: 1` and `navigator.globalPrivacyControl`). */
  gpc?: boolean;
  /** Viewport and screenshot size. */
  viewport?: { width: number; height: number };
}

/** A fresh browser profile; `close()` ends the browser and deletes the profile. */
export interface Profile {
  /** The one context of this browser. */
  context: BrowserContext;
  /** Closes the browser and removes its profile directory. */
  close(): Promise<void>;
}

/**
 * Launches Chromium with a new, empty profile. A persistent profile (not an
 * incognito context) because Chromium blocks third-party cookies in incognito
 * by default, while a regular Chrome profile accepts them: the scanner must
 * see what a visitor's browser keeps.
 */
export async function launchProfile(options: LaunchOptions): Promise<Profile> {
  const dir = await mkdtemp(join(tmpdir(), 'consent-gate-scan-'));
  await mkdir(join(dir, 'Default'));
  // cookie_controls_mode 0: third-party cookies allowed, as in a regular profile.
  await writeFile(
    join(dir, 'Default', 'Preferences'),
    JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }),
  );
  try {
    const context = await chromium.launchPersistentContext(dir, {
      executablePath: options.executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS, ...SCAN_ARGS, ...(options.extraArgs ?? [])],
      viewport: options.viewport ?? { width: 1280, height: 800 },
      extraHTTPHeaders: options.gpc ? { 'Sec-GPC': '1' } : undefined,
      timeout: 30_000,
    });
    if (options.gpc) {
      await context.addInitScript(() => {
        Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
      });
    }
    return {
      context,
      async close() {
        await context.close().catch(() => undefined);
        await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}

/**
 * Makes the page present itself as the regular Chrome it is: headless
 * Chromium says `HeadlessChrome` in its user agent, and trackers drop their
 * events for such "bots" (PostHog does), which would hide what they do to
 * visitors.
 */
export async function presentAsChrome(session: CDPSession): Promise<void> {
  const { userAgent } = (await session.send('Browser.getVersion')) as { userAgent: string };
  if (userAgent.includes('HeadlessChrome')) {
    await session.send('Emulation.setUserAgentOverride', { userAgent: userAgent.replace('HeadlessChrome', 'Chrome') });
  }
}
