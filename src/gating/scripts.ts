/**
 * Running a blocked script: browsers never run a `<script>` whose type was
 * changed after insertion, so the SDK creates a fresh element with the real
 * type and the page's CSP nonce, and waits for an external one to load.
 * @packageDocumentation
 */

/** How long a gated external script holds up the gated scripts after it, at most: a hanging third party must not block the rest. */
export const EXTERNAL_SCRIPT_WAIT_MS = 5000;

/**
 * The nonce rule (docs/reference.md#gating-attributes): with a nonce in use, only a script that carries
 * that same nonce may run. The SDK gives the scripts it re-creates the page's
 * nonce, so without this rule markup injected into the page (which the
 * browser itself would never run) would become a script that passes the CSP.
 * The nonce is read from the `nonce` property: browsers hide a parsed nonce
 * attribute from `getAttribute`. A script that may not run is reported with
 * `console.error` (call this once per script). No nonce in use: any script may run.
 */
export function carriesNonce(script: HTMLScriptElement, nonce: string | undefined): boolean {
  if (!nonce || script.nonce === nonce) return true;
  console.error(
    "consent-gate: a gated script without the page's CSP nonce is not run (with a nonce in use, gated scripts need that nonce attribute, also in templates)",
    script,
  );
  return false;
}

/**
 * Replaces `original` with a runnable copy (every attribute but `type` and
 * `data-type`; `type` set to the given one, classic when empty) and resolves
 * once it ran: at once for inline code and for an `async` external script;
 * for another external one on `load` or `error`, or after `waitMs` if it has
 * not loaded by then (it still runs when it arrives). A script no longer in
 * the document is skipped.
 */
export function runScript(
  original: HTMLScriptElement,
  type: string | null | undefined,
  nonce: string | undefined,
  waitMs = EXTERNAL_SCRIPT_WAIT_MS,
): Promise<void> {
  return new Promise((done) => {
    if (!original.isConnected) return done();
    const script = document.createElement('script');
    for (const { name, value } of original.attributes) {
      if (name !== 'type' && name !== 'data-type') script.setAttribute(name, value);
    }
    if (type) script.type = type;
    // Browsers hide a parsed nonce attribute; the property keeps it.
    const scriptNonce = nonce || original.nonce;
    if (scriptNonce) script.nonce = scriptNonce;
    script.text = original.text;
    const waits = !!script.src && !original.hasAttribute('async');
    if (waits) {
      const timer = setTimeout(done, waitMs);
      script.onload = script.onerror = () => {
        clearTimeout(timer);
        done();
      };
    }
    original.replaceWith(script);
    if (!waits) done();
  });
}
