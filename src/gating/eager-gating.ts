/**
 * Gating in the one-file build (`consent-gate.standalone.min.js`): its code is
 * in the file already, so {@link Gating} itself takes the stand-in's place
 * (the build maps `lazy-gating.js` here; scripts/one-file.mjs).
 * @packageDocumentation
 */
export { Gating as LazyGating } from './gating.js';
