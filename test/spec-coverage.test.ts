/**
 * Statements of docs/reference.md that no other test file covers: the back/forward cache,
 * reset() and showBanner(), the dialog's policy link, templates wrapping
 * images and frames, gating in another open tab, Spanish, reduced motion and
 * visible focus. Everything is checked as a visitor or the browser sees it.
 */
import { expect } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { ConsentState } from '../src/index.ts';
import { cookieJar, countByRole, deepActive, nextEvent, part, waitFor } from './helpers/browser.ts';
import { poll, recorder } from './helpers/collector-recorder.ts';
import { banner, preferences, rendered, startGate, choose } from './helpers/gate.ts';
import { CATEGORIES, gatedScript, gatedTemplate, embedUrl, newToken, push, ran, requestsWith, useCleanPage } from './helpers/gating.ts';
import { openPage } from './helpers/page-frame.ts';

/** Lets the MutationObserver and the script queue catch up (one frame), for checks that something did NOT happen. */
const settle = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

/** The names of the cookies in the real jar, sorted. */
const jarNames = async () => (await cookieJar()).map((c) => c.name).sort();

/** Writes `state` the way consent-gate in another tab stores it: the cookie. */
function storeFromAnotherTab(state: ConsentState): void {
  const value = JSON.stringify({ v: 1, ...state, written: new Date().toISOString().slice(0, 10) });
  document.cookie = `cg_consent=${encodeURIComponent(value)}; path=/; max-age=3600; samesite=lax`;
}

/** Forgets the stored choice the way reset() in another tab does. */
function resetFromAnotherTab(): void {
  document.cookie = 'cg_consent=; path=/; max-age=0';
}

/** The browser restores this page from the back/forward cache. */
const restoreFromBfcache = () => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));

describe('back/forward cache', () => {
  useCleanPage();

  it('re-reads a decision stored meanwhile when the page is restored (pageshow), instead of a stale banner', async () => {
    const gate = await startGate();
    expect(banner()!.mode).to.equal('banner');
    expect(await countByRole('button', 'Accept all')).to.equal(1);
    const stored: ConsentState = {
      id: 'b1e2c3d4-0000-4000-8000-000000000001',
      revision: 1,
      timestamp: new Date().toISOString(),
      method: 'reject-all',
      categories: { necessary: true, analytics: false },
    };
    storeFromAnotherTab(stored);
    restoreFromBfcache();
    await waitFor(() => banner()!.mode === 'hidden', 'the banner to hide');
    await banner()!.updateComplete;
    expect(gate.getConsent()).to.deep.equal(stored);
    expect(await countByRole('button', 'Accept all')).to.equal(0);
    expect(await jarNames()).to.deep.equal(['cg_consent']);
  });

  it('shows the banner again when the stored decision was withdrawn meanwhile (reset in another tab)', async () => {
    const gate = await startGate();
    gate.acceptAll();
    await banner()!.updateComplete;
    expect(banner()!.mode).to.equal('hidden');
    resetFromAnotherTab();
    restoreFromBfcache();
    await waitFor(() => banner()!.mode === 'banner', 'the banner to show');
    await banner()!.updateComplete;
    expect(gate.getConsent()).to.equal(null);
    expect(await countByRole('button', 'Accept all')).to.equal(1);
    expect(await cookieJar()).to.deep.equal([]);
  });

  it('never listens to unload or beforeunload, from start to tracking and gating', async () => {
    const registered: Array<[EventTarget, string]> = [];
    const original = EventTarget.prototype.addEventListener;
    EventTarget.prototype.addEventListener = function (
      this: EventTarget | undefined,
      ...args: Parameters<EventTarget['addEventListener']>
    ) {
      // A bare `addEventListener(...)` in a module calls it with no receiver: the window.
      registered.push([this ?? window, args[0]]);
      return original.apply(this, args);
    };
    try {
      const collector = recorder();
      gatedScript('analytics', { code: push('unload-check') });
      const gate = await startGate({ collector: collector.url, categories: CATEGORIES });
      gate.acceptAll();
      await waitFor(() => ran().includes('unload-check'), 'the gated script');
      await collector.waitForEvents(1, 'pageview');
    } finally {
      EventTarget.prototype.addEventListener = original;
    }
    const onWindow = registered.filter(([target]) => target === window).map(([, type]) => type);
    // The spy saw the SDK's own window listeners (tab sync and tracker), so an empty result means something.
    expect(onWindow).to.include('pageshow');
    expect(onWindow).to.include('pagehide');
    const types = registered.map(([, type]) => type);
    expect(types).not.to.include('unload');
    expect(types).not.to.include('beforeunload');
    expect(window.onunload).to.equal(null);
    expect(window.onbeforeunload).to.equal(null);
  });
});

