// Command line: --help lists every option; bad values exit 2 with a message;
// values reach the app's options in the app's units.
import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { parseCommandLine } from '../src/cli.ts';
import { runCli } from './collector-process.js';
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
  ];
  for (const [args, message] of usageErrors) {
    it(`exits 2 with a clear message for ${args.join(' ')}`, async () => {
      const { code, stderr } = await runCli([...args, '--db', tempDbPath()]);
      assert.equal(code, 2);
      assert.match(stderr, message);
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

  it('takes an admin token of 16 characters or more, from the option or the environment', () => {
    assert.equal(parse(['--admin-token', 'x'.repeat(16)]).adminToken, 'x'.repeat(16));
    assert.equal(parse([], { CONSENT_GATE_ADMIN_TOKEN: 'y'.repeat(40) }).adminToken, 'y'.repeat(40));
    assert.equal(parse([]).adminToken, undefined);
  });
});
