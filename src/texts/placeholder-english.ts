/**
 * The English strings of gated-frame placeholders: the only UI strings the
 * gating code needs, kept apart so that the headless build carries no others.
 * The banner's strings include them (`src/ui/texts.ts`), so one translation
 * covers both.
 * @packageDocumentation
 */

/** `{category}` is replaced by the category's label. */
export const PLACEHOLDER_ENGLISH = {
  allowCategory: 'Allow {category}',
  placeholderText: 'This content is provided by a third party. To show it, allow {category}.',
};
