// Fast tests without a browser: the command line, attribution, classification,
// findings, baseline and the escaping of hostile page strings in every output.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseCommandLine, UsageError } from '../src/args.ts';
import { initiatorScript, scriptFromStack, viaChain } from '../src/attribution.ts';
import { compareWithBaseline } from '../src/baseline.ts';
import { parseCookieLine } from '../src/capture/requests.ts';
import { Classifier, UNCLASSIFIED } from '../src/classify.ts';
import { checkDeclaration } from '../src/consent.ts';
import { findingsFor } from '../src/findings.ts';
import { declarationHtml, declarationMarkdown } from '../src/outputs/declaration.ts';
import { escapeHtml } from '../src/outputs/escape.ts';
import { buildInventory } from '../src/outputs/inventory.ts';
import { junitXml } from '../src/outputs/junit.ts';
import { reportHtml } from '../src/outputs/report-html.ts';
import { lifetime } from '../src/outputs/time-words.ts';
import { registrableDomain, sameSiteLinks } from '../src/site.ts';
import type { ScanResult } from '../src/scan.ts';
import { PHASES, type PhaseName, type PhaseResult, type Report } from '../src/types.ts';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/consent-gate-scan.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function runCli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { timeout: 180_000, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const empty = (): PhaseResult => ({ cookies: [], storage: [], requests: [] });
const phases = (fill: Partial<Record<PhaseName, PhaseResult>> = {}) =>
  Object.fromEntries(PHASES.map((p) => [p, fill[p] ?? empty()])) as Record<PhaseName, PhaseResult>;
const noDecisions = Object.fromEntries(PHASES.map((p) => [p, '-'])) as Record<PhaseName, string>;

describe('command line', () => {
  it('parses every flag', () => {
    const command = parseCommandLine([
      'https://shop.example/',
      '--out',
      'o',
      '--pages',
      '2',
      '--fail-on',
      'pre-consent',
      '--baseline',
      'b.json',
      '--chromium',
      '/x',
    ]);
    assert.deepEqual(command, {
      kind: 'scan',
      options: { url: 'https://shop.example/', out: 'o', pages: 2, failOn: 'pre-consent', baseline: 'b.json', chromium: '/x' },
    });
    assert.deepEqual(parseCommandLine(['http://a.example']), {
      kind: 'scan',
      options: { url: 'http://a.example/', out: 'consent-scan', pages: 5, failOn: null, baseline: null, chromium: undefined },
    });
  });

  it('refuses what is not an http(s) URL, bad numbers, unknown flags and values', () => {
    for (const argv of [
      [],
      ['file:///etc/passwd'],
      ['javascript:alert(1)'],
      ['a', 'b'],
      ['http://x', '--pages', '-1'],
      ['http://x', '--pages', 'two'],
      ['http://x', '--fail-on', 'always'],
      ['http://x', '--nope'],
    ]) {
      assert.throws(() => parseCommandLine(argv), UsageError, argv.join(' '));
    }
  });

  it('exits 2 with the usage for a bad flag, 0 for --help', async () => {
    const bad = await runCli(['http://127.0.0.1/', '--pages', 'x']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--pages must be a whole number/);
    assert.match(bad.stderr, /Usage: consent-gate-scan URL/);
    const help = await runCli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--fail-on pre-consent/);
  });

  it('runs as the installed command from the build', { skip: !existsSync(BUILT) && 'not built (npm run build)' }, async () => {
    const result = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, [BIN, '--help'], { timeout: 120_000 }, (error, stdout) => resolve({ code: error ? 1 : 0, stdout }));
    });
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Usage: consent-gate-scan URL/);
  });

  it('exits 2 before starting a browser when CONSENT_GATE_SCAN_CHROMIUM_ARGS is not a JSON array of strings', async () => {
    for (const value of ['--no-sandbox', '{"a":1}', '[1]']) {
      const result = await runCli(['http://127.0.0.1:9/', '--out', fileURLToPath(new URL('../tmp/bad-env', import.meta.url))], {
        ...process.env,
        CONSENT_GATE_SCAN_CHROMIUM_ARGS: value,
      });
      assert.equal(result.code, 2, value);
      assert.match(result.stderr, /CONSENT_GATE_SCAN_CHROMIUM_ARGS must be a JSON array of strings/, value);
    }
  });

  it('exits 3 with a clear message when the URL cannot be reached', async () => {
    const result = await runCli(['http://127.0.0.1:9/', '--out', fileURLToPath(new URL('../tmp/unreachable', import.meta.url))]);
    assert.equal(result.code, 3);
    assert.match(result.stderr, /http:\/\/127\.0\.0\.1:9\/ could not be loaded/);
  });
});

