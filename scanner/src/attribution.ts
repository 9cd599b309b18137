/**
 * Who did it: the script named by a JavaScript stack or a DevTools initiator,
 * and the chain of scripts that loaded it.
 * @packageDocumentation
 */

/** A stack as DevTools reports it: frames, then the async stack that scheduled them. */
export interface StackTrace {
  /** Innermost frame first. */
  callFrames: Array<{ url: string }>;
  /** The stack that scheduled this one (timer, promise, event listener), if any. */
  parent?: StackTrace;
}

/** A DevTools `Network.Initiator`. */
export interface Initiator {
  /** `parser`, `script`, `preload`, `other`, … */
  type: string;
  /** The document, for `parser`. */
  url?: string;
  /** The JavaScript stack, for `script`. */
  stack?: StackTrace;
}

const HTTP = /^https?:\/\//i;

/** The innermost http(s) script in an initiator's stack, walking into its async parents; `null` when there is none. */
export function initiatorScript(initiator: Initiator): string | null {
  for (let stack = initiator.stack; stack; stack = stack.parent) {
    const frame = stack.callFrames.find((f) => HTTP.test(f.url));
    if (frame) return frame.url;
  }
  return initiator.type === 'script' && initiator.url && HTTP.test(initiator.url) ? initiator.url : null;
}

/**
 * The innermost http(s) script named by a V8 `Error.stack` text (frames of the
 * scanner's own hooks have no http(s) URL). An inline script is named by its
 * document's URL.
 */
export function scriptFromStack(stack: string): string | null {
  for (const line of stack.split('\n')) {
    const match = /(https?:\/\/[^\s()]+?):\d+:\d+\)?\s*$/.exec(line.trim());
    if (match?.[1]) return match[1];
  }
  return null;
}

/**
 * The scripts that loaded `script`, outermost first: follows `loaders`
 * (script → the script that asked for it) until a document (an inline or
 * parser-inserted start) or an unknown loader.
 */
export function viaChain(script: string | null, loaders: ReadonlyMap<string, string | null>, documents: ReadonlySet<string>): string[] {
  const chain: string[] = [];
  const seen = new Set<string>(script ? [script] : []);
  let current = script ? loaders.get(script) : undefined;
  while (current && !documents.has(current) && !seen.has(current)) {
    chain.unshift(current);
    seen.add(current);
    current = loaders.get(current);
  }
  return chain;
}