describe('reset() and showBanner()', () => {
  useCleanPage();
  afterEach(() => {
    document.cookie = 'site_pref=; path=/; max-age=0';
  });

  it('reset() deletes the cookies declared by the services of gated categories and shows the banner', async () => {
    const gate = await startGate({
      categories: {
        necessary: { label: 'Necessary', required: true },
        analytics: { label: 'Analytics', services: [{ name: 'Google Analytics', cookies: [{ pattern: '^_ga' }, { name: '_gid' }] }] },
      },
    });
    gate.acceptAll();
    document.cookie = '_ga=GA1.1.1; path=/';
    document.cookie = '_ga_ABC=GS1.1; path=/';
    document.cookie = '_gid=GA1.2; path=/';
    document.cookie = 'site_pref=dark; path=/';
    expect(await jarNames()).to.deep.equal(['_ga', '_ga_ABC', '_gid', 'cg_consent', 'site_pref']);
    const changed = nextEvent<CustomEvent>(document, 'consent-gate:change');
    gate.reset();
    expect((await changed).detail).to.equal(null);
    expect(await jarNames()).to.deep.equal(['site_pref']);
    await rendered();
    expect(banner()!.mode).to.equal('banner');
    expect(await countByRole('button', 'Accept all')).to.equal(1);
  });

  it('reset() deletes the localStorage and sessionStorage keys declared by the services, and keeps the site’s others', async () => {
    const gate = await startGate({
      categories: {
        necessary: { label: 'Necessary', required: true },
        analytics: { label: 'Analytics', services: [{ name: 'PostHog', storage: [{ pattern: '^ph_' }, { name: 'amp_session' }] }] },
      },
    });
    gate.acceptAll();
    for (const storage of [localStorage, sessionStorage]) {
      for (const key of ['ph_abc_posthog', 'amp_session', 'site_pref']) storage.setItem(key, '1');
    }
    try {
      gate.reset();
      for (const storage of [localStorage, sessionStorage]) {
        expect(['ph_abc_posthog', 'amp_session', 'site_pref'].filter((key) => storage.getItem(key) !== null)).to.deep.equal(['site_pref']);
      }
    } finally {
      for (const storage of [localStorage, sessionStorage]) storage.removeItem('site_pref');
    }
  });

  it('reset() deletes the cookies of an explicit autoClear list', async () => {
    const gate = await startGate({
      categories: CATEGORIES,
      autoClear: { marketing: [{ name: '_fbp' }], analytics: [{ pattern: '^_pk_' }] },
    });
    gate.acceptAll();
    document.cookie = '_fbp=fb.1; path=/';
    document.cookie = '_pk_id=1; path=/';
    document.cookie = 'site_pref=dark; path=/';
    expect(await jarNames()).to.deep.equal(['_fbp', '_pk_id', 'cg_consent', 'site_pref']);
    gate.reset();
    expect(await jarNames()).to.deep.equal(['site_pref']);
    await rendered();
    expect(await countByRole('button', 'Reject all')).to.equal(1);
  });

  it('showBanner() shows the first layer again after a decision, which stays until the visitor chooses anew', async () => {
    const gate = await startGate();
    gate.acceptAll();
    await rendered();
    expect(await countByRole('button', 'Accept all')).to.equal(0);
    gate.showBanner();
    await rendered();
    expect(banner()!.mode).to.equal('banner');
    for (const name of ['Accept all', 'Reject all', 'Manage preferences']) expect(await countByRole('button', name), name).to.equal(1);
    expect(gate.getConsent()).to.include({ method: 'accept-all' });
    await choose(part(banner(), 'reject-all'));
    await rendered();
    expect(gate.getConsent()).to.include({ method: 'reject-all' });
    expect(banner()!.mode).to.equal('hidden');
  });
});