describe('sites and attribution', () => {
  it('tells registrable domains apart through the public suffix list', () => {
    assert.equal(registrableDomain('https://a.b.example.co.uk/x'), 'example.co.uk');
    assert.equal(registrableDomain('tracker.test'), 'tracker.test');
    assert.equal(registrableDomain('http://127.0.0.1:8080/'), '127.0.0.1');
    assert.deepEqual(
      sameSiteLinks(
        [
          'https://www.shop.example/a#x',
          'https://cdn.shop.example/b',
          'https://other.example/',
          'mailto:x@y',
          'https://www.shop.example/a',
          'https://www.shop.example/',
        ],
        'https://www.shop.example/',
        5,
      ),
      ['https://www.shop.example/a', 'https://cdn.shop.example/b'],
    );
  });

  it('names the innermost script of a stack, through async parents', () => {
    assert.equal(
      scriptFromStack(
        'Error\n    at <anonymous>:3:20\n    at set (<anonymous>:9:5)\n    at t.save (https://cdn.example/lib.js:1:200)\n    at https://shop.example/:12:3',
      ),
      'https://cdn.example/lib.js',
    );
    assert.equal(scriptFromStack('Error\n    at <anonymous>:1:1'), null);
    assert.equal(
      initiatorScript({
        type: 'script',
        stack: { callFrames: [], parent: { callFrames: [{ url: '' }, { url: 'https://tm.example/tm.js' }] } },
      }),
      'https://tm.example/tm.js',
    );
    assert.equal(initiatorScript({ type: 'parser', url: 'https://shop.example/' }), null);
  });

  it('follows the loaders of a script up to the document', () => {
    const loaders = new Map<string, string | null>([
      ['https://t.example/pixel.js', 'https://t.example/tm.js'],
      ['https://t.example/tm.js', 'https://shop.example/'],
    ]);
    assert.deepEqual(viaChain('https://t.example/pixel.js', loaders, new Set(['https://shop.example/'])), ['https://t.example/tm.js']);
    assert.deepEqual(viaChain('https://t.example/tm.js', loaders, new Set(['https://shop.example/'])), []);
    assert.deepEqual(parseCookieLine('a=1; Path=/; Domain=.Shop.example; HttpOnly', 'www.shop.example'), {
      name: 'a',
      domain: 'shop.example',
    });
    assert.equal(parseCookieLine('novalue', 'x'), null);
  });
});

