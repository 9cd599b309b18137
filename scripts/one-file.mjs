// Rollup plugin for the one-file build (consent-gate.standalone.min.js): there
// is nothing to fetch later, so the stand-ins that fetch code when it is needed
// (src/gating/lazy-placeholders.ts, src/gating/lazy-gating.ts,
// src/tracker/lazy-tracker.ts) are replaced by the features themselves, through
// modules that export them under the stand-ins' names (eager-*.ts).

/** Stand-in module → the module that replaces it in the one-file build. */
export const EAGER_MODULES = {
  'lazy-placeholders.js': 'eager-placeholders.js',
  'lazy-gating.js': 'eager-gating.js',
  'lazy-tracker.js': 'eager-tracker.js',
};

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
