/**
 * The command line:
 * `consent-gate-scan URL [--out DIR] [--pages N] [--fail-on pre-consent] [--baseline report.json] [--chromium PATH]`.
 * @packageDocumentation
 */
import { parseArgs } from 'node:util';
import { isHttpUrl } from './site.js';

/** Parsed options. */
export interface CliOptions {
  /** The start URL. */
  url: string;
  /** Output directory. */
  out: string;
  /** Same-site links to visit. */
  pages: number;
  /** `pre-consent` or `null`. */
  failOn: 'pre-consent' | null;
  /** A previous report.json, or `null`. */
  baseline: string | null;
  /** Chromium executable, or `undefined` for the default lookup. */
  chromium: string | undefined;
}

/** What the command line asked for: a scan, the help text, or the version. */
export type Command = { kind: 'scan'; options: CliOptions } | { kind: 'help' } | { kind: 'version' };

/** A mistake on the command line (exit code 2). */
export class UsageError extends Error {}

/** The help text. */
export const USAGE = `Usage: consent-gate-scan URL [options]

Loads URL in Chromium in four fresh profiles (before-consent, after-reject,
after-accept, gpc) and reports the cookies, storage and requests of each.

Options:
  --out DIR               where to write the reports (default ./consent-scan)
  --pages N               also visit up to N same-site links of the start page (default 5)
  --fail-on pre-consent   exit 1 when a finding is an error (tracking before consent,
                          after Reject all or with Global Privacy Control)
  --baseline FILE         an earlier report.json: items added or removed since are warnings
  --chromium PATH         the Chromium to run (default $CHROMIUM_PATH, $CHROME_PATH,
                          /usr/bin/chromium, then Playwright's own)
  -h, --help              this text
  -v, --version           the version

Writes report.json, report.html, consent-gate.config.json, declaration.md,
declaration.html and junit.xml in DIR.
Exit codes: 0 done, 1 --fail-on matched, 2 usage error, 3 the scan could not run.`;

/** Parses `argv` (without node and the script). Throws {@link UsageError}. */
export function parseCommandLine(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string' },
        pages: { type: 'string' },
        'fail-on': { type: 'string' },
        baseline: { type: 'string' },
        chromium: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  if (positionals.length === 0) throw new UsageError('a URL to scan is required');
  if (positionals.length > 1) throw new UsageError(`one URL only, got ${positionals.length}: ${positionals.join(' ')}`);
  const url = positionals[0]!;
  if (!isHttpUrl(url)) throw new UsageError(`"${url}" is not an http(s) URL (only http:// and https:// can be scanned)`);
  let pages = 5;
  if (values.pages !== undefined) {
    if (!/^\d+$/.test(values.pages) || Number(values.pages) > 100)
      throw new UsageError(`--pages must be a whole number from 0 to 100, got "${values.pages}"`);
    pages = Number(values.pages);
  }
  const failOn = values['fail-on'];
  if (failOn !== undefined && failOn !== 'pre-consent') throw new UsageError(`--fail-on accepts only "pre-consent", got "${failOn}"`);
  for (const key of ['out', 'baseline', 'chromium'] as const) {
    if (values[key] === '') throw new UsageError(`--${key} needs a value`);
  }
  return {
    kind: 'scan',
    options: {
      url: new URL(url).href,
      out: values.out ?? 'consent-scan',
      pages,
      failOn: failOn === 'pre-consent' ? 'pre-consent' : null,
      baseline: values.baseline ?? null,
      chromium: values.chromium,
    },
  };
}
