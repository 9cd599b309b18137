/**
 * Guards for browser storage access: a browser that blocks cookies or storage
 * (privacy modes, sandboxed frames, hostile overrides) must never make the SDK
 * throw into the host page.
 * @packageDocumentation
 */

/** Runs `read` and returns its value, or `fallback` if it throws. */
export function attempt<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
