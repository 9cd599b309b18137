/**
 * Gating: third-party code marked with `data-consent="<category>"` runs only
 * once the visitor allows that category, in document order and at most once;
 * refusal deletes the category's cookies; withdrawal reloads the page when the
 * category's code already ran.
 * @packageDocumentation
 */
import type { ResolvedConfig } from '../core/config-types.js';
import type { ConsentFollower } from '../core/follower.js';
import type { ConsentState } from '../core/types.js';
import { PLACEHOLDER_ENGLISH } from '../texts/placeholder-english.js';
import { formatText, resolveLanguage, resolveTexts } from '../texts/resolve.js';
import { clearRefused } from './auto-clear.js';
import { hasHttpSource, loadFrame, showPlaceholder } from './embeds.js';
import { GATED_SELECTOR } from './gated-nodes.js';
import { carriesNonce, runScript } from './scripts.js';
import { insertTemplate } from './templates.js';

/** The UI strings the placeholders use. */
export type GatingTexts = typeof PLACEHOLDER_ENGLISH;

/** Options of {@link Gating} that are not configuration. */
export interface GatingOptions {
  /** Reloads the page after a withdrawal (replaceable in tests). Default `location.reload()`. */
  reload?: () => void;
  /** The placeholder strings, read when a placeholder is drawn; `undefined` (or no getter) means English with the site's `texts`. */
  texts?: () => GatingTexts | undefined;
  /** A category's label in the UI language, read when a placeholder is drawn; `undefined` means the configured label. */
  label?: (category: string) => string | undefined;
  /** How long a gated external script holds up the next ones, at most. Default 5000 ms. */
  scriptWaitMs?: number;
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
  private readonly _placeholders = new Map<HTMLIFrameElement, HTMLElement>();
  /** Categories whose code ran (or whose frames loaded) on this page. */
  private readonly _ran = new Set<string>();
  /** Scripts run one after another, external ones awaited (up to `_scriptWaitMs`). */
  private _queue = Promise.resolve();
  private _observer: MutationObserver | null = null;
  private _destroyed = false;
  private readonly _reload: () => void;
  private readonly _texts: () => GatingTexts;
  private readonly _label: (category: string) => string;
  private readonly _scriptWaitMs: number | undefined;

  /**
   * @param _config the validated configuration (categories, `autoClear`, `nonce`, `reloadOnWithdraw`)
   * @param _allow grants one category as an explicit, stored choice (the placeholders' button)
   */
  constructor(
    private readonly _config: ResolvedConfig,
    private readonly _allow: (category: string) => void,
    { reload = () => location.reload(), texts, label, scriptWaitMs }: GatingOptions = {},
  ) {
    this._reload = reload;
    this._scriptWaitMs = scriptWaitMs;
    this._label = (category) => label?.(category) ?? _config.categories.find((c) => c.name === category)?.label ?? category;
    this._texts = () => texts?.() ?? resolveTexts(PLACEHOLDER_ENGLISH, _config.texts, resolveLanguage(_config.language));
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
    if (this._destroyed) return;
    for (const [frame, placeholder] of this._placeholders) {
      placeholder.remove();
      this._placeholders.set(frame, this._placeholder(frame, frame.dataset.consent!));
    }
  }

  /** Stops watching the page and removes the placeholders (the frames stay hidden, unloaded). */
  destroy(): void {
    this._destroyed = true;
    this._observer?.disconnect();
    for (const placeholder of this._placeholders.values()) placeholder.remove();
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
        const placeholder = this._placeholders.get(node);
        if (this._granted(category)) {
          this._seen.add(node);
          this._ran.add(category);
          this._placeholders.delete(node);
          loadFrame(node, placeholder);
        } else if (!placeholder) {
          this._placeholders.set(node, this._placeholder(node, category));
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

  private _placeholder(frame: HTMLIFrameElement, category: string): HTMLElement {
    const label = this._label(category);
    const { placeholderText, allowCategory } = this._texts();
    const allow = this._configured(category) ? () => this._allow(category) : null;
    return showPlaceholder(
      frame,
      category,
      formatText(placeholderText, { category: label }),
      formatText(allowCategory, { category: label }),
      allow,
    );
  }

  private _enqueue(run: () => Promise<void>): void {
    this._queue = this._queue.then(() => (this._destroyed ? undefined : run())).catch((error) => console.error('consent-gate:', error));
  }
}
