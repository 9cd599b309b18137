/**
 * Running a blocked script: browsers never run a `<script>` whose type was
 * changed after insertion, so the SDK creates a fresh element with the real
 * type and the page's CSP nonce, and waits for an external one to load.
 * @packageDocumentation
 */

/**
 * Replaces `original` with a runnable copy (every attribute but `type` and
 * `data-type`; `type` set to the given one, classic when empty) and resolves
 * once it ran: at once for inline code, on `load` or `error` for `src`.
 * A script no longer in the document is skipped.
 */
export function runScript(original: HTMLScriptElement, type: string | null | undefined, nonce: string | undefined): Promise<void> {
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
    if (script.src) script.onload = script.onerror = () => done();
    original.replaceWith(script);
    if (!script.src) done();
  });
}
