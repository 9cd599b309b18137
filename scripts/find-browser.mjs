// Finds the browsers for tests and benchmarks: an environment variable first
// ($CHROMIUM_PATH or $CHROME_PATH; $FIREFOX_PATH), then Debian's package
// (/usr/bin/chromium; /usr/bin/firefox-esr), then Playwright's own download (undefined).
import { existsSync } from 'node:fs';

/** Path of the Chromium executable to launch, or `undefined` to let Playwright use its own. */
export function findChromium() {
  return firstExisting([process.env.CHROMIUM_PATH, process.env.CHROME_PATH, '/usr/bin/chromium']);
}

/** Path of the Firefox executable to launch, or `undefined` to let Playwright use its own. */
export function findFirefox() {
  return firstExisting([process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox']);
}

function firstExisting(candidates) {
  return candidates.find((candidate) => candidate && existsSync(candidate));
}

/**
 * Launch options for Firefox over WebDriver BiDi. The environment variable and
 * the preference stop Firefox's only outside lookup at start-up (remote
 * settings), which a machine without internet would otherwise wait on.
 */
export function firefoxLaunchOptions() {
  const executablePath = findFirefox();
  return {
    ...(executablePath ? { channel: 'moz-firefox', executablePath } : {}),
    headless: true,
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    firefoxUserPrefs: { 'services.settings.server': 'data:,#remote-settings-dummy/v1' },
  };
}

/** Flags that keep a headless Chromium off the network and quiet on a locked-down machine. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
