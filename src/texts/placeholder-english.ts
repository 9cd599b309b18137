/**
 * The English strings of gated-frame placeholders: the only UI strings the
 * gating code needs, kept apart so that the headless build carries no others.
 * @packageDocumentation
 */

/** `{category}` is replaced by the category's label. */
export const PLACEHOLDER_ENGLISH = {
  allowCategory: 'Allow {category}',
  placeholderText: 'This content is provided by a third party. To show it, allow {category}.',
};
