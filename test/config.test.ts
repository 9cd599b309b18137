import { expect } from '@open-wc/testing';
import { resolveConfig } from '../src/core/config.ts';

/** Resolves `input` and returns the configuration and the reported messages. */
function resolve(input: unknown) {
  const errors: string[] = [];
  const config = resolveConfig(input, (message) => errors.push(message));
  return { config, errors };
}

describe('resolveConfig', () => {
  it('fills the documented defaults', () => {
    const { config, errors } = resolve({});
    expect(errors).to.deep.equal([]);
    expect(config).to.include({
      collector: null,
      revision: 1,
      expiresDays: 182,
      cookieName: 'cg_consent',
      policyUrl: null,
      respectGpc: true,
      googleConsentMode: false,
      layout: 'bar',
      theme: 'auto',
      trackSpa: true,
      reloadOnWithdraw: true,
      floatingButton: false,
    });
    expect(config.categories.map((c) => [c.name, c.label, c.required])).to.deep.equal([
      ['necessary', 'Necessary', true],
      ['analytics', 'Analytics', false],
    ]);
  });

  const mistakes: Array<[string, unknown, string, unknown]> = [
    ['policyUrl', 'javascript:alert(1)', 'policyUrl', null],
    ['policyUrl', ' \u0001javascript:alert(1)', 'policyUrl', null],
    ['policyUrl', 'data:text/html,<b>x</b>', 'policyUrl', null],
    ['revision', 'two', 'revision', 1],
    ['revision', -1, 'revision', 1],
    // Past PostgreSQL's integer: the collector would refuse every event and record (MAX_REVISION).
    ['revision', 2147483648, 'revision', 1],
    ['revision', Number.MAX_SAFE_INTEGER, 'revision', 1],
    ['expiresDays', 0, 'expiresDays', 182],
    ['layout', 'sidebar', 'layout', 'bar'],
    ['theme', 'neon', 'theme', 'auto'],
    ['collector', 'ftp://stats.example.com', 'collector', null],
    ['cookieName', 'bad name;', 'cookieName', 'cg_consent'],
    ['cookieDomain', 'evil.example', 'cookieDomain', undefined],
    ['respectGpc', 'yes', 'respectGpc', true],
    ['language', '<script>', 'language', null],
  ];
  for (const [key, value, named, fallback] of mistakes) {
    it(`reports ${key}=${JSON.stringify(value)} once, naming the key, and uses the safe default`, () => {
      const { config, errors } = resolve({ [key]: value });
      expect(errors).to.have.length(1);
      expect(errors[0]).to.contain(`"${named}"`);
      expect((config as unknown as Record<string, unknown>)[key]).to.deep.equal(fallback);
    });
  }

  it('accepts every revision the collector stores, 0 to 2147483647', () => {
    for (const revision of [0, 7, 2147483647]) {
      const { config, errors } = resolve({ revision });
      expect(errors).to.deep.equal([]);
      expect(config.revision).to.equal(revision);
    }
  });

  it('accepts http(s) and relative policy URLs', () => {
    for (const url of ['/privacy', 'privacy.html', 'https://example.com/privacy', 'http://example.com/p']) {
      expect(resolve({ policyUrl: url }).config.policyUrl).to.equal(url);
    }
  });

  it('normalises the collector URL', () => {
    expect(resolve({ collector: 'https://stats.example.com/' }).config.collector).to.equal('https://stats.example.com');
  });

  it('keeps categories in order, skipping a malformed one with an error', () => {
    const { config, errors } = resolve({
      categories: { necessary: { label: 'Needed', required: true }, custom: { description: 'no label' }, marketing: {} },
    });
    expect(config.categories.map((c) => c.name)).to.deep.equal(['necessary', 'marketing']);
    expect(config.categories[0]!.label).to.equal('Needed');
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('"categories"');
  });

  it('derives autoClear from the services cookies and refuses an invalid pattern', () => {
    const { config } = resolve({
      categories: { analytics: { services: [{ name: 'GA', cookies: [{ pattern: '^_ga' }, { name: '_gid' }] }] } },
    });
    expect(config.autoClear).to.deep.equal({ analytics: [{ pattern: '^_ga' }, { name: '_gid' }] });
    const broken = resolve({ autoClear: { analytics: [{ pattern: '(' }] } });
    expect(broken.errors[0]).to.contain('"autoClear"');
  });

  it('accepts storage declarations ({ name } or { pattern }) beside cookies', () => {
    const storage = [{ pattern: '^ph_' }, { name: 'mp_session', purpose: 'Session', duration: 'Until the tab closes' }];
    const { config, errors } = resolve({
      categories: { necessary: true, analytics: { services: [{ name: 'PostHog', cookies: [{ pattern: '^ph_' }], storage }] } },
    });
    expect(errors).to.deep.equal([]);
    expect(config.categories[1]!.services[0]!.storage).to.deep.equal(storage);
  });

  const malformed: Array<[string, unknown]> = [
    ['storage', [{ pattern: '(' }]],
    ['storage', [{}]],
    ['storage', ['ph_']],
    ['storage', [{ name: 42 }]],
    ['storage', { name: 'ph_' }],
    ['cookies', [{ pattern: '[' }]],
    ['cookies', 'ph_'],
  ];
  for (const [key, value] of malformed) {
    it(`reports a malformed "${key}" declaration ${JSON.stringify(value)} once, naming the key and the service, and leaves the category out`, () => {
      const { config, errors } = resolve({ categories: { necessary: true, analytics: { services: [{ name: 'PostHog', [key]: value }] } } });
      expect(errors).to.have.length(1);
      expect(errors[0]).to.contain('"categories"');
      expect(errors[0]).to.contain(`"${key}"`);
      expect(errors[0]).to.contain('PostHog');
      // Nothing of it runs, rather than running with keys that would never be deleted (as for a malformed cookie declaration).
      expect(config.categories.map((c) => c.name)).to.deep.equal(['necessary']);
    });
  }

  it('warns about unknown keys and survives a non-object configuration', () => {
    expect(resolve({ colector: 'x' }).errors[0]).to.contain('"colector"');
    expect(resolve({ toString: 'x', constructor: 1 }).errors).to.have.length(2);
    const { config, errors } = resolve('not an object');
    expect(errors).to.have.length(1);
    expect(config.cookieName).to.equal('cg_consent');
  });
});
