#!/usr/bin/env node
/**
 * `consent-gate-collector`: parse the command line, open the store, listen,
 * and shut down gracefully on SIGTERM/SIGINT. Exit codes: 0 after a clean
 * shutdown, 1 on a runtime failure, 2 on a bad command line.
 * @packageDocumentation
 */

import type { AddressInfo } from 'node:net';
import { buildApp } from './app.js';
import { HELP, parseCommandLine, redactUrl, UsageError } from './cli.js';
import { openStorage } from './storage/open-storage.js';

/** Longest a graceful shutdown may take before the process gives up. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  let options;
  try {
    options = parseCommandLine(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`consent-gate-collector: ${error.message}\nTry --help for the options.\n`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(HELP);
    return;
  }

  const app = await buildApp({ ...options, storage: await openStorage(options) });
  // Handlers first: whoever reads the "listening" line may signal at once.
  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    process.stdout.write(`${signal} received: shutting down\n`);
    setTimeout(() => {
      process.stderr.write('consent-gate-collector: shutdown timed out\n');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    // Stops accepting, waits for in-flight requests, then flushes and closes the store.
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  process.stdout.write(
    `consent-gate collector listening on http://${host}:${address.port} (db ${options.databaseUrl ? redactUrl(options.databaseUrl) : options.db})\n`,
  );
}

/** A one-line reason; connection failures to several addresses come as an AggregateError without a message. */
function describe(error: unknown): string {
  if (error instanceof AggregateError && !error.message) return error.errors.map(describe).join('; ');
  return error instanceof Error ? error.message : String(error);
}

main().catch((error: unknown) => {
  process.stderr.write(`consent-gate-collector: ${describe(error)}\n`);
  process.exit(1);
});
