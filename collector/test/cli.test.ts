// Command line: --help lists every option; bad values exit 2 with a message;
// values reach the app's options in the app's units, and the running collector.
import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { parseCommandLine, UsageError } from '../src/cli.ts';
import { runCli, startCollector } from './collector-process.js';
import { tempDbPath } from './databases.js';

/** A postgres:// URL on which nothing listens. */
async function unreachableUrl() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `postgres://nobody:secret@127.0.0.1:${port}/nowhere`;
}

const OPTIONS = [
  '--port',
  '--host',
  '--db',
  '--database-url',
  '--allow-origin',
  '--trust-proxy',
  '--retention-days',
  '--ip',
  '--admin-token',
  '--cookie-domain',
  '--headers-timeout',
  '--request-timeout',
  '--keep-alive-timeout',
  '--max-connections',
  '--visitor-rate-limit',
  '--pg-connect-timeout',
  '--pg-statement-timeout',
  '--pg-query-timeout',
  '--pg-idle-timeout',
  '--help',
];

describe('command line', () => {
  it('--help prints every option and exits 0', async () => {
    const { code, stdout } = await runCli(['--help']);
    assert.equal(code, 0);
    for (const option of OPTIONS) assert.ok(stdout.includes(option), option);
  });

  const usageErrors: [string[], RegExp][] = [
    [['--port', 'eighty'], /--port/],
    [['--port', '70000'], /--port/],
    [['--ip', 'partial'], /--ip must be one of full, truncated, none/],
    [['--retention-days', '0'], /--retention-days/],
    [['--allow-origin', 'https://example.com/path'], /--allow-origin/],
    [['--cookie-domain', 'exa mple.com'], /--cookie-domain/],
    [['--unknown'], /unknown/i],
    [['--database-url', 'mysql://localhost/db'], /--database-url must be a postgres:\/\/ URL/],
    [['--database-url', 'postgres://user@localhost/db'], /either --db .* or --database-url/],
    [['--admin-token', 'short'], /--admin-token must be at least 16 characters/],
    [['--admin-token', 'fifteen-chars!!'], /--admin-token must be at least 16 characters/],
    [['--admin-token', 'a token with spaces in it'], /--admin-token must not contain spaces/],
    [['--headers-timeout', '0'], /--headers-timeout must be an integer from 1 to/],
    [['--request-timeout', 'soon'], /--request-timeout must be an integer from 1 to/],
    [['--keep-alive-timeout', '1.5'], /--keep-alive-timeout must be an integer from 1 to/],
    [['--max-connections', '0'], /--max-connections must be an integer from 1 to/],
    [['--headers-timeout', '40', '--request-timeout', '30'], /--headers-timeout .* must not exceed --request-timeout/],
    [['--visitor-rate-limit', '0'], /--visitor-rate-limit must be an integer from 1 to/],
    [['--visitor-rate-limit', 'many'], /--visitor-rate-limit must be an integer from 1 to/],
    [['--pg-connect-timeout', '3'], /--pg-connect-timeout applies to PostgreSQL only: give --database-url too/],
    [['--pg-idle-timeout', '30'], /--pg-idle-timeout applies to PostgreSQL only/],
  ];
  for (const [args, message] of usageErrors) {
    it(`exits 2 with a clear message for ${args.join(' ')}`, async () => {
      const { code, stderr } = await runCli([...args, '--db', tempDbPath()]);
      assert.equal(code, 2);
      assert.match(stderr, message);
    });
  }

  // With --database-url, so no --db is added; the values are refused before any connection is tried.
  const postgresUsageErrors: [string[], RegExp][] = [
    [['--pg-connect-timeout', '0'], /--pg-connect-timeout must be an integer from 1 to 3600, got "0"/],
    [['--pg-statement-timeout', 'soon'], /--pg-statement-timeout must be an integer from 1 to 3600/],
    [['--pg-query-timeout', '1.5'], /--pg-query-timeout must be an integer from 1 to 3600/],
    [['--pg-idle-timeout', '3601'], /--pg-idle-timeout must be an integer from 1 to 3600/],
    [['--pg-statement-timeout', '20'], /--pg-statement-timeout \(20\) must be below --pg-query-timeout \(20\)/],
    [['--pg-statement-timeout', '5', '--pg-query-timeout', '4'], /--pg-statement-timeout \(5\) must be below --pg-query-timeout \(4\)/],
  ];
  for (const [args, message] of postgresUsageErrors) {
    it(`exits 2 with a clear message for ${args.join(' ')}`, async () => {
      const { code, stderr } = await runCli([...args, '--database-url', await unreachableUrl()]);
      assert.equal(code, 2);
      assert.match(stderr, message);
      assert.doesNotMatch(stderr, /ECONNREFUSED/, 'refused before connecting');
    });
  }

  it('exits 2 for a short admin token from the environment, naming the variable', async () => {
    const { code, stderr } = await runCli(['--db', tempDbPath()], { CONSENT_GATE_ADMIN_TOKEN: 'short' });
    assert.equal(code, 2);
    assert.match(stderr, /CONSENT_GATE_ADMIN_TOKEN must be at least 16 characters/);
  });

  it('exits 1 with the reason, and no password, when the PostgreSQL server cannot be reached', async () => {
    const { code, stderr } = await runCli(['--database-url', await unreachableUrl()]);
    assert.equal(code, 1);
    assert.match(stderr, /ECONNREFUSED/);
    assert.ok(!stderr.includes('secret'), stderr);
  });
});

