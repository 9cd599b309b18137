/**
 * Where the collector's static files are: beside this module, in the sources
 * (`src/dashboard/`) as in the build (`dist/dashboard/`, copied there), since
 * the build puts every module in `dist/` itself.
 * @packageDocumentation
 */

/** The dashboard's HTML, CSS and JavaScript. */
export const DASHBOARD_DIRECTORY = new URL('./dashboard/', import.meta.url);
