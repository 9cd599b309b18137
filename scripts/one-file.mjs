// Rollup plugin and minifier settings for the one-file build
// (consent-gate.standalone.min.js): there is nothing to fetch later, so the
// stand-ins that fetch code when it is needed (src/gating/lazy-placeholders.ts,
// src/gating/lazy-gating.ts, src/tracker/lazy-tracker.ts,
// src/ui/lazy-preferences.ts) are replaced by the features themselves, through
// modules that export them under the stand-ins' names (eager-*.ts); and, being
// one file, it can shorten the internal members that the split build's files
// share.

/** Stand-in module → the module that replaces it in the one-file build. */
export const EAGER_MODULES = {
  'lazy-placeholders.js': 'eager-placeholders.js',
  'lazy-gating.js': 'eager-gating.js',
  'lazy-tracker.js': 'eager-tracker.js',
  'lazy-preferences.js': 'eager-preferences.js',
};

/**
 * Internal members that the split script-tag build uses across its files (the
 * dialog's chunk extends the banner's base class; the tracker's chunk reads the
 * identity cookies through the first file's storage helper), so they cannot
 * start with "_": terser shortens "_" members in each file on its own, and the
 * files would disagree. No page, site, translation or request ever names them.
 * The one-file build shortens them too (test/node/one-file.test.mjs checks that
 * none is a DOM or JavaScript name, a text key or a name of the reference).
 */
export const SHARED_INTERNAL_MEMBERS = [
  // ShadowElement (src/ui/shadow-element.ts), the base of both elements
  'renderScheduled',
  'connectWithDefaults',
  'requestRender',
  'shadowStyles',
  'renderShadow',
  // ConsentStorage (src/core/consent-storage.ts) and IdentityCookies (src/tracker/identity-cookies.ts)
  'readCookie',
  'writeCookie',
  'removeOldMirror',
  'takeKept',
  // GatingFollower (src/headless-gate.ts) and UiLanguage (src/ui/ui-language.ts)
  'redrawPlaceholders',
  'textsFor',
];

/** Members every minified build shortens: our private ones ("_"), never lit's cross-version ones ("_$"). */
export const PRIVATE_MEMBERS = /^_(?!\$)/;

/** Members the one-file build shortens: the private ones and {@link SHARED_INTERNAL_MEMBERS}. */
export const ONE_FILE_MEMBERS = new RegExp(`${PRIVATE_MEMBERS.source}|^(?:${SHARED_INTERNAL_MEMBERS.join('|')})$`);

/** Resolves imports of the stand-ins to their eager replacements. */
export function oneFile() {
  return {
    name: 'consent-gate-one-file',
    async resolveId(source, importer, options) {
      const file = source.split('/').pop();
      const eager = EAGER_MODULES[file];
      if (!eager) return null;
      const resolved = await this.resolve(source.slice(0, -file.length) + eager, importer, { ...options, skipSelf: true });
      if (!resolved) this.error(`one-file build: ${eager} (for ${source}) is missing`);
      return resolved;
    },
  };
}
