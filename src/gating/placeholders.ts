/**
 * The placeholders of gated frames (`<iframe data-consent data-src>` whose
 * category is not granted): a text and an "Allow <Label>" button in the UI
 * language. The script tag fetches this code when a page first has such a
 * frame; gating itself (scripts, templates, loading frames) does not need it.
 * @packageDocumentation
 */
import type { ResolvedConfig } from '../core/config-types.js';
import { PLACEHOLDER_ENGLISH } from '../texts/placeholder-english.js';
import { formatText, resolveLanguage, resolveTexts } from '../texts/resolve.js';
import { showPlaceholder } from './embeds.js';

/** The UI strings the placeholders use. */
export type GatingTexts = typeof PLACEHOLDER_ENGLISH;

/** Where the placeholders' words come from. */
export interface PlaceholderOptions {
  /** The placeholder strings, read when a placeholder is drawn; `undefined` (or no getter) means English with the site's `texts`. */
  texts?: () => GatingTexts | undefined;
  /** A category's label in the UI language, read when a placeholder is drawn; `undefined` means the configured label. */
  label?: (category: string) => string | undefined;
}

/** The placeholders of a page's gated frames, as gating uses them. */
export interface FramePlaceholders {
  /** Holds back `frame` behind a placeholder, once (`allowed`: it has an Allow button; not for an unconfigured category). */
  show(frame: HTMLIFrameElement, category: string, allowed: boolean): void;
  /** Removes `frame`'s placeholder, if any (its category is granted now). */
  remove(frame: HTMLIFrameElement): void;
  /** Draws every placeholder again, e.g. once the UI language has loaded. */
  redraw(): void;
  /** Removes every placeholder (the frames stay hidden, unloaded). */
  destroy(): void;
}

/** Draws and keeps the placeholders; `allow` grants a category as the visitor's explicit choice. */
export class Placeholders implements FramePlaceholders {
  /** Each held-back frame: its category, whether it has a button, its placeholder. */
  private readonly _shown = new Map<HTMLIFrameElement, [string, boolean, HTMLElement]>();
  private readonly _texts: () => GatingTexts;
  private readonly _label: (category: string) => string;

  constructor(
    config: ResolvedConfig,
    private readonly _allow: (category: string) => void,
    { texts, label }: PlaceholderOptions = {},
  ) {
    this._label = (category) => label?.(category) ?? config.categories.find((c) => c.name === category)?.label ?? category;
    this._texts = () => texts?.() ?? resolveTexts(PLACEHOLDER_ENGLISH, config.texts, resolveLanguage(config.language));
  }

  show(frame: HTMLIFrameElement, category: string, allowed: boolean): void {
    if (!this._shown.has(frame)) this._draw(frame, category, allowed);
  }

  remove(frame: HTMLIFrameElement): void {
    this._shown.get(frame)?.[2].remove();
    this._shown.delete(frame);
  }

  redraw(): void {
    for (const [frame, [category, allowed, placeholder]] of this._shown) {
      placeholder.remove();
      this._draw(frame, category, allowed);
    }
  }

  destroy(): void {
    for (const [, , placeholder] of this._shown.values()) placeholder.remove();
    this._shown.clear();
  }

  private _draw(frame: HTMLIFrameElement, category: string, allowed: boolean): void {
    const label = this._label(category);
    const { placeholderText, allowCategory } = this._texts();
    const placeholder = showPlaceholder(
      frame,
      category,
      formatText(placeholderText, { category: label }),
      formatText(allowCategory, { category: label }),
      allowed ? () => this._allow(category) : null,
    );
    this._shown.set(frame, [category, allowed, placeholder]);
  }
}
