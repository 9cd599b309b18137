// `npm start`: builds everything, starts the collector on its embedded SQLite
// file, serves the demo site wired to it, and prints both URLs and the command
// that scans the demo with consent-gate-scan (`npm start -- --scan` runs it too).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { demoCollectorArgs } from './collector-main.mjs';
import { startDemoServer } from './demo-server.mjs';
import { DEMO_PAGES } from './scan-demo.mjs';

const host = '127.0.0.1';
const demoPort = Number(process.env.DEMO_PORT ?? 8080);
const collectorPort = Number(process.env.COLLECTOR_PORT ?? 8787);
const demoUrl = `http://${host}:${demoPort}`;
const collectorUrl = `http://${host}:${collectorPort}`;
const adminToken = process.env.ADMIN_TOKEN ?? randomBytes(12).toString('hex');

if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const collector = spawn(
  process.execPath,
  demoCollectorArgs({ host, port: collectorPort, db: process.env.DB ?? './consent-gate.db', allowOrigin: demoUrl, adminToken }),
  { stdio: 'inherit' },
);
collector.on('exit', (code) => {
  console.error(`collector exited (${code}); stopping.`);
  process.exit(code ?? 1);
});

const server = await startDemoServer({ root: resolve('demo'), dist: resolve('dist'), host, port: demoPort, collectorUrl });

// What a site owner would run on their own site: the scanner's command line, as is.
const scanOut = 'scan-report';
const scanArgs = [`${demoUrl}/`, '--pages', String(DEMO_PAGES), '--out', scanOut];
const scanNow = process.argv.includes('--scan');
console.log(`
  Demo site:  ${demoUrl}/
  Collector:  ${collectorUrl}/health
  Dashboard:  ${collectorUrl}/dashboard   (admin token: ${adminToken})
  Statistics: ${collectorUrl}/stats       (with "Authorization: Bearer ${adminToken}")
  Scan:       npx consent-gate-scan ${scanArgs.join(' ')}
              cookies, storage and requests before consent, after Reject all, after Accept all
              and with GPC, in ${scanOut}/report.html${scanNow ? ' (running now)' : ' (`npm start -- --scan` runs it at start)'}
  Press Ctrl+C to stop.
`);

if (scanNow) {
  // The scan accepts analytics, so the collector must be up before it starts.
  for (let tries = 0; tries < 300; tries++) {
    const up = await fetch(`${collectorUrl}/health`).then(
      (answer) => answer.ok,
      () => false,
    );
    if (up) break;
    await new Promise((done) => setTimeout(done, 100));
  }
  const scanner = spawn(process.execPath, [resolve('scanner/bin/consent-gate-scan.js'), ...scanArgs], { stdio: 'inherit' });
  scanner.on('exit', (code) => {
    if (code === 0) console.log(`\n  Scan report: ${resolve(scanOut, 'report.html')}\n  Press Ctrl+C to stop.\n`);
    else if (code !== null) console.error(`\n  The scan exited with ${code}; the demo is still running. Press Ctrl+C to stop.\n`);
  });
}

const stop = () => {
  server.close();
  collector.removeAllListeners('exit');
  collector.kill('SIGTERM');
  collector.on('exit', () => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