describe('classification and findings', () => {
  const declaration = checkDeclaration({
    cookieName: 'my_consent',
    categories: [
      { name: 'necessary', label: 'Necessary', required: true, services: [] },
      {
        name: 'stats',
        label: 'Stats',
        required: false,
        services: [{ name: 'Own stats', cookies: [{ pattern: '^_ga' }, { pattern: '(' }], storage: [{ name: 'stats_q' }] }],
      },
    ],
  });

  it("prefers the site's declaration, then the cookie databases, then the tracker host", () => {
    const classifier = new Classifier(declaration);
    assert.deepEqual([classifier.cookie('_ga', null).category, classifier.cookie('_ga', null).service], ['stats', 'Own stats']);
    assert.equal(classifier.cookie('my_consent', null).category, 'necessary');
    assert.equal(classifier.storage('localStorage', 'stats_q', null).category, 'stats');
    const mixpanel = classifier.cookie('mp_abc_mixpanel', null);
    assert.deepEqual([mixpanel.category, mixpanel.service, mixpanel.matcher], ['analytics', 'Mixpanel', { pattern: '^mp_' }]);
    assert.equal(new Classifier(null).cookie('_ga', null).service, 'Google Analytics');
    assert.equal(classifier.cookie('zz_unknown', 'https://www.google-analytics.com/analytics.js').category, 'analytics');
    assert.equal(classifier.cookie('zz_unknown', 'https://shop.example/app.js').category, UNCLASSIFIED);
  });

  it('makes errors of non-necessary items and tracker requests before consent, warnings of unclassified ones', () => {
    const classifier = new Classifier(declaration);
    const cookie = (name: string, category: string) => ({
      name,
      domain: 'shop.example',
      path: '/',
      expires: null,
      httpOnly: false,
      sameSite: 'Lax',
      setBy: 'https://shop.example/a.js',
      via: [],
      category,
      service: null,
    });
    const before: PhaseResult = {
      cookies: [cookie('_ga', 'stats'), cookie('my_consent', 'necessary'), cookie('x', UNCLASSIFIED)],
      storage: [],
      requests: [
        {
          url: 'https://www.google-analytics.com/g/collect',
          host: 'www.google-analytics.com',
          thirdParty: true,
          type: 'Ping',
          initiator: null,
        },
      ],
    };
    const findings = findingsFor(phases({ 'before-consent': before, 'after-accept': before }), noDecisions, classifier);
    assert.deepEqual(
      findings.map((f) => [f.severity, f.phase, f.kind, f.name]),
      [
        ['error', 'before-consent', 'cookie', '_ga'],
        ['error', 'before-consent', 'request', 'www.google-analytics.com'],
        ['warning', 'before-consent', 'cookie', 'x'],
      ],
    );
    assert.match(findings[0]!.message, /set by https:\/\/shop\.example\/a\.js/);
  });

  it('lists the items added and removed since a baseline', () => {
    const item = (name: string) => ({
      name,
      domain: 'd',
      path: '/',
      expires: null,
      httpOnly: false,
      sameSite: 'Lax',
      setBy: null,
      via: [],
      category: 'x',
      service: null,
    });
    const old = phases({ 'after-accept': { cookies: [item('a'), item('b')], storage: [], requests: [] } });
    const now = phases({
      'after-accept': {
        cookies: [item('b'), item('c')],
        storage: [{ area: 'localStorage', key: 'k', setBy: null, via: [], category: 'x', service: null }],
        requests: [],
      },
    });
    assert.deepEqual(
      compareWithBaseline({ phases: old }, { phases: now }).map((f) => [
        f.severity,
        f.phase,
        f.kind,
        f.name,
        /new/.test(f.message) ? 'added' : 'removed',
      ]),
      [
        ['warning', 'after-accept', 'cookie', 'c', 'added'],
        ['warning', 'after-accept', 'storage', 'k', 'added'],
        ['warning', 'after-accept', 'cookie', 'a', 'removed'],
      ],
    );
  });

  it('words lifetimes', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(lifetime(null, now), 'session');
    assert.equal(lifetime('2026-01-01T00:00:00Z', now), '1 year');
    assert.equal(lifetime('2025-01-01T00:30:00Z', now), '30 minutes');
    assert.equal(lifetime('2025-04-01T00:00:00Z', now), '3 months');
  });

  it('words a lifetime in the largest unit that says it within 5 %', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    const after = (days: number) => new Date(now + days * 86_400_000).toISOString();
    assert.equal(lifetime(after(395), now), '13 months', "consent-gate's visitor cookie is not '1 year'");
    assert.equal(lifetime(after(182), now), '6 months');
    assert.equal(lifetime(after(730), now), '2 years');
    assert.equal(lifetime(after(45), now), '45 days');
    assert.equal(lifetime(after(1.5), now), '36 hours');
    assert.equal(lifetime(new Date(now + 100_000).toISOString(), now), '100 seconds');
  });

  it("describes the consent cookie, its localStorage mirror and each service in the site's own words, lifetimes from when the jar was read", () => {
    const own = checkDeclaration({
      cookieName: 'cg_consent',
      categories: [
        {
          name: 'necessary',
          label: 'Necessary',
          required: true,
          services: [{ name: 'Consent', provider: 'Shop Ltd', purpose: 'Remembers your choice', cookies: [{ name: 'cg_consent' }] }],
        },
        {
          name: 'analytics',
          label: 'Analytics',
          required: false,
          services: [
            {
              name: 'Own stats',
              provider: 'Shop Ltd',
              purpose: 'Visitor statistics',
              cookies: [
                { name: 'cg_vid', purpose: 'Recognises a returning visitor' },
                { name: 'cg_visit', purpose: 'Groups the pages of one visit' },
              ],
            },
          ],
        },
      ],
    });
    assert.ok(own);
    const classifier = new Classifier(own);
    for (const c of [classifier.cookie('cg_consent', null), classifier.storage('localStorage', 'cg_consent', null)]) {
      assert.deepEqual([c.category, c.service, c.provider, c.purpose], ['necessary', 'Consent', 'Shop Ltd', 'Remembers your choice']);
    }
    // The jar is read a minute into the scan, after the last page renewed the visit cookie.
    const readAt = Date.parse('2025-01-01T00:01:00Z');
    const cookie = (name: string, days: number) => ({
      name,
      domain: 'shop.example',
      path: '/',
      expires: new Date(readAt + days * 86_400_000).toISOString(),
      httpOnly: false,
      sameSite: 'Lax',
      setBy: null,
      via: [],
      category: 'analytics',
      service: 'Own stats',
    });
    const inventory = buildInventory({
      report: {
        url: 'https://shop.example/',
        scannedAt: '2025-01-01T00:00:00.000Z',
        pages: [],
        phases: phases({ 'after-accept': { cookies: [cookie('cg_vid', 395), cookie('cg_visit', 1 / 48)], storage: [], requests: [] } }),
        findings: [],
        decisions: noDecisions,
      },
      screenshots: {},
      declaration: own,
      classifier,
      cookiesReadAt: { 'after-accept': readAt },
    });
    const stats = inventory.find((c) => c.name === 'analytics')?.services[0];
    assert.deepEqual(
      [stats?.name, stats?.purpose, stats?.items.map((i) => [i.name, i.purpose, i.duration])],
      [
        'Own stats',
        'Visitor statistics',
        [
          ['cg_vid', 'Recognises a returning visitor', '13 months'],
          ['cg_visit', 'Groups the pages of one visit', '30 minutes'],
        ],
      ],
    );
  });
});

