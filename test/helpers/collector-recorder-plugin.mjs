// Test-runner middleware and commands for the analytics tests:
// - a recording collector under /recorder/<name>/: POST /collect answers 202,
//   POST /consent 201,
//   GET /visitor/:id answers { visitorId, events } from what it received,
//   DELETE /visitor/:id answers 204 and forgets them (a name starting with
//   "broken" answers 503 to the visitor routes); every request is kept
//   (method, path, content type, body text, headers) for the `recorder-*` commands;
// - the real collector (the consent-gate-collector workspace's bin) as a child process, for
//   one end-to-end test (`collector-start`, `visit-and-accept` in a fresh
//   browser context, `collector-stop`);
// - file downloads seen by Playwright (`download-expect`, `download-read`).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COLLECTOR_MAIN } from '../../scripts/collector-main.mjs';

const PREFIX = /^\/recorder\/([\w-]+)(\/.*)$/;
const START_TIMEOUT_MS = 10_000;
const VISITOR_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

/** Reads a request body as text. */
async function bodyText(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the real collector on a free port; resolves `{ url, stop }`. */
async function startCollector(allowOrigin) {
  const dir = mkdtempSync(join(tmpdir(), 'consent-gate-e2e-'));
  const child = spawn(
    process.execPath,
    [COLLECTOR_MAIN, '--port', '0', '--host', '127.0.0.1', '--db', join(dir, 'collector.db'), '--allow-origin', allowOrigin],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`collector did not start:\n${output}`)), START_TIMEOUT_MS);
    const onData = (data) => {
      output += data;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`collector exited:\n${output}`));
    });
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function collectorRecorderPlugin() {
  /** @type {Map<string, { method: string, path: string, query: string, contentType: string, body: string, headers: Record<string, string> }[]>} */
  const recorded = new Map();
  /** @type {Map<string, Set<string>>} visitor ids erased per recorder */
  const erased = new Map();
  const collectors = new Map();
  const visitors = new Map();
  const downloads = new Map();
  const listOf = (name) => recorded.get(name) ?? recorded.set(name, []).get(name);

  /** The events of `visitorId` this recorder received, as the collector would answer them. */
  const eventsOf = (name, visitorId) =>
    listOf(name)
      .filter((r) => r.method === 'POST' && r.path === '/collect')
      .flatMap((r) => [JSON.parse(r.body)].flat().map((event) => ({ ...event, userAgent: r.headers['user-agent'] ?? null })))
      .filter((event) => event.visitorId === visitorId && !erased.get(name)?.has(visitorId));

  return {
    name: 'collector-recorder',
    serverStart({ server }) {
      // In front of the dev server's own handler: a middleware added now would never run (koa composes
      // its middleware once, when the server is created), and these answers need their own status codes.
      const devServer = server.listeners('request')[0];
      server.removeListener('request', devServer);
      server.on('request', async (req, res) => {
        const url = new URL(req.url, 'http://recorder');
        const match = PREFIX.exec(url.pathname);
        if (!match) return devServer.call(server, req, res);
        const [, name, path] = match;
        listOf(name).push({
          method: req.method,
          path,
          query: url.search,
          contentType: req.headers['content-type'] ?? '',
          body: await bodyText(req),
          headers: { ...req.headers },
        });
        const visitor = /^\/visitor\/([^/]+)$/.exec(path);
        let status = 404;
        let body = '';
        if (req.method === 'POST' && (path === '/collect' || path === '/marker')) status = 202;
        else if (req.method === 'POST' && path === '/consent') status = 201;
        else if (visitor && name.startsWith('broken')) status = 503;
        else if (visitor && req.method === 'GET') {
          status = 200;
          body = JSON.stringify({ visitorId: visitor[1], events: eventsOf(name, visitor[1]) });
        } else if (visitor && req.method === 'DELETE') {
          (erased.get(name) ?? erased.set(name, new Set()).get(name)).add(visitor[1]);
          status = 204;
        }
        res.writeHead(status, { 'cache-control': 'no-store', ...(body ? { 'content-type': 'application/json' } : {}) });
        res.end(body);
      });
    },
    async serverStop() {
      await Promise.all([...visitors.values()].map((context) => context.close()));
      await Promise.all([...collectors.values()].map((collector) => collector.stop()));
    },
    async executeCommand({ command, session, payload }) {
      const page = () => session.browser.getPage(session.id);
      switch (command) {
        case 'recorder-requests':
          return listOf(payload.name);
        case 'collector-start': {
          await collectors.get(session.id)?.stop();
          const collector = await startCollector(payload.allowOrigin);
          collectors.set(session.id, collector);
          return collector.url;
        }
        case 'collector-stop':
          await visitors.get(session.id)?.close();
          await collectors.get(session.id)?.stop();
          visitors.delete(session.id);
          collectors.delete(session.id);
          return true;
        case 'visit-and-accept': {
          // A separate browser context with a desktop user agent: the collector ignores headless browsers as bots.
          const context = await page().context().browser().newContext({ userAgent: VISITOR_UA });
          visitors.set(session.id, context);
          const visitor = await context.newPage();
          await visitor.goto(payload.url);
          await visitor.getByRole('button', { name: 'Accept all', exact: true }).first().click();
          await visitor.waitForFunction(() => document.cookie.includes('cg_vid='));
          return {
            userAgent: VISITOR_UA,
            visitorId: (await context.cookies()).find((c) => c.name === 'cg_vid')?.value,
            consent: await visitor.evaluate(() => window.ConsentGate.getConsent()),
          };
        }
        case 'download-expect': {
          const download = page().waitForEvent('download', { timeout: 5000 });
          download.catch(() => {});
          downloads.set(session.id, download);
          return true;
        }
        case 'download-read': {
          const download = await downloads.get(session.id);
          downloads.delete(session.id);
          return { filename: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
        }
        default:
          return undefined;
      }
    },
  };
}
