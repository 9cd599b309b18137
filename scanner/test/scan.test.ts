// consent-gate-scan end to end: the real command, in Chromium, on the fixture
// sites (test/fixture/server.ts) with real tracking libraries from npm.
// Needs the SDK's build (dist/consent-gate.min.js and dist/consent-gate/):
// the root `npm test` builds first; alone, run `npm run build:browser` at the root.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, EXTRA_ARGS_ENV, findChromium } from '../src/browser.ts';
import type { GeneratedConfig } from '../src/outputs/config.ts';
import { PHASES, type CookieItem, type PhaseResult, type Report, type StorageItem } from '../src/types.ts';
import { HOSTILE_KEY, startFixture, TOKENS, type Fixture } from './fixture/server.ts';
import { launchViewer, openReport, shownCounts, widthWithEverythingOpen, type ShownCounts } from './helpers/report-page.ts';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const OUT = fileURLToPath(new URL('../tmp/', import.meta.url));

interface Run {
  code: number;
  stderr: string;
  dir: string;
  report: Report;
}

let fixture: Fixture;
let gated: Run;
let leaky: Run;
let plain: Run;
let gatedV2: Run;

/** Runs the command on a fixture site; resolves its exit code and report. */
function scanSite(path: string, name: string, ...flags: string[]): Promise<Run> {
  const dir = join(OUT, name);
  rmSync(dir, { recursive: true, force: true });
  const env = { ...process.env, [EXTRA_ARGS_ENV]: JSON.stringify(fixture.chromiumArgs) };
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CLI, `${fixture.origin}${path}`, '--out', dir, '--pages', '1', ...flags],
      { env, timeout: 240_000 },
      (error, _stdout, stderr) => {
        const code = error ? Number((error as { code?: unknown }).code) : 0;
        if (!existsSync(join(dir, 'report.json'))) return reject(new Error(`no report for ${path} (exit ${code}): ${stderr}`));
        resolve({ code, stderr, dir, report: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report });
      },
    );
  });
}

const lib = (name: keyof typeof TOKENS) => `${fixture.tracker}/lib/${name}.js`;
const cookie = (phase: PhaseResult, name: string): CookieItem => {
  const found = phase.cookies.find((c) => c.name === name);
  assert.ok(found, `cookie ${name} in ${phase.cookies.map((c) => c.name).join(', ')}`);
  return found;
};
const stored = (phase: PhaseResult, area: StorageItem['area'], key: string): StorageItem => {
  const found = phase.storage.find((s) => s.area === area && s.key === key);
  assert.ok(found, `${area} ${key} in ${phase.storage.map((s) => `${s.area}:${s.key}`).join(', ')}`);
  return found;
};

before(async () => {
  fixture = await startFixture();
  // Two scans at a time: each runs its four phases one after the other.
  [gated, leaky] = await Promise.all([
    scanSite('/gated/', 'gated', '--fail-on', 'pre-consent'),
    scanSite('/leaky/', 'leaky', '--fail-on', 'pre-consent'),
  ]);
  // Then version 2 of the gated site against the first report (--baseline), beside the plain site.
  fixture.setVersion(2);
  try {
    [plain, gatedV2] = await Promise.all([
      scanSite('/plain/', 'plain'),
      scanSite('/gated/', 'gated-v2', '--baseline', join(gated.dir, 'report.json')),
    ]);
  } finally {
    fixture.setVersion(1);
  }
});

after(async () => {
  await fixture?.close();
});

