// Finds a Chromium for tests and benchmarks: $CHROMIUM_PATH (or $CHROME_PATH),
// then Debian's /usr/bin/chromium, then Playwright's own download (undefined).
import { existsSync } from 'node:fs';

/** Path of the Chromium executable to launch, or `undefined` to let Playwright use its own. */
export function findChromium() {
  for (const candidate of [process.env.CHROMIUM_PATH, process.env.CHROME_PATH, '/usr/bin/chromium']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return undefined;
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
