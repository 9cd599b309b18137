#!/usr/bin/env node
/**
 * `consent-gate-scan`: parses the command line, scans, writes the outputs and
 * exits 0 (done), 1 (`--fail-on` matched), 2 (usage) or 3 (the scan could not run).
 * @packageDocumentation
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseCommandLine, USAGE, UsageError, type CliOptions } from './args.js';
import { compareWithBaseline, readBaseline } from './baseline.js';
import { extraArgsFromEnv } from './browser.js';
import { writeOutputs } from './outputs/write.js';
import { UnreachableError } from './phases.js';
import { progressTo } from './progress.js';
import { scan } from './scan.js';

/** Runs the command line `argv`; resolves the exit code. */
export async function main(argv: string[]): Promise<number> {
  let command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`consent-gate-scan: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command.kind === 'version') {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  return run(command.options);
}

async function run(options: CliOptions): Promise<number> {
  if (options.chromium && !existsSync(options.chromium)) {
    process.stderr.write(`consent-gate-scan: --chromium ${options.chromium}: no such file\n`);
    return 2;
  }
  let extraArgs: string[];
  try {
    extraArgs = extraArgsFromEnv();
  } catch (error) {
    process.stderr.write(`consent-gate-scan: ${(error as Error).message}\n`);
    return 2;
  }
  let baseline = null;
  if (options.baseline) {
    try {
      baseline = readBaseline(options.baseline);
    } catch (error) {
      process.stderr.write(`consent-gate-scan: --baseline ${options.baseline}: ${(error as Error).message}\n`);
      return 2;
    }
  }
  const progress = progressTo(process.stderr);
  let result;
  try {
    result = await scan({ url: options.url, pages: options.pages, chromium: options.chromium, extraArgs, progress: progress.report });
  } catch (error) {
    progress.done();
    const message = error instanceof UnreachableError ? error.message : `the scan failed: ${(error as Error).message}`;
    process.stderr.write(`consent-gate-scan: ${message}\n`);
    return 3;
  }
  progress.done();
  const status = result.report.pages[0]?.status;
  if (status && status >= 400) process.stderr.write(`consent-gate-scan: warning: ${options.url} answered HTTP ${status}\n`);
  if (baseline) result.report.findings.push(...compareWithBaseline(baseline, result.report));
  const files = await writeOutputs(result, options.out);
  const errors = result.report.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.report.findings.length - errors;
  process.stderr.write(`consent-gate-scan: ${errors} error(s), ${warnings} warning(s); wrote ${files.join(', ')} in ${options.out}\n`);
  return options.failOn === 'pre-consent' && errors > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`consent-gate-scan: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 3;
  },
);