describe("the dialog's privacy policy link", () => {
  useCleanPage();

  it('shows a link to policyUrl in the dialog', async () => {
    const gate = await startGate({ policyUrl: '/privacy' });
    // With a decision the banner (and its own link) is hidden: only the dialog's link is left.
    gate.rejectAll();
    gate.showPreferences();
    const dialog = await waitFor(() => preferences()?.open && preferences(), 'the dialog to open');
    await dialog.updateComplete;
    const link = part<HTMLAnchorElement>(dialog, 'link');
    expect(part(dialog, 'dialog').contains(link)).to.equal(true);
    expect(link.getAttribute('href')).to.equal('/privacy');
    expect(await countByRole('link', 'Privacy policy')).to.equal(1);
    gate.hidePreferences();
  });

  it('shows no link for a policy-url that is not http(s), set on the dialog element itself', async () => {
    const gate = await startGate();
    gate.rejectAll();
    gate.showPreferences();
    const dialog = await waitFor(() => preferences()?.open && preferences(), 'the dialog to open');
    for (const url of ['javascript:void 0', ' \u0001JavaScript:void 0', 'data:text/html,<b>x</b>']) {
      dialog.setAttribute('policy-url', url);
      await dialog.updateComplete;
      expect(dialog.shadowRoot!.querySelector('a')?.outerHTML, `attribute ${url}`).to.equal(undefined);
      dialog.removeAttribute('policy-url');
      dialog.policyUrl = url;
      await dialog.updateComplete;
      expect(dialog.shadowRoot!.querySelector('a')?.outerHTML, `property ${url}`).to.equal(undefined);
    }
    dialog.policyUrl = 'https://example.com/privacy';
    await dialog.updateComplete;
    expect(part<HTMLAnchorElement>(dialog, 'link').getAttribute('href')).to.equal('https://example.com/privacy');
    gate.hidePreferences();
  });

  it('shows no link in the dialog without policyUrl', async () => {
    const gate = await startGate();
    gate.showPreferences();
    const dialog = await waitFor(() => preferences()?.open && preferences(), 'the dialog to open');
    await dialog.updateComplete;
    expect(dialog.shadowRoot!.querySelector('a')).to.equal(null);
    expect(await countByRole('link', 'Privacy policy')).to.equal(0);
    gate.hidePreferences();
  });
});

describe('gating: a template wrapping an image and a frame', () => {
  useCleanPage();

  it('requests nothing before consent and inserts the image and the frame in place after Accept all', async () => {
    const token = newToken();
    // The gating server has no image; what matters is whether (and when) the browser asks for one.
    const image = `/gating-server/embed.html?as=image&t=${token}`;
    const before = document.createElement('p');
    before.className = 'from-template';
    document.body.append(before);
    const template = gatedTemplate(
      'analytics',
      `<img class="from-template" id="tpl-img" alt="" src="${image}"><iframe class="from-template" id="tpl-frame" title="Embed" src="${embedUrl(token)}"></iframe>`,
    );
    const after = document.createElement('p');
    after.className = 'from-template';
    document.body.append(after);
    const gate = await startGate();
    await settle();
    expect(document.getElementById('tpl-img')).to.equal(null);
    expect(document.getElementById('tpl-frame')).to.equal(null);
    expect(await requestsWith(token)).to.deep.equal([]);

    gate.acceptAll();
    const frame = await waitFor(() => document.getElementById('tpl-frame'), 'the frame from the template');
    const img = document.getElementById('tpl-img')!;
    expect(template.isConnected).to.equal(false);
    expect(before.nextElementSibling).to.equal(img);
    expect(img.nextElementSibling).to.equal(frame);
    expect(frame.nextElementSibling).to.equal(after);
    const requested = await poll(async () => {
      const list = await requestsWith(token);
      return list.length === 2 && list;
    }, 'the image and the frame to be requested');
    expect(requested.sort()).to.deep.equal([embedUrl(token), image].sort());
  });
});

describe('another open tab', () => {
  useCleanPage();

  it('runs its gated script after Accept all in this page, without a reload', async () => {
    const gate = await startGate({ categories: CATEGORIES });
    const win = (await openPage({ categories: CATEGORIES })) as Awaited<ReturnType<typeof openPage>> & { __marker?: boolean };
    gatedScript('analytics', { code: push('other-tab') }, win.document);
    win.__marker = true;
    await settle();
    expect(ran(win)).to.deep.equal([]);
    gate.acceptAll();
    await waitFor(() => ran(win).includes('other-tab'), 'the gated script in the other tab', 5000);
    expect(ran(win)).to.deep.equal(['other-tab']);
    expect(win.__marker, 'no reload').to.equal(true);
    expect(win.ConsentGate.getConsent()).to.deep.equal(gate.getConsent());
  });
});

