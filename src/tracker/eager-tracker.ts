/**
 * The tracker in the one-file build (`consent-gate.standalone.min.js`): its
 * code is in the file already, so {@link Tracker} itself takes the stand-in's
 * place (the build maps `lazy-tracker.js` here; scripts/one-file.mjs).
 * @packageDocumentation
 */
export { Tracker as LazyTracker } from './tracker.js';