describe('outputs', () => {
  const hostile = '<img src=x onerror=alert(1)>';
  const report: Report = {
    url: `https://shop.example/?q=${hostile}`,
    scannedAt: '2025-01-01T00:00:00.000Z',
    pages: [{ url: `https://shop.example/"><script>alert(1)</script>`, status: 200 }],
    phases: phases({
      'before-consent': {
        cookies: [
          {
            name: hostile,
            domain: 'shop.example',
            path: '/',
            expires: null,
            httpOnly: false,
            sameSite: 'Lax',
            setBy: `https://shop.example/${hostile}.js`,
            via: [`https://t.example/"${hostile}`],
            category: UNCLASSIFIED,
            service: null,
          },
        ],
        storage: [{ area: 'localStorage', key: `</td>${hostile}`, setBy: null, via: [], category: UNCLASSIFIED, service: null }],
        requests: [
          { url: `https://t.example/${hostile}`, host: 't.example', thirdParty: true, type: 'Image', initiator: `javascript:${hostile}` },
        ],
      },
    }),
    findings: [
      { severity: 'warning', phase: 'before-consent', kind: 'cookie', name: hostile, message: `Cookie "${hostile}" is unclassified` },
    ],
    decisions: noDecisions,
  };
  const result: ScanResult = { report, screenshots: {}, declaration: null, classifier: new Classifier(null) };

  it('escapes every string from the page in report.html, the declaration and junit.xml', () => {
    const inventory = buildInventory(result);
    for (const [name, text] of [
      ['report.html', reportHtml(result)],
      ['declaration.html', declarationHtml(inventory, report.url)],
      ['junit.xml', junitXml(report)],
    ] as const) {
      assert.doesNotMatch(text, /<img|<script>|<\/td><img/, name);
      assert.match(text, /&lt;img src=x onerror=alert\(1\)&gt;/, name);
    }
    assert.doesNotMatch(declarationMarkdown(inventory, report.url), /(^|[^\\])<img/);
    assert.match(reportHtml(result), /Content-Security-Policy" content="default-src 'none'/);
    assert.equal(escapeHtml(`"'&`), '&quot;&#39;&amp;');
  });

  it('writes one junit test case per phase and per finding', () => {
    assert.equal(junitXml(report).match(/<testcase /g)?.length, PHASES.length + report.findings.length);
  });
});
