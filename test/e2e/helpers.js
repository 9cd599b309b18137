// Shared by the end-to-end tests (node:test + Playwright).

/** Polls the async `check` every 50 ms until it returns a truthy value, at most `ms`; resolves that value. */
export async function eventually(check, what, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
