// The command-line options of the query API's data: --country-header and --timezone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HELP, parseCommandLine, UsageError } from '../src/cli.ts';

const parse = (argv: string[]) => {
  const options = parseCommandLine(argv);
  assert.notEqual(options, 'help');
  return options as Exclude<typeof options, 'help'>;
};

describe('command line: --country-header and --timezone', () => {
  it('lists both in --help', () => {
    assert.match(HELP, /--country-header NAME/);
    assert.match(HELP, /--timezone ZONE/);
    assert.match(HELP, /POST \/api\/query/);
  });

  it('defaults to no country header and the UTC reporting time zone', () => {
    const options = parse([]);
    assert.equal(options.countryHeader, undefined);
    assert.equal(options.timezone, 'UTC');
  });

  it('takes a header name (in lower case) and an IANA time zone', () => {
    const options = parse(['--country-header', 'CF-IPCountry', '--timezone', 'Europe/Berlin']);
    assert.equal(options.countryHeader, 'cf-ipcountry');
    assert.equal(options.timezone, 'Europe/Berlin');
  });

  for (const [args, message] of [
    [['--country-header', 'cf ipcountry'], /--country-header must be a request header name/],
    [['--country-header', 'x:y'], /--country-header must be a request header name/],
    [['--timezone', 'Mars/Olympus_Mons'], /--timezone must be an IANA time zone/],
    [['--timezone', '+02:00'], /--timezone must be an IANA time zone/],
    [['--timezone', ''], /--timezone must be an IANA time zone/],
  ] as const) {
    it(`refuses ${args.join(' ')}`, () => {
      assert.throws(
        () => parse([...args]),
        (error: unknown) => error instanceof UsageError && message.test(error.message),
      );
    });
  }
});
