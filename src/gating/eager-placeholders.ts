/**
 * The placeholders in the one-file build (`consent-gate.standalone.min.js`):
 * their code is in the file already, so {@link Placeholders} itself takes the
 * stand-in's place (the build maps `lazy-placeholders.js` here; scripts/one-file.mjs).
 * @packageDocumentation
 */
export { Placeholders as LazyPlaceholders } from './placeholders.js';