describe('Spanish', () => {
  useCleanPage();

  it('labels the banner buttons in Spanish with language "es"', async () => {
    await startGate({ language: 'es' });
    // The strings of src/i18n/es.json.
    const labels = () => ['accept-all', 'reject-all', 'manage'].map((name) => part(banner(), name).textContent!.trim());
    await waitFor(() => labels()[0] === 'Aceptar todo', 'the Spanish banner', 5000);
    expect(labels()).to.deep.equal(['Aceptar todo', 'Rechazar todo', 'Configurar']);
    expect(banner()!.lang).to.equal('es');
    for (const name of ['Aceptar todo', 'Rechazar todo', 'Configurar']) expect(await countByRole('button', name), name).to.equal(1);
    expect(await countByRole('button', 'Accept all')).to.equal(0);
  });
});

/**
 * Makes the page prefer reduced motion and returns an undo. Where the runner
 * can emulate the media feature (Chromium) that is all; Playwright's WebDriver
 * BiDi transport, which drives Firefox here, ignores `emulateMedia`, so there
 * the banner's own `prefers-reduced-motion` conditions are rewritten as the
 * browser would evaluate them under `reduce`. Needs a rendered banner (its
 * stylesheets are shared by every banner); start a fresh one afterwards.
 */
async function preferReducedMotion(): Promise<() => void> {
  await emulateMedia({ reducedMotion: 'reduce' });
  if (matchMedia('(prefers-reduced-motion: reduce)').matches) return () => {};
  const undo: Array<() => void> = [];
  const visit = (rules: CSSRuleList) => {
    for (const rule of rules) {
      if (rule instanceof CSSMediaRule && /prefers-reduced-motion/.test(rule.media.mediaText)) {
        const original = rule.media.mediaText;
        rule.media.mediaText = original
          .replace(/\(\s*prefers-reduced-motion\s*:\s*no-preference\s*\)/g, '(max-width: 0px)')
          .replace(/\(\s*prefers-reduced-motion(\s*:\s*reduce)?\s*\)/g, '(min-width: 0px)');
        undo.push(() => (rule.media.mediaText = original));
      }
      if (rule instanceof CSSGroupingRule) visit(rule.cssRules);
    }
  };
  for (const sheet of banner()!.shadowRoot!.adoptedStyleSheets) visit(sheet.cssRules);
  return () => undo.forEach((restore) => restore());
}

describe('reduced motion', () => {
  let undo: (() => void) | null = null;
  useCleanPage();
  afterEach(async () => {
    undo?.();
    undo = null;
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('does not animate the banner panel when the visitor prefers reduced motion', async () => {
    await startGate();
    undo = await preferReducedMotion();
    // A new banner, drawn while reduced motion is preferred.
    await startGate();
    const panel = part(banner(), 'banner');
    expect(getComputedStyle(panel).animationName).to.equal('none');
    expect(panel.getAnimations()).to.have.length(0);
  });

  it('animates the banner panel without that preference', async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
    expect(matchMedia('(prefers-reduced-motion: no-preference)').matches).to.equal(true);
    await startGate();
    const panel = part(banner(), 'banner');
    expect(getComputedStyle(panel).animationName).not.to.equal('none');
  });
});

describe('visible focus', () => {
  useCleanPage();

  it('draws an outline of at least 2px around a banner button reached with Tab', async () => {
    await startGate();
    (document.activeElement as HTMLElement | null)?.blur();
    const buttons = ['accept-all', 'reject-all', 'manage'].map((name) => part(banner(), name));
    for (let i = 0; i < 8 && !buttons.includes(deepActive() as HTMLElement); i += 1) await sendKeys({ press: 'Tab' });
    const focused = deepActive() as HTMLElement;
    expect(buttons, 'a banner button has keyboard focus').to.include(focused);
    const style = getComputedStyle(focused);
    expect(style.outlineStyle).not.to.equal('none');
    expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
  });
});
