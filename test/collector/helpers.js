// Helpers for the collector tests: start the built collector as a child process
// on 127.0.0.1 with a temporary SQLite file, talk HTTP to it, read its database.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

/** The built entry point the tests run. */
export const COLLECTOR_MAIN = resolve(fileURLToPath(import.meta.url), '../../../dist/node/collector/main.js');

export const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
export const FIREFOX_UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
export const BOT_UA = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

const STARTUP_TIMEOUT_MS = 10_000;
const EXIT_TIMEOUT_MS = 15_000;
const tempDirs = [];
process.on('exit', () => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh database path in its own temporary directory (removed when the test process exits). */
export function tempDbPath() {
  const dir = mkdtempSync(join(tmpdir(), 'consent-gate-collector-'));
  tempDirs.push(dir);
  return join(dir, 'collector.db');
}

/** Wait until `predicate()` is true, polling every 10 ms, at most `timeoutMs`. */
export async function waitFor(predicate, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Run the collector CLI to completion (for option errors and --help).
 * Resolves { code, stdout, stderr }.
 */
export function runCli(args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [COLLECTOR_MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`collector ${args.join(' ')} did not exit`));
    }, EXIT_TIMEOUT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/**
 * Start a collector on a free port. `args` are extra CLI options; `db` a file
 * (a new temporary one by default). Resolves a handle with `url`, `db`,
 * `request()`, `output()`, `stop(signal)` and `exited` (the exit code promise).
 */
export async function startCollector({ args = [], db = tempDbPath() } = {}) {
  const child = spawn(process.execPath, [COLLECTOR_MAIN, '--port', '0', '--host', '127.0.0.1', '--db', db, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((r) => child.on('exit', (code, signal) => r(code ?? signal)));
  let exitedNow = false;
  exited.then(() => (exitedNow = true));
  await waitFor(() => /listening on http:\/\//.test(stdout) || exitedNow, STARTUP_TIMEOUT_MS, 'collector start');
  const match = /listening on (http:\/\/[^\s]+)/.exec(stdout);
  if (!match) throw new Error(`collector did not start:\n${stdout}\n${stderr}`);
  const url = match[1];
  return {
    url,
    db,
    child,
    exited,
    output: () => ({ stdout, stderr }),
    request: (method, path, options) => request(url, method, path, options),
    /** Send a signal and wait (bounded) for the exit; resolves the exit code or signal name. */
    async stop(signal = 'SIGTERM') {
      if (!exitedNow) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

const agent = new http.Agent({ keepAlive: false });

/**
 * One HTTP request. `body` (object → JSON, string → as is) is sent as
 * `text/plain` unless `contentType` says otherwise; a browser user agent is set
 * unless `headers['user-agent']` is given. Resolves { status, headers, text, json }.
 */
export function request(baseUrl, method, path, { body, contentType = 'text/plain', headers = {} } = {}) {
  const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const allHeaders = { 'user-agent': CHROME_UA, ...headers };
  if (payload !== undefined) allHeaders['content-type'] = contentType;
  return new Promise((resolvePromise, reject) => {
    const req = http.request(new URL(path, baseUrl), { method, headers: allHeaders, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolvePromise({ status: res.statusCode, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.setTimeout(EXIT_TIMEOUT_MS, () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.end(payload);
  });
}

let counter = 0;

/** A valid, consented pageview event (SPEC §7); `overrides` replace fields. */
export function makeEvent(overrides = {}) {
  counter += 1;
  const now = new Date();
  return {
    type: 'pageview',
    url: `https://example.com/page-${counter % 7}`,
    path: `/page-${counter % 7}`,
    title: 'A page',
    referrer: '',
    visitorId: 'visitor-a',
    visitId: 'visit-a',
    visitStart: new Date(now.getTime() - 60_000).toISOString(),
    ts: now.toISOString(),
    language: 'en-GB',
    screen: '1920x1080',
    timezone: 'Europe/Berlin',
    consent: { id: 'consent-a', revision: 1, analytics: true },
    ...overrides,
  };
}

/** A valid `ConsentState` (SPEC §3). */
export function makeConsent(overrides = {}) {
  return {
    id: 'consent-1',
    revision: 1,
    timestamp: new Date().toISOString(),
    method: 'custom',
    categories: { necessary: true, analytics: true, marketing: false },
    ...overrides,
  };
}

/** Run `fn` with the collector's database opened read-only, then close it. */
export function withDb(file, fn, { readonly = true } = {}) {
  const db = new Database(file, { readonly, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Number of stored events (optionally of one visitor). */
export function countEvents(file, visitorId) {
  return withDb(file, (db) =>
    visitorId === undefined
      ? db.prepare('SELECT COUNT(*) AS n FROM events').get().n
      : db.prepare('SELECT COUNT(*) AS n FROM events WHERE visitor_id = ?').get(visitorId).n,
  );
}