describe('command line values', () => {
  const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
    const options = parseCommandLine(argv, env);
    assert.notEqual(options, 'help');
    return options as Exclude<typeof options, 'help'>;
  };

  it('takes the slow-client limits in seconds and hands them on in milliseconds, with defaults', () => {
    assert.deepEqual(
      (({ headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs, maxConnections }) => ({
        headersTimeoutMs,
        requestTimeoutMs,
        keepAliveTimeoutMs,
        maxConnections,
      }))(parse([])),
      { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 1024 },
    );
    const set = parse(['--headers-timeout', '5', '--request-timeout', '20', '--keep-alive-timeout', '65', '--max-connections', '10000']);
    assert.equal(set.headersTimeoutMs, 5_000);
    assert.equal(set.requestTimeoutMs, 20_000);
    assert.equal(set.keepAliveTimeoutMs, 65_000);
    assert.equal(set.maxConnections, 10_000);
  });

  it('takes the PostgreSQL timeouts and the visitor rate limit, with defaults', () => {
    const url = 'postgres://collector@db.example.com/analytics';
    const defaults = parse(['--database-url', url]);
    assert.deepEqual(defaults.postgresTimeouts, { connectMs: 5_000, statementMs: 15_000, queryMs: 20_000, idleMs: 10_000 });
    assert.equal(defaults.visitorRateLimit, 60);
    const set = parse([
      '--database-url',
      url,
      '--pg-connect-timeout',
      '2',
      '--pg-statement-timeout',
      '50',
      '--pg-query-timeout',
      '60',
      '--pg-idle-timeout',
      '30',
      '--visitor-rate-limit',
      '600',
    ]);
    assert.deepEqual(set.postgresTimeouts, { connectMs: 2_000, statementMs: 50_000, queryMs: 60_000, idleMs: 30_000 });
    assert.equal(set.visitorRateLimit, 600);
    assert.equal(parse(['--visitor-rate-limit', '5']).visitorRateLimit, 5, 'the rate limit serves SQLite too');
    assert.throws(
      () => parse(['--database-url', url, '--pg-query-timeout', '10']),
      UsageError,
      'the default statement timeout (15) is above 10',
    );
  });

  it('takes an admin token of 16 characters or more, from the option or the environment', () => {
    assert.equal(parse(['--admin-token', 'x'.repeat(16)]).adminToken, 'x'.repeat(16));
    assert.equal(parse([], { CONSENT_GATE_ADMIN_TOKEN: 'y'.repeat(40) }).adminToken, 'y'.repeat(40));
    assert.equal(parse([]).adminToken, undefined);
  });
});

describe('command line options in the running collector', () => {
  it('--visitor-rate-limit N: the N+1st visitor request of a client and minute gets 429 with Retry-After', async () => {
    const collector = await startCollector({ args: ['--visitor-rate-limit', '2'] });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await collector.request('GET', '/visitor/rate-limited')).status);
      const refused = await collector.request('DELETE', '/visitor/rate-limited');
      assert.deepEqual(statuses, [200, 200, 429]);
      assert.equal(refused.status, 429, 'GET and DELETE count together');
      assert.ok(Number(refused.headers['retry-after']) >= 1, `Retry-After: ${refused.headers['retry-after']}`);
      assert.equal((await collector.request('GET', '/health')).status, 200, 'other routes are not limited');
    } finally {
      await collector.stop();
    }
  });

  it('--pg-connect-timeout SEC: a server that never answers is given up on after SEC seconds', async () => {
    // Accepts connections and says nothing, then closes each after 4 s: a collector still waiting then
    // (the default 5 s) would report the closed connection, one with --pg-connect-timeout 1 its own timeout.
    const held = new Set<Socket>();
    const silent = createServer((socket) => {
      held.add(socket);
      socket.on('error', () => {});
      setTimeout(() => socket.destroy(), 4_000).unref();
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const { code, stderr } = await runCli(['--database-url', `postgres://nobody@127.0.0.1:${port}/nowhere`, '--pg-connect-timeout', '1']);
      assert.equal(code, 1);
      assert.match(stderr, /Connection terminated due to connection timeout/);
    } finally {
      held.forEach((socket) => socket.destroy());
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
