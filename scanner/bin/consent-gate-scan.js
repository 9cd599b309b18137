#!/usr/bin/env node
// The command's entry: a committed file (npm links a workspace's bin only if it exists at
// install time, before any build), which runs the compiled CLI.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('consent-gate-scan: not built yet; run `npm run build --workspace consent-gate-scanner` first\n');
  process.exit(3);
}
await import(cli.href);
