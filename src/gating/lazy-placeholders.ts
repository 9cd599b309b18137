/**
 * The placeholders' stand-in: their code is fetched when a page first has a
 * gated frame to hold back, so that a page without one (and every returning
 * visitor's page whose frames are allowed) fetches nothing for them.
 * @packageDocumentation
 */
import type { ResolvedConfig } from '../core/config-types.js';
import type { FramePlaceholders, PlaceholderOptions } from './placeholders.js';

/** Stands in for {@link Placeholders}, with the same methods; frames shown while its code loads get their placeholders once it is there. */
export class LazyPlaceholders implements FramePlaceholders {
  private _placeholders: FramePlaceholders | null = null;
  private _loading = false;
  private _destroyed = false;
  /** Frames waiting for the code: frame → its category and whether it has a button. */
  private readonly _waiting = new Map<HTMLIFrameElement, [string, boolean]>();

  /** Same parameters as the {@link Placeholders} constructor. */
  constructor(
    private readonly _config: ResolvedConfig,
    private readonly _allow: (category: string) => void,
    private readonly _options: PlaceholderOptions = {},
  ) {}

  show(frame: HTMLIFrameElement, category: string, allowed: boolean): void {
    if (this._placeholders) return this._placeholders.show(frame, category, allowed);
    this._waiting.set(frame, [category, allowed]);
    this._load();
  }

  remove(frame: HTMLIFrameElement): void {
    this._waiting.delete(frame);
    this._placeholders?.remove(frame);
  }

  redraw(): void {
    this._placeholders?.redraw();
  }

  destroy(): void {
    this._destroyed = true;
    this._waiting.clear();
    this._placeholders?.destroy();
  }

  private _load(): void {
    if (this._loading) return;
    this._loading = true;
    import('./placeholders.js').then(
      ({ Placeholders }) => {
        if (this._destroyed) return;
        const placeholders = (this._placeholders = new Placeholders(this._config, this._allow, this._options));
        for (const [frame, [category, allowed]] of this._waiting) placeholders.show(frame, category, allowed);
        this._waiting.clear();
      },
      (error: unknown) => {
        // The next frame to hold back tries again; until then the waiting frames stay unloaded, without a placeholder.
        this._loading = false;
        console.error('consent-gate: the placeholder code could not be loaded; gated frames stay unloaded', error);
      },
    );
  }
}
