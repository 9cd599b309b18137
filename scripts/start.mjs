// `npm start`: builds everything, starts the collector on its embedded SQLite
// file, serves the demo site wired to it, and prints both URLs.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { COLLECTOR_MAIN } from './collector-main.mjs';
import { startDemoServer } from './demo-server.mjs';

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
  [
    COLLECTOR_MAIN,
    '--host',
    host,
    '--port',
    String(collectorPort),
    '--db',
    process.env.DB ?? './consent-gate.db',
    '--allow-origin',
    demoUrl,
    '--admin-token',
    adminToken,
  ],
  { stdio: 'inherit' },
);
collector.on('exit', (code) => {
  console.error(`collector exited (${code}); stopping.`);
  process.exit(code ?? 1);
});

const server = await startDemoServer({ root: resolve('demo'), dist: resolve('dist'), host, port: demoPort, collectorUrl });

console.log(`
  Demo site:  ${demoUrl}/
  Collector:  ${collectorUrl}/health
  Dashboard:  ${collectorUrl}/dashboard   (admin token: ${adminToken})
  Statistics: ${collectorUrl}/stats       (with "Authorization: Bearer ${adminToken}")
  Press Ctrl+C to stop.
`);

const stop = () => {
  server.close();
  collector.removeAllListeners('exit');
  collector.kill('SIGTERM');
  collector.on('exit', () => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
