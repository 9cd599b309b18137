// The collector as an operator installs it: `npm pack` of this package,
// installed from the tarball into an empty project without its optional
// drivers, plus `pg` alone — a PostgreSQL deployment. The bin answers --help,
// says which package the SQLite default needs, and runs on PostgreSQL with
// better-sqlite3 not even installed.
import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, it } from 'node:test';
import { CHROME_UA, countEvents, describeStores, makeEvent, tempDb, waitFor } from './helpers.ts';

const PACKAGE_DIR = new URL('..', import.meta.url).pathname;
const INSTALL_TIMEOUT_MS = 180_000;
const run = promisify(execFile);

describeStores(
  'the published package, installed without its optional drivers',
  () => {
    const project = mkdtempSync(join(tmpdir(), 'consent-gate-collector-package-'));
    const bin = join(project, 'node_modules', '.bin', 'consent-gate-collector');
    after(() => rmSync(project, { recursive: true, force: true }));

    /** What npm printed on stderr while installing the tarball. */
    let installWarnings = '';

    before(() => {
      const npm = (args: string[], cwd: string) => {
        const result = spawnSync('npm', [...args, '--no-audit', '--no-fund'], { cwd, encoding: 'utf8', timeout: INSTALL_TIMEOUT_MS });
        if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
        installWarnings += result.stderr;
        return result.stdout;
      };
      const [{ filename }] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', project], PACKAGE_DIR));
      const pgRange = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')).optionalDependencies.pg;
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'a-collector-deployment', private: true }));
      // One install: a later plain `npm install` would bring the omitted optional drivers back.
      npm(['install', '--omit=optional', join(project, filename), `pg@${pgRange}`], project);
    });

    it('installs on every supported Node version without a warning (no EBADENGINE from a transitive dependency)', () => {
      assert.doesNotMatch(installWarnings, /npm warn/i, installWarnings);
    });

    it('ships the built collector and its dashboard, and installs no SQLite driver', () => {
      assert.ok(existsSync(join(project, 'node_modules', 'consent-gate-collector', 'dist', 'main.js')));
      assert.ok(existsSync(join(project, 'node_modules', 'consent-gate-collector', 'dist', 'dashboard', 'index.html')));
      assert.equal(existsSync(join(project, 'node_modules', 'better-sqlite3')), false);
    });

    it('answers --help', async () => {
      const { stdout } = await run(bin, ['--help']);
      assert.match(stdout, /^Usage: consent-gate-collector/);
    });

    it('names the missing package when the SQLite default is used without it', async () => {
      const failure = await run(bin, ['--port', '0', '--db', join(project, 'events.db')]).then(
        () => assert.fail('started without better-sqlite3'),
        (error: { code: number; stderr: string }) => error,
      );
      assert.equal(failure.code, 1);
      assert.match(failure.stderr, /needs the npm package "better-sqlite3".*npm install better-sqlite3/);
    });

    it('runs on PostgreSQL and stores an event', async () => {
      const db = await tempDb('postgres');
      if (db.store !== 'postgres') throw new Error('expected a PostgreSQL database');
      const child = spawn(bin, ['--port', '0', '--host', '127.0.0.1', '--database-url', db.url], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      try {
        await waitFor(() => /listening on http:\/\//.test(output) || child.exitCode !== null, 15_000, 'the collector to start');
        const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
        assert.ok(url, output);
        const health = (await (await fetch(`${url}/health`)).json()) as { storage: { kind: string } };
        assert.equal(health.storage.kind, 'postgres');
        const answer = await fetch(`${url}/collect`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain', 'user-agent': CHROME_UA },
          body: JSON.stringify(makeEvent({ visitorId: 'from-the-tarball' })),
        });
        assert.equal(answer.status, 202);
        assert.equal(await countEvents(db, 'from-the-tarball'), 1);
      } finally {
        child.kill('SIGTERM');
        await new Promise((exited) => (child.exitCode !== null ? exited(undefined) : child.once('exit', exited)));
      }
    });
  },
  { stores: ['postgres'] },
);
