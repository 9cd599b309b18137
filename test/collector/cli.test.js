// Command line: --help lists every option; bad values exit 2 with a message.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli, tempDbPath } from './helpers.js';

const OPTIONS = ['--port', '--host', '--db', '--database-url', '--allow-origin', '--trust-proxy', '--retention-days',
  '--ip', '--admin-token', '--cookie-domain', '--help'];

describe('command line', () => {
  it('--help prints every option and exits 0', async () => {
    const { code, stdout } = await runCli(['--help']);
    assert.equal(code, 0);
    for (const option of OPTIONS) assert.ok(stdout.includes(option), option);
  });

  for (const [args, message] of [
    [['--port', 'eighty'], /--port/],
    [['--port', '70000'], /--port/],
    [['--ip', 'partial'], /--ip must be one of full, truncated, none/],
    [['--retention-days', '0'], /--retention-days/],
    [['--allow-origin', 'https://example.com/path'], /--allow-origin/],
    [['--cookie-domain', 'exa mple.com'], /--cookie-domain/],
    [['--unknown'], /unknown/i],
    [['--database-url', 'postgres://user@localhost/db'], /PostgreSQL storage is not available in this version/],
    [['--database-url', 'mysql://localhost/db'], /--database-url/],
  ]) {
    it(`exits 2 with a clear message for ${args.join(' ')}`, async () => {
      const { code, stderr } = await runCli([...args, '--db', tempDbPath()]);
      assert.equal(code, 2);
      assert.match(stderr, message);
    });
  }
});
