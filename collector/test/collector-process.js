// @ts-check
/**
 * The built collector as a child process, for the tests whose subject is the
 * process (command line, signals, kill -9, several collectors on one database),
 * the end-to-end tests and the bench: start it on 127.0.0.1 on a free port with
 * a temporary database, talk HTTP to it, stop it with a signal.
 *
 * Plain JavaScript (type-checked through JSDoc): the end-to-end tests
 * (`test/e2e/`) and the bench run on plain Node, which cannot load TypeScript.
 * @packageDocumentation
 */

import { spawn } from 'node:child_process';
import http from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dbArgs, tempDb } from './databases.js';

/** @typedef {import('./databases.js').TestDb} TestDb */
/** @typedef {import('./databases.js').StoreKind} StoreKind */

/**
 * What {@link request} resolves to.
 * @typedef {object} HttpAnswer
 * @property {number} status
 * @property {http.IncomingHttpHeaders} headers
 * @property {string} text
 * @property {any} json the body parsed as JSON, or undefined
 */

/**
 * Options of one request.
 * @typedef {object} RequestOptions
 * @property {unknown} [body] an object is sent as JSON, a string or a Buffer as is
 * @property {string} [contentType] default `text/plain`, as `navigator.sendBeacon` sends
 * @property {Record<string, string>} [headers] a browser user agent is set unless `user-agent` is given
 * @property {number} [timeoutMs] how long to wait for the answer (default 15 s)
 */

/** The built entry point the tests run. */
export const COLLECTOR_MAIN = resolve(fileURLToPath(import.meta.url), '../../dist/main.js');

/** A desktop Chrome: the user agent requests send unless told otherwise. */
export const CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

// Generous: a loaded machine (a shared CI host) can take seconds to start Node and open a database.
const STARTUP_TIMEOUT_MS = 30_000;
const EXIT_TIMEOUT_MS = 15_000;

/**
 * Wait until `predicate()` is true, polling every 10 ms, at most `timeoutMs`.
 * @param {() => boolean} predicate
 * @param {number} timeoutMs
 * @param {string} what named in the error when it times out
 */
export async function waitFor(predicate, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Run the collector CLI to completion (for option errors and --help).
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env] extra environment variables
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
export function runCli(args, env = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [COLLECTOR_MAIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
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
 * Start a collector on a free port. `args` are extra CLI options; `db` a
 * database from {@link tempDb} (by default a new one of `store`). Resolves a
 * handle with `url`, `db`, `child`, `request()`, `output()`, `stop(signal)` and
 * `exited` (the exit code, or the signal name when a signal ended it).
 * @param {{ args?: string[], store?: StoreKind, db?: TestDb }} [options]
 */
export async function startCollector({ args = [], store = 'sqlite', db } = {}) {
  const database = db ?? (await tempDb(store));
  const child = spawn(process.execPath, [COLLECTOR_MAIN, '--port', '0', '--host', '127.0.0.1', ...dbArgs(database), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  /** @type {Promise<number | NodeJS.Signals | null>} */
  const exited = new Promise((r) => child.on('exit', (code, signal) => r(code ?? signal)));
  let exitedNow = false;
  exited.then(() => (exitedNow = true));
  const match = await waitFor(() => /listening on http:\/\//.test(stdout) || exitedNow, STARTUP_TIMEOUT_MS, 'collector start').then(
    () => /listening on (http:\/\/[^\s]+)/.exec(stdout),
    () => null,
  );
  if (!match?.[1]) {
    // A collector that never said it listens must not outlive the test (its pipes would keep the test process alive).
    child.kill('SIGKILL');
    throw new Error(`collector did not start within ${STARTUP_TIMEOUT_MS} ms:\n${stdout}\n${stderr}`);
  }
  const url = match[1];
  return {
    url,
    db: database,
    child,
    exited,
    output: () => ({ stdout, stderr }),
    /**
     * @param {string} method
     * @param {string} path
     * @param {RequestOptions} [options]
     */
    request: (method, path, options) => request(url, method, path, options),
    /**
     * Send a signal and wait (bounded) for the exit; resolves the exit code or signal name.
     * @param {NodeJS.Signals} [signal]
     */
    async stop(signal = 'SIGTERM') {
      if (!exitedNow) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/** @typedef {Awaited<ReturnType<typeof startCollector>>} CollectorProcess A running collector process. */

const agent = new http.Agent({ keepAlive: false });

/**
 * One HTTP request. `body` (object → JSON, string → as is) is sent as
 * `text/plain` unless `contentType` says otherwise; a browser user agent is set
 * unless `headers['user-agent']` is given.
 * @param {string} baseUrl
 * @param {string} method
 * @param {string} path
 * @param {RequestOptions} [options]
 * @returns {Promise<HttpAnswer>}
 */
export function request(baseUrl, method, path, { body, contentType = 'text/plain', headers = {}, timeoutMs = EXIT_TIMEOUT_MS } = {}) {
  const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  /** @type {Record<string, string>} */
  const allHeaders = { 'user-agent': CHROME_UA, ...headers };
  if (payload !== undefined) allHeaders['content-type'] = contentType;
  return new Promise((resolvePromise, reject) => {
    const req = http.request(new URL(path, baseUrl), { method, headers: allHeaders, agent }, (res) => {
      /** @type {Buffer[]} */
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
        resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${path} timed out after ${timeoutMs} ms`)));
    req.end(payload);
  });
}
