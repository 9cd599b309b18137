/**
 * Gating with its frame placeholders at hand, for the headless build: its
 * stand-in (`lazy-gating.ts`) fetches both as one chunk, so a gated frame's
 * placeholder waits for one fetch, not two in a row.
 * @packageDocumentation
 */
import type { ResolvedConfig } from '../core/config-types.js';
import { Gating, type GatingOptions } from './gating.js';
import { Placeholders } from './placeholders.js';

/** {@link Gating} drawing placeholders with {@link Placeholders} itself. */
export class GatingWithPlaceholders extends Gating {
  /** Same parameters as the {@link Gating} constructor. */
  constructor(config: ResolvedConfig, allow: (category: string) => void, options: GatingOptions = {}) {
    super(config, allow, { placeholders: new Placeholders(config, allow, options), ...options });
  }
}
