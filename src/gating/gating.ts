/**
 * Gating: third-party code marked with `data-consent="<category>"` runs only
 * once the visitor allows that category, in document order and at most once;
 * refusal deletes the category's cookies; withdrawal reloads the page when the
 * category's code already ran. A gated frame waits behind a placeholder, whose
 * code is fetched when a page first has such a frame (`lazy-placeholders.ts`).
 * @packageDocumentation
 */
import type { ResolvedConfig } from '../core/config-types.js';
import type { ConsentFollower } from '../core/follower.js';
import type { ConsentState } from '../core/types.js';
import { clearRefused } from './auto-clear.js';
import { hasHttpSource, loadFrame } from './frame-source.js';
import { GATED_SELECTOR } from './gated-nodes.js';
import { LazyPlaceholders } from './lazy-placeholders.js';
import type { FramePlaceholders, PlaceholderOptions } from './placeholders.js';
import { carriesNonce, runScript } from './scripts.js';
import { insertTemplate } from './templates.js';

export type { GatingTexts } from './placeholders.js';

/** Options of {@link Gating} that are not configuration. */
export interface GatingOptions extends PlaceholderOptions {
  /** Reloads the page after a withdrawal (replaceable in tests). Default `location.reload()`. */
  reload?: () => void;
  /** How long a gated external script holds up the next ones, at most. Default 5000 ms. */
  scriptWaitMs?: number;
  /** Draws the placeholders of frames not allowed yet. Default: {@link LazyPlaceholders}, fetched when first needed. */
  placeholders?: FramePlaceholders;
}

/**
 * Follows the decision: runs what became allowed, draws placeholders for
 * frames that are not, deletes the `autoClear` cookies and the declared
 * storage keys of every category that is not granted, and reloads when a
 * category whose code ran is withdrawn.
 * Nodes added later (single-page apps) are picked up by a MutationObserver.
 */
export class Gating implements ConsentFollower {
  private _state: ConsentState | null = null;
  /** Nodes queued or done: each runs at most once. */
  private readonly _seen = new WeakSet<Element>();
  /** Unconfigured categories already reported. */
  private readonly _unknown = new Set<string>();
  /** Categories whose code ran (or whose frames loaded) on this page. */
  private readonly _ran = new Set<string>();
  /** Scripts run one after another, external ones awaited (up to `_scriptWaitMs`). */
  private _queue = Promise.resolve();
  private _observer: MutationObserver | null = null;
  private _destroyed = false;
  private readonly _reload: () => void;
  private readonly _scriptWaitMs: number | undefined;
  private readonly _placeholders: FramePlaceholders;

  /**
   * @param _config the validated configuration (categories, `autoClear`, `nonce`, `reloadOnWithdraw`)
   * @param allow grants one category as an explicit, stored choice (the placeholders' button)
   */
  constructor(
    private readonly _config: ResolvedConfig,
    allow: (category: string) => void,
    { reload = () => location.reload(), scriptWaitMs, placeholders, ...words }: GatingOptions = {},
  ) {
    this._reload = reload;
    this._scriptWaitMs = scriptWaitMs;
    this._placeholders = placeholders ?? new LazyPlaceholders(_config, allow, words);
  }

  /** Brings the page in line with `state` (see {@link ConsentFollower.update}). */
  update(state: ConsentState | null, previous: ConsentState | null): void {
    if (this._destroyed) return;
    this._state = state;
    clearRefused(this._config, (category) => this._granted(category));
    if (previous && this._config.reloadOnWithdraw && [...this._ran].some((category) => !this._granted(category))) {
      this._destroyed = true;
      this._reload();
      return;
    }
    if (!this._observer) {
      this._observer = new MutationObserver(() => this._scan());
      this._observer.observe(document, { childList: true, subtree: true });
    }
    this._scan();
  }

  /** Draws every placeholder again, e.g. once the UI language has loaded. */
  redrawPlaceholders(): void {
    if (!this._destroyed) this._placeholders.redraw();
  }

  /** Stops watching the page and removes the placeholders (the frames stay hidden, unloaded). */
  destroy(): void {
    this._destroyed = true;
    this._observer?.disconnect();
    this._placeholders.destroy();
  }

  private _granted(category: string): boolean {
    return this._state?.categories[category] === true || this._config.categories.some((c) => c.name === category && c.required);
  }

  /** Whether `category` is configured; reports, once per name, gated content whose category is not (it can never be allowed). */
  private _configured(category: string): boolean {
    if (this._config.categories.some((c) => c.name === category)) return true;
    if (!this._unknown.has(category)) {
      this._unknown.add(category);
      console.error(`consent-gate: gated content has data-consent="${category}", which is not a configured category; it stays blocked.`);
    }
    return false;
  }

  /** Handles every gated node not handled yet, in document order. */
  private _scan(): void {
    for (const node of document.querySelectorAll<HTMLElement>(GATED_SELECTOR)) {
      if (this._seen.has(node)) continue;
      const category = node.dataset.consent!;
      // Never loaded or run, reported once: a frame whose data-src is not http(s), a script without the nonce in use.
      if (
        node instanceof HTMLIFrameElement
          ? !hasHttpSource(node)
          : !(node instanceof HTMLTemplateElement) && !carriesNonce(node as HTMLScriptElement, this._config.nonce)
      ) {
        this._seen.add(node);
      } else if (node instanceof HTMLIFrameElement) {
        if (this._granted(category)) {
          this._seen.add(node);
          this._ran.add(category);
          this._placeholders.remove(node);
          loadFrame(node);
        } else {
          this._placeholders.show(node, category, this._configured(category));
        }
      } else if (!this._configured(category)) {
        this._seen.add(node);
      } else if (this._granted(category)) {
        this._seen.add(node);
        this._ran.add(category);
        const nonce = this._config.nonce;
        this._enqueue(() =>
          node instanceof HTMLTemplateElement
            ? insertTemplate(node, nonce)
            : runScript(node as HTMLScriptElement, node.dataset.type, nonce, this._scriptWaitMs),
        );
      }
    }
  }

  private _enqueue(run: () => Promise<void>): void {
    this._queue = this._queue.then(() => (this._destroyed ? undefined : run())).catch((error) => console.error('consent-gate:', error));
  }
}