describe('a site whose trackers consent-gate gates', () => {
  it('has no tracker cookie, storage key or request before consent, after Reject all or with GPC, and --fail-on pre-consent exits 0', () => {
    assert.equal(gated.code, 0, gated.stderr);
    for (const phase of ['before-consent', 'after-reject', 'gpc'] as const) {
      const p = gated.report.phases[phase];
      assert.deepEqual(
        p.cookies.filter((c) => c.category !== 'necessary').map((c) => c.name),
        [],
        phase,
      );
      assert.deepEqual(
        p.storage.filter((s) => s.category !== 'necessary').map((s) => s.key),
        [],
        phase,
      );
      assert.deepEqual(
        p.requests.filter((r) => r.thirdParty).map((r) => r.url),
        [],
        phase,
      );
    }
    assert.deepEqual(
      gated.report.phases['after-reject'].cookies.map((c) => c.name),
      ['cg_consent'],
    );
    assert.deepEqual(
      gated.report.findings.filter((f) => f.severity === 'error'),
      [],
    );
    assert.deepEqual(gated.report.decisions, {
      'before-consent': '-',
      'after-reject': 'consent-gate',
      'after-accept': 'consent-gate',
      gpc: '-',
    });
    assert.deepEqual(
      gated.report.pages.map((p) => p.url),
      [`${fixture.origin}/gated/`, `${fixture.origin}/gated/about.html`],
    );
  });

  it("lists after Accept all each library's cookies and storage keys with the script that wrote them", () => {
    const p = gated.report.phases['after-accept'];
    const posthog = cookie(p, `ph_${TOKENS.posthog}_posthog`);
    assert.deepEqual(
      [posthog.setBy, posthog.category, posthog.service],
      [lib('posthog'), 'analytics', 'Product analytics (PostHog)'],
      'classified by the site itself',
    );
    const mixpanel = cookie(p, `mp_${TOKENS.mixpanel}_mixpanel`);
    assert.deepEqual(
      [mixpanel.setBy, mixpanel.category, mixpanel.service],
      [lib('mixpanel'), 'analytics', 'Mixpanel'],
      'classified by the Open Cookie Database',
    );
    const amplitude = cookie(p, `AMP_${TOKENS.amplitude.slice(0, 10)}`);
    assert.deepEqual([amplitude.setBy, amplitude.category, amplitude.service], [lib('amplitude'), 'analytics', 'Amplitude']);
    // PostHog's keys vary with what it has to keep; there are some, each written by posthog-js.
    const posthogKeys = p.storage.filter((s) => s.key.startsWith(`ph_${TOKENS.posthog}_`));
    assert.ok(posthogKeys.length > 0, p.storage.map((s) => s.key).join(', '));
    assert.deepEqual(new Set(posthogKeys.map((s) => s.setBy)), new Set([lib('posthog')]));
    assert.equal(stored(p, 'sessionStorage', `mp_tab_id_mixpanel_${TOKENS.mixpanel}`).setBy, lib('mixpanel'));
    assert.equal(stored(p, 'localStorage', `__mpq_${TOKENS.mixpanel}_ev`).setBy, lib('mixpanel'));
    // consent-gate inserted the gated libraries: its script, which runs gated scripts itself, is their loader.
    assert.deepEqual(posthog.via, [`${fixture.origin}/consent-gate.min.js`]);
  });

  it('names the tag manager in `via` for the items of the script it injected, Set-Cookie and IndexedDB included', () => {
    const p = gated.report.phases['after-accept'];
    const tm = `${fixture.tracker}/tm.js`;
    const pixel = `${fixture.tracker}/pixel.js`;
    for (const item of [cookie(p, '_px_uid'), stored(p, 'localStorage', 'px_queue'), stored(p, 'indexedDB', 'px-events')]) {
      assert.equal(item.setBy, pixel);
      assert.equal(item.via.at(-1), tm);
    }
    const thirdParty = cookie(p, 'px_tp');
    assert.deepEqual([thirdParty.domain, thirdParty.httpOnly, thirdParty.sameSite], ['tracker.test', true, 'None']);
    assert.equal(thirdParty.setBy, `${fixture.tracker}/px/collect.gif?e=pageview`);
    assert.deepEqual(thirdParty.via.slice(-2), [tm, pixel]);
    assert.equal(cookie(p, '_px_uid').category, 'marketing');
    const request = p.requests.find((r) => r.url === pixel);
    assert.deepEqual([request?.initiator, request?.thirdParty, request?.type], [tm, true, 'Script']);
  });

  it('writes report.html with a screenshot per phase, the declaration, junit.xml and a configuration', () => {
    const html = readFileSync(join(gated.dir, 'report.html'), 'utf8');
    assert.equal(html.match(/<img alt="Screenshot/g)?.length, PHASES.length);
    assert.match(html, /src="data:image\/jpeg;base64,/);
    for (const phase of PHASES)
      assert.ok(existsSync(join(gated.dir, `screenshot-${phase}.jpg`)), `the full-size ${phase} screenshot beside the report`);
    const junit = readFileSync(join(gated.dir, 'junit.xml'), 'utf8');
    assert.equal(junit.match(/<testcase /g)?.length, PHASES.length + gated.report.findings.length);
    const markdown = readFileSync(join(gated.dir, 'declaration.md'), 'utf8');
    assert.match(markdown, /## Analytics/);
    assert.ok(
      markdown.split('\n').some((line) => line.startsWith('| mp\\_mpfixturetoken\\_mixpanel ') && line.includes('| Cookie on 127.0.0.1 |')),
      markdown,
    );
    assert.match(readFileSync(join(gated.dir, 'declaration.html'), 'utf8'), /<h2>Marketing<\/h2>/);
    const config = JSON.parse(readFileSync(join(gated.dir, 'consent-gate.config.json'), 'utf8')) as GeneratedConfig;
    assert.deepEqual(Object.keys(config.categories), ['necessary', 'analytics', 'marketing', 'unclassified']);
    assert.match(config.categories.unclassified!.description, /^TODO/);
    const unknown = config.categories.unclassified!.services;
    assert.deepEqual(
      unknown.map((s) => [s.name, s.cookies?.map((c) => ('name' in c ? c.name : c.pattern))]),
      [[`Unknown (${new URL(fixture.tracker).host})`, ['tm_session']]],
    );
    assert.match(unknown[0]!.purpose ?? '', /^TODO: .*set by http:\/\/tracker\.test:\d+\/tm\.js/);
    const analytics = config.categories.analytics!.services;
    assert.deepEqual(
      analytics.find((s) => s.name === 'Mixpanel')?.cookies?.map((c) => ('pattern' in c ? c.pattern : c.name)),
      ['^mp_'],
    );
    assert.ok(
      analytics.find((s) => s.name === 'Product analytics (PostHog)')?.storage?.some((s) => 'pattern' in s && s.pattern === '^ph_'),
    );
  });
});

describe('a site that tracks before consent', () => {
  it('fails --fail-on pre-consent and names each item with the script that set it', () => {
    assert.equal(leaky.code, 1, leaky.stderr);
    const errors = leaky.report.findings.filter((f) => f.severity === 'error' && f.phase === 'before-consent');
    const names = new Set(errors.map((f) => `${f.kind}:${f.name}`));
    for (const expected of [
      `cookie:ph_${TOKENS.posthog}_posthog`,
      `cookie:mp_${TOKENS.mixpanel}_mixpanel`,
      `cookie:AMP_${TOKENS.amplitude.slice(0, 10)}`,
      'cookie:_px_uid',
      'cookie:px_tp',
      'storage:px_queue',
      `storage:__mpq_${TOKENS.mixpanel}_ev`,
    ]) {
      assert.ok(names.has(expected), `${expected} in ${[...names].join(', ')}`);
    }
    const before = leaky.report.phases['before-consent'];
    for (const finding of errors.filter((f) => f.kind !== 'request')) {
      const item =
        finding.kind === 'cookie'
          ? before.cookies.find((c) => c.name === finding.name)
          : before.storage.find((s) => s.key === finding.name);
      assert.ok(item?.setBy, `${finding.name} has setBy`);
      assert.ok(finding.message.includes(`set by ${item.setBy}`), finding.message);
    }
    assert.ok(errors.some((f) => f.message.includes(`set by ${lib('posthog')}`)));
    assert.match(readFileSync(join(leaky.dir, 'junit.xml'), 'utf8'), /<failure type="cookie"/);
  });
});

describe('a site without consent-gate', () => {
  it("decides through the banner's buttons", () => {
    assert.equal(plain.code, 0, plain.stderr);
    assert.deepEqual([plain.report.decisions['after-reject'], plain.report.decisions['after-accept']], ['banner', 'banner']);
    const rejected = plain.report.phases['after-reject'];
    assert.deepEqual(
      rejected.cookies.map((c) => c.name),
      ['my_consent'],
    );
    assert.deepEqual(
      rejected.requests.filter((r) => r.thirdParty),
      [],
    );
    assert.equal(cookie(plain.report.phases['after-accept'], `mp_${TOKENS.mixpanel}_mixpanel`).setBy, lib('mixpanel'));
    const warning = plain.report.findings.find((f) => f.phase === 'after-reject' && f.name === 'my_consent');
    assert.equal(warning?.severity, 'warning', 'an unclassified cookie is a warning');
  });

  it('shows a hostile storage key as text in every output', () => {
    assert.ok(plain.report.phases['before-consent'].storage.some((s) => s.key === HOSTILE_KEY));
    for (const file of ['report.html', 'declaration.html', 'junit.xml']) {
      const text = readFileSync(join(plain.dir, file), 'utf8');
      assert.ok(!text.includes(HOSTILE_KEY), file);
      assert.ok(text.includes('&lt;img src=x onerror=&quot;document.title=1&quot;&gt;'), file);
    }
    assert.doesNotMatch(readFileSync(join(plain.dir, 'declaration.md'), 'utf8'), /(^|[^\\])<img/);
  });
});

describe('--baseline', () => {
  it('lists exactly the items added and removed between two versions of a site', () => {
    const next = gatedV2;
    assert.equal(next.code, 0, next.stderr);
    const diff = next.report.findings
      .filter((f) => /since the baseline/.test(f.message))
      .map((f) => `${f.severity} ${f.phase} ${f.kind} ${f.name} ${/new since/.test(f.message) ? 'added' : 'removed'}`)
      .sort();
    // Version 2 drops Amplitude and adds one cookie.
    const accepted = gated.report.phases['after-accept'];
    const amplitude = [...accepted.cookies.map((c) => ['cookie', c.name]), ...accepted.storage.map((s) => ['storage', s.key])]
      .filter(([, name]) => /^AMP_/.test(name!))
      .map(([kind, name]) => `warning after-accept ${kind} ${name} removed`);
    assert.ok(amplitude.length >= 1);
    assert.deepEqual(diff, [...amplitude, 'warning after-accept cookie v2_cookie added'].sort());
  });
});

describe('report.html of a real scan', () => {
  let viewer: Browser;
  before(async () => {
    viewer = await launchViewer();
  });
  after(async () => {
    await viewer?.close();
  });

  /** What the summary must show: report.json's own counts. */
  const countsOf = (report: Report): ShownCounts =>
    Object.fromEntries(
      PHASES.map((phase) => {
        const p = report.phases[phase];
        const findings = report.findings.filter((f) => f.phase === phase).length;
        return [
          phase,
          {
            cookies: p.cookies.length,
            storage: p.storage.length,
            thirdPartyRequests: p.requests.filter((r) => r.thirdParty).length,
            findings,
          },
        ];
      }),
    ) as ShownCounts;

  it("shows in its summary the verdict and exactly report.json's counts per phase", async () => {
    for (const [run, verdict] of [
      [gated, /^No tracking before consent/],
      [leaky, /^\d+ problems (before|without) consent$/],
      [plain, /^No tracking found before consent, \d+ warnings?$/],
    ] as const) {
      const page = await openReport(viewer, join(run.dir, 'report.html'), 1280, 'light');
      try {
        assert.deepEqual(await shownCounts(page), countsOf(run.report), run.dir);
        assert.match(await page.locator('#summary .headline').innerText(), verdict, run.dir);
      } finally {
        await page.close();
      }
    }
    assert.ok(countsOf(leaky.report)['before-consent'].thirdPartyRequests > 0, 'the leaky site has third-party requests to count');
  });

  it('does not scroll sideways at 400 px, light or dark, with every request group and screenshot open', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const run of [leaky, gated]) {
        const page = await openReport(viewer, join(run.dir, 'report.html'), 400, colorScheme);
        try {
          const width = await widthWithEverythingOpen(page);
          assert.ok(width <= 400, `${run.dir} (${colorScheme}) is ${width} px wide`);
        } finally {
          await page.close();
        }
      }
    }
  });

  it('words each expiry date relative to the scan, with the ISO date in the tooltip', async () => {
    const cookies = gated.report.phases['after-accept'].cookies;
    assert.ok(cookies.some((c) => c.expires) && cookies.some((c) => !c.expires), 'cookies with and without an expiry date');
    const page = await openReport(viewer, join(gated.dir, 'report.html'), 1280, 'light');
    try {
      const shown = JSON.parse(
        (await page.evaluate(
          `JSON.stringify([...document.querySelectorAll('#after-accept td[data-label="Expires"]')].map((td) => [td.innerText.trim(), td.firstElementChild.title]))`,
        )) as string,
      ) as Array<[string, string]>;
      assert.equal(shown.length, cookies.length);
      cookies.forEach((c, i) => {
        const [text, title] = shown[i]!;
        if (c.expires) {
          assert.match(text, /^in \d+ (year|month|day|hour|minute|second)s?$/, c.name);
          assert.equal(title, c.expires, c.name);
        } else assert.deepEqual([text, title], ['when the browser closes', 'A session cookie: it has no expiry date'], c.name);
      });
    } finally {
      await page.close();
    }
  });

  it('groups the requests by the page that made them', async () => {
    const page = await openReport(viewer, join(gated.dir, 'report.html'), 1280, 'light');
    try {
      for (const phase of PHASES) {
        const groups = JSON.parse(
          (await page.evaluate(
            `JSON.stringify([...document.querySelectorAll('#${phase} details.page')].map((d) => [d.dataset.page, [...d.querySelectorAll('td[data-label="URL"] code')].map((code) => code.textContent)]))`,
          )) as string,
        ) as Array<[string, string[]]>;
        assert.deepEqual(
          groups.map(([url]) => url),
          gated.report.pages.map((p) => p.url),
          phase,
        );
        assert.equal(groups.flatMap(([, urls]) => urls).length, gated.report.phases[phase].requests.length, phase);
        // Each page's own document request is in that page's group.
        for (const [url, urls] of groups) assert.ok(urls.includes(url), `${phase}: ${url} in its own group`);
      }
    } finally {
      await page.close();
    }
  });
});

describe('the generated configuration', () => {
  it('passes the SDK validation when pasted into the page, and a withdrawal deletes the cookies and storage keys it declares', async () => {
    const config = JSON.parse(readFileSync(join(gated.dir, 'consent-gate.config.json'), 'utf8')) as GeneratedConfig;
    fixture.setGatedConfig(config);
    const browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS, ...fixture.chromiumArgs] });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${fixture.origin}/gated/`);
      await page.waitForFunction('typeof window.ConsentGate?.acceptAll === "function"', undefined, { timeout: 10_000 });
      const declared = (await page.evaluate(
        'JSON.stringify(window.ConsentGate.config.categories.map((c) => [c.name, c.services.length]))',
      )) as string;
      assert.deepEqual(
        JSON.parse(declared),
        Object.entries(config.categories).map(([name, c]) => [name, c.services.length]),
      );
      await page.evaluate('window.ConsentGate.acceptAll()');
      const firstParty = async () => (await context.cookies(fixture.origin)).map((c) => c.name).sort();
      const trackerCookies = [
        'tm_session',
        '_px_uid',
        `AMP_${TOKENS.amplitude.slice(0, 10)}`,
        `mp_${TOKENS.mixpanel}_mixpanel`,
        `ph_${TOKENS.posthog}_posthog`,
      ];
      await waitFor(
        async () => {
          const names = await firstParty();
          return trackerCookies.every((name) => names.includes(name));
        },
        `the trackers to set their cookies (${trackerCookies.join(', ')})`,
      );
      const storageKeys = async () =>
        JSON.parse(
          (await page.evaluate('JSON.stringify([...Object.keys(localStorage), ...Object.keys(sessionStorage)].sort())')) as string,
        ) as string[];
      await waitFor(async () => (await storageKeys()).includes('px_queue'), 'the pixel to write its key');
      const before = await storageKeys();
      assert.ok(before.some((k) => k.startsWith(`ph_${TOKENS.posthog}`)) && before.some((k) => k.startsWith('mp_')), before.join(', '));
      // Withdrawal: the SDK deletes the refused categories' cookies and storage keys, then reloads (their scripts already ran).
      const reloaded = page.waitForEvent('load', { timeout: 15_000 });
      await page.evaluate('window.ConsentGate.rejectAll()');
      await reloaded;
      await page.waitForFunction('typeof window.ConsentGate?.getConsent === "function"', undefined, { timeout: 10_000 });
      assert.deepEqual(await firstParty(), ['cg_consent']);
      // The SDK keeps its own keys (the choice's mirror, the visitor id kept for data requests).
      const own = ['cg_consent', 'cg_vid_kept'];
      assert.deepEqual(
        (await storageKeys()).filter((k) => !own.includes(k)),
        [],
      );
      assert.deepEqual(
        errors.filter((e) => /consent-gate/.test(e)),
        [],
        'no configuration error',
      );
    } finally {
      await browser.close();
    }
  });
});

/** Polls `check` every 100 ms for at most `ms`. */
async function waitFor(check: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
