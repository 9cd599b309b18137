/**
 * Gating's stand-in, for the headless build (`HeadlessGate`): the code that
 * runs gated scripts and templates and draws frame placeholders is fetched
 * only once the page has something for it to do. Until then the stand-in
 * deletes refused categories' cookies and storage keys itself. (`ConsentGate`
 * carries the gating code in its first file instead.)
 * @packageDocumentation
 */
import type { ResolvedConfig } from '../core/config-types.js';
import type { ConsentFollower } from '../core/follower.js';
import type { ConsentState } from '../core/types.js';
import { clearRefused } from './auto-clear.js';
import { GATED_SELECTOR } from './gated-nodes.js';
import type { Gating, GatingOptions } from './gating.js';

/**
 * Stands in for {@link Gating}, with the same methods. It loads the gating
 * code when the page holds (or later gets) a gated frame, which needs its
 * placeholder, or a gated script or template whose category is granted, and
 * hands it the current decision.
 */
export class LazyGating implements ConsentFollower {
  private _gating: Gating | null = null;
  private _loading = false;
  private _decision: [ConsentState | null, ConsentState | null] = [null, null];
  private _observer: MutationObserver | null = null;
  private _destroyed = false;

  /** Same parameters as the {@link Gating} constructor. */
  constructor(
    private readonly _config: ResolvedConfig,
    private readonly _allow: (category: string) => void,
    private readonly _options: GatingOptions = {},
  ) {}

  /** See {@link Gating.update}. */
  update(state: ConsentState | null, previous: ConsentState | null): void {
    if (this._destroyed) return;
    this._decision = [state, previous];
    if (this._gating) {
      this._gating.update(state, previous);
      return;
    }
    clearRefused(this._config, (category) => this._granted(category));
    if (!this._observer) {
      this._observer = new MutationObserver(() => this._check());
      this._observer.observe(document, { childList: true, subtree: true });
    }
    this._check();
  }

  /** See {@link Gating.redrawPlaceholders}. */
  redrawPlaceholders(): void {
    this._gating?.redrawPlaceholders();
  }

  /** See {@link Gating.destroy}. */
  destroy(): void {
    this._destroyed = true;
    this._observer?.disconnect();
    this._gating?.destroy();
  }

  private _granted(category: string): boolean {
    return this._decision[0]?.categories[category] === true || this._config.categories.some((c) => c.name === category && c.required);
  }

  /** Loads the gating code if a gated node needs it now. */
  private _check(): void {
    if (this._loading) return;
    for (const node of document.querySelectorAll<HTMLElement>(GATED_SELECTOR)) {
      if (node instanceof HTMLIFrameElement || this._granted(node.dataset.consent!)) {
        this._load();
        return;
      }
    }
  }

  private _load(): void {
    this._loading = true;
    import('./gating-with-placeholders.js').then(
      ({ GatingWithPlaceholders }) => {
        if (this._destroyed) return;
        this._observer?.disconnect();
        this._gating = new GatingWithPlaceholders(this._config, this._allow, this._options);
        this._gating.update(...this._decision);
      },
      (error: unknown) => {
        // The next change of the page or of the decision tries again.
        this._loading = false;
        console.error('consent-gate: the gating code could not be loaded; gated content stays blocked', error);
      },
    );
  }
}
