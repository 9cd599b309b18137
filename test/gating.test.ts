import { expect } from '@open-wc/testing';
import { cookieJar, countByRole, part, waitFor } from './helpers/browser.ts';
import { TARGET, banner, choose, startGate, stopGate } from './helpers/gate.ts';
import { closePage, openPage } from './helpers/page-frame.ts';
import {
  CATEGORIES as categories,
  useCleanPage,
  embedUrl,
  gatedFrame,
  gatedScript,
  gatedTemplate,
  injectMarkup,
  newToken,
  push,
  ran,
  requestsWith,
  scriptUrl,
} from './helpers/gating.ts';

/** Analytics declares `_ga*` and `_gid`: the default autoClear list. */
const withServices = {
  categories: {
    ...categories,
    analytics: { label: 'Analytics', services: [{ name: 'Google Analytics', cookies: [{ pattern: '^_ga' }, { name: '_gid' }] }] },
  },
};

/** Lets the MutationObserver and the script queue catch up (one frame), for checks that something did NOT happen. */
const settle = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

/** Collects the first argument of every `console.error` until `restore()`. */
function captureErrors() {
  const messages: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => messages.push(String(args[0]));
  return { messages, restore: () => (console.error = original) };
}

/** The page's gated content: inline, a slow external script, inline, a template, an external module, and a frame. */
function addGatedContent(token: string): HTMLIFrameElement {
  gatedScript('analytics', { code: push('inline-1') });
  gatedScript('analytics', { src: scriptUrl('external', token, 300) });
  gatedScript('analytics', { code: push('inline-2') });
  gatedTemplate(
    'analytics',
    `<p class="from-template" id="tpl">From a template</p><script class="from-template">${push('template')}</script>`,
  );
  gatedScript('analytics', { src: scriptUrl('module', token), type: 'module' });
  return gatedFrame('marketing', embedUrl(token));
}

describe('gating', () => {
  useCleanPage();

  it('runs no gated script and loads no gated frame before a choice, and shows an Allow placeholder', async () => {
    const token = newToken();
    const frame = addGatedContent(token);
    await startGate({ categories });
    // The placeholder comes with the gating code, fetched on demand: once it is drawn, that code has run.
    await waitFor(() => document.querySelector('[data-consent-placeholder="marketing"] button'), 'the placeholder');
    await settle();
    expect(banner()!.mode).to.equal('banner');
    expect(ran()).to.deep.equal([]);
    expect(document.getElementById('tpl')).to.equal(null);
    expect(frame.hasAttribute('src')).to.equal(false);
    expect(await countByRole('button', 'Allow Marketing')).to.equal(1);
    expect(document.querySelector('[data-consent-placeholder="marketing"] p')!.textContent).to.include('allow Marketing');
    expect(await requestsWith(token)).to.deep.equal([]);
  });

  it('runs inline, slow external, template and module scripts in document order, once each, after Accept all', async () => {
    const token = newToken();
    const frame = addGatedContent(token);
    const gate = await startGate({ categories });
    const page = window as Window & { __marker?: boolean };
    page.__marker = true;
    part(banner(), 'accept-all').click();
    await waitFor(() => ran().length === 5, 'five gated scripts');
    expect(ran()).to.deep.equal(['inline-1', 'external', 'inline-2', 'template', 'module']);
    expect(document.getElementById('tpl')!.textContent).to.equal('From a template');
    await waitFor(() => frame.getAttribute('src') === embedUrl(token), 'the frame to load');
    expect(document.querySelector('[data-consent-placeholder]')).to.equal(null);
    expect(page.__marker, 'no reload').to.equal(true);
    // Deciding again, or more DOM changes, run nothing twice.
    gate.acceptAll();
    document.body.append(document.createElement('div'));
    await settle();
    expect(ran()).to.have.length(5);
    const requested = await requestsWith(token);
    expect(requested.filter((url) => url.includes('push=external'))).to.have.length(1);
    expect(requested.filter((url) => url.includes('embed.html'))).to.have.length(1);
    delete page.__marker;
  });

  it('runs a gated script inserted after init when its category is already granted', async () => {
    const gate = await startGate({ categories });
    gate.acceptAll();
    gatedScript('analytics', { code: push('late') });
    await waitFor(() => ran().includes('late'), 'the late script');
    const token = newToken();
    const frame = gatedFrame('marketing', embedUrl(token));
    await waitFor(() => frame.getAttribute('src'), 'the late frame to load');
  });

  it('keeps later gated content blocked after a refusal, with no request and no cookie of the category', async () => {
    const token = newToken();
    const gate = await startGate({ ...withServices, nonce: 'unused' });
    document.cookie = '_ga=GA1.1.1; path=/';
    document.cookie = '_ga_ABC=GS1.1; path=/';
    document.cookie = '_gid=GA1.2; path=/';
    document.cookie = 'site_pref=dark; path=/';
    await choose(part(banner(), 'reject-all'));
    const frame = addGatedContent(token);
    await settle();
    expect(gate.getConsent()!.categories).to.deep.equal({ necessary: true, analytics: false, marketing: false });
    expect(ran()).to.deep.equal([]);
    expect(frame.hasAttribute('src')).to.equal(false);
    expect(await requestsWith(token)).to.deep.equal([]);
    expect((await cookieJar()).map((c) => c.name).sort()).to.deep.equal(['cg_consent', 'site_pref']);
  });

  it('deletes the autoClear cookies on load when the stored decision refuses the category', async () => {
    const gate = await startGate(withServices);
    gate.rejectAll();
    stopGate();
    document.cookie = '_ga=GA1.1.1; path=/';
    document.cookie = '_gid=GA1.2';
    await startGate(withServices);
    expect((await cookieJar()).map((c) => c.name)).to.deep.equal(['cg_consent']);
  });

  it('deletes the declared storage keys on load when the stored decision refuses the category', async () => {
    const config = {
      categories: { ...categories, analytics: { label: 'Analytics', services: [{ name: 'PostHog', storage: [{ pattern: '^ph_' }] }] } },
    };
    const gate = await startGate(config);
    gate.rejectAll();
    stopGate();
    localStorage.setItem('ph_abc_posthog', '{}');
    sessionStorage.setItem('ph_abc_window_id', 'w');
    await startGate(config);
    expect([localStorage.getItem('ph_abc_posthog'), sessionStorage.getItem('ph_abc_window_id')]).to.deep.equal([null, null]);
  });

  it('never deletes the consent cookie, even when a pattern matches it', async () => {
    const gate = await startGate({ categories, autoClear: { analytics: [{ pattern: '^cg_' }] } });
    document.cookie = 'cg_other=1; path=/';
    gate.rejectAll();
    expect((await cookieJar()).map((c) => c.name)).to.deep.equal(['cg_consent']);
  });

  it('grants the category from the placeholder button as a stored choice and loads the frame', async () => {
    const token = newToken();
    const frame = gatedFrame('marketing', embedUrl(token));
    const gate = await startGate({ categories });
    const button = await waitFor(() => document.querySelector<HTMLButtonElement>('[data-consent-placeholder] button'), 'the Allow button');
    expect(button.textContent).to.equal('Allow Marketing');
    button.click();
    await waitFor(() => frame.getAttribute('src') === embedUrl(token), 'the frame to load');
    expect(gate.getConsent()).to.include({ method: 'custom' });
    expect(gate.getConsent()!.categories).to.deep.equal({ necessary: true, analytics: false, marketing: true });
    expect((await cookieJar()).map((c) => c.name)).to.deep.equal(['cg_consent']);
    expect(await requestsWith(token)).to.have.length(1);
  });

  it('keeps content of a category that is not configured blocked, says so once, and offers no Allow button', async () => {
    const token = newToken();
    const errors: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const frame = gatedFrame('marketing', embedUrl(token));
      gatedScript('marketing', { code: push('unconfigured') });
      gatedScript('analytics', { code: push('analytics') });
      // The default categories: necessary and analytics, no marketing.
      const gate = await startGate();
      const placeholder = await waitFor(() => document.querySelector('[data-consent-placeholder="marketing"]'), 'the placeholder');
      expect(placeholder.querySelector('button')).to.equal(null);
      gate.acceptAll();
      await waitFor(() => ran().includes('analytics'), 'the analytics script');
      await settle();
      expect(ran()).to.deep.equal(['analytics']);
      expect(frame.hasAttribute('src')).to.equal(false);
      expect(await requestsWith(token)).to.deep.equal([]);
      const reports = errors.map((args) => String(args[0])).filter((message) => message.includes('data-consent="marketing"'));
      expect(reports).to.have.length(1);
      expect(reports[0]).to.include('not a configured category');
    } finally {
      console.error = original;
    }
  });

  it('gives re-created scripts the configured CSP nonce', async () => {
    const gate = await startGate({ categories, nonce: 'n0nce-for-tests' });
    gatedScript('analytics', { code: `${push('nonce')} window.__gatedNonce = document.currentScript.nonce;`, nonce: 'n0nce-for-tests' });
    gate.acceptAll();
    await waitFor(() => ran().includes('nonce'), 'the script');
    expect((window as Window & { __gatedNonce?: string }).__gatedNonce).to.equal('n0nce-for-tests');
  });

  it('works under a strict Content-Security-Policy: banner, placeholder style, scripts in order, no violation', async () => {
    const token = newToken();
    const violations: string[] = [];
    const onMessage = (event: MessageEvent) => {
      if (event.data?.cspViolation) violations.push(event.data.cspViolation);
    };
    addEventListener('message', onMessage);
    try {
      const frame = document.createElement('iframe');
      frame.src = `/test/fixtures/gating-csp.html?target=${TARGET}&t=${token}`;
      document.body.append(frame);
      const doc = () => frame.contentDocument!;
      const frameBanner = await waitFor(() => doc()?.querySelector('consent-banner'), 'the banner in the CSP page', 5000);
      await frameBanner.updateComplete;
      const placeholder = await waitFor(() => doc().querySelector('[data-consent-placeholder]'), 'the placeholder in the CSP page');
      // The browser hides a parsed nonce from getAttribute: the nonce rule must read the property.
      const withNonce = doc().querySelector<HTMLScriptElement>('script[data-consent="analytics"][nonce]')!;
      expect(withNonce.getAttribute('nonce')).to.equal('');
      expect(withNonce.nonce).to.have.length.above(0);
      expect(frame.contentWindow!.getComputedStyle(placeholder).display).to.equal('flex');
      expect((placeholder as HTMLElement).style.width).to.equal('400px');
      // The dialog's code is fetched on demand: it must load under the nonce-only policy too.
      part(frameBanner, 'manage').click();
      const openDialog = () => doc().querySelector('consent-preferences')?.shadowRoot?.querySelector('dialog[open]');
      await waitFor(openDialog, 'the dialog to open in the CSP page', 5000);
      part(doc().querySelector('consent-preferences'), 'close').click();
      await waitFor(() => !openDialog(), 'the dialog to close');
      part(frameBanner, 'accept-all').click();
      await waitFor(() => ran(frame.contentWindow!).length >= 4, 'the gated scripts in the CSP page', 5000);
      await waitFor(() => doc().querySelector('iframe[src]'), 'the embed to load');
      await settle();
      // Markup injected without the nonce (in the HTML, or at run time, in a template or not) never runs.
      expect(ran(frame.contentWindow!)).to.deep.equal(['inline-1', 'external', 'inline-2', 'template']);
      expect(doc().querySelectorAll('iframe[src]')).to.have.length(1);
      const errors = (frame.contentWindow as Window & { __errors: string[] }).__errors;
      expect(
        errors.filter((message) => message.includes('nonce')),
        errors.join('\n'),
      ).to.have.length(4);
      expect(
        errors.filter((message) => message.includes('data-src')),
        errors.join('\n'),
      ).to.have.length(1);
      expect(violations).to.deep.equal([]);
    } finally {
      removeEventListener('message', onMessage);
    }
  });
});

describe('gating: the nonce rule and frame addresses', () => {
  useCleanPage();
  const NONCE = 'n0nce-for-tests';

  it('with a nonce in use, runs only gated scripts that carry it; injected ones never run and are reported once each', async () => {
    const token = newToken();
    const errors = captureErrors();
    try {
      // A required category is granted before any choice: the worst case of the gadget.
      gatedScript('necessary', { code: push('necessary-with-nonce'), nonce: NONCE });
      injectMarkup(
        `<script type="text/plain" data-consent="necessary">${push('injected-necessary')}</script>` +
          `<script type="text/plain" data-consent="analytics">${push('injected-inline')}</script>` +
          `<script type="text/plain" data-consent="analytics" src="${scriptUrl('injected-external', token)}"></script>` +
          `<script type="text/plain" data-consent="analytics" nonce="a-guess">${push('wrong-nonce')}</script>`,
      );
      const gate = await startGate({ categories, nonce: NONCE });
      await waitFor(() => ran().includes('necessary-with-nonce'), 'the necessary script with the nonce');
      gatedScript('analytics', { code: push('analytics-with-nonce'), nonce: NONCE });
      gate.acceptAll();
      await waitFor(() => ran().includes('analytics-with-nonce'), 'the analytics script with the nonce');
      gate.acceptAll();
      document.body.append(document.createElement('div'));
      await settle();
      expect(ran()).to.deep.equal(['necessary-with-nonce', 'analytics-with-nonce']);
      expect(await requestsWith(token)).to.deep.equal([]);
      const reports = errors.messages.filter((message) => message.includes('nonce'));
      expect(reports).to.have.length(4);
      expect(reports[0]).to.match(/^consent-gate: /);
    } finally {
      errors.restore();
    }
  });

  it('with a nonce in use, runs only the scripts of a template that carry it', async () => {
    const errors = captureErrors();
    try {
      const gate = await startGate({ categories, nonce: NONCE });
      gatedTemplate(
        'analytics',
        `<p class="from-template" id="tpl-nonce">From a template</p><script class="from-template" nonce="${NONCE}">${push('template-with-nonce')}</script><script class="from-template">${push('template-without')}</script>`,
      );
      injectMarkup(`<template data-consent="necessary"><script class="from-template">${push('injected-template')}</script></template>`);
      gate.acceptAll();
      await waitFor(() => ran().includes('template-with-nonce'), 'the template script with the nonce');
      await settle();
      expect(ran()).to.deep.equal(['template-with-nonce']);
      expect(document.getElementById('tpl-nonce')!.textContent).to.equal('From a template');
      expect(errors.messages.filter((message) => message.includes('nonce'))).to.have.length(2);
    } finally {
      errors.restore();
    }
  });

  it('without a nonce, runs every gated script as before', async () => {
    const gate = await startGate({ categories });
    injectMarkup(`<script type="text/plain" data-consent="analytics">${push('no-nonce-in-use')}</script>`);
    gate.acceptAll();
    await waitFor(() => ran().includes('no-nonce-in-use'), 'the script');
  });

  it('loads a gated frame only from an http(s) data-src; javascript:, data: and other schemes never load and are reported', async () => {
    const token = newToken();
    const errors = captureErrors();
    try {
      const bad = [
        'javascript:parent.__gated=["javascript"]',
        ' JavaScript:parent.__gated=["javascript-hidden"]',
        `data:text/html,<script>parent.__gated=["data"]</script>`,
        'about:blank',
        'blob:https://example.com/0000',
      ].map((src) => gatedFrame('marketing', src));
      const relative = gatedFrame('marketing', embedUrl(token));
      const absolute = gatedFrame('marketing', `${location.origin}${embedUrl(token)}&absolute`);
      const gate = await startGate({ categories });
      await waitFor(
        () => document.querySelectorAll('[data-consent-placeholder]').length === 2,
        'the placeholders of the two loadable frames',
      );
      gate.acceptAll();
      await waitFor(() => relative.getAttribute('src') === embedUrl(token) && absolute.hasAttribute('src'), 'the http(s) frames to load');
      await settle();
      for (const frame of bad) expect(frame.hasAttribute('src'), frame.dataset.src).to.equal(false);
      expect(ran()).to.deep.equal([]);
      const reports = errors.messages.filter((message) => message.includes('data-src'));
      expect(reports).to.have.length(bad.length);
    } finally {
      errors.restore();
    }
  });
});

describe('gating: a real analytics library (posthog-js)', () => {
  useCleanPage();
  const TOKEN = 'phc_consentgate_test';
  const KEY = `ph_${TOKEN}_posthog`;
  /** PostHog declared as the site would: its cookie and its browser storage, both `ph_…`. */
  const config = {
    categories: {
      ...categories,
      analytics: { label: 'Analytics', services: [{ name: 'PostHog', cookies: [{ pattern: '^ph_' }], storage: [{ pattern: '^ph_' }] }] },
    },
  };
  const phKeys = (storage: Storage) => Object.keys(storage).filter((key) => key.startsWith('ph_'));
  const phCookies = async () => (await cookieJar()).map((c) => c.name).filter((name) => name.startsWith('ph_'));

  it('deletes its cookie and its localStorage and sessionStorage keys when analytics are withdrawn, and the reload leaves them deleted', async () => {
    const win = await openPage(config);
    try {
      gatedScript('analytics', { src: '/gating-server/posthog/array.js' }, win.document);
      // api_host is the test server: nothing leaves the machine.
      gatedScript(
        'analytics',
        {
          code: `posthog.init(${JSON.stringify(TOKEN)}, { api_host: location.origin + '/gating-server/posthog', persistence: 'localStorage+cookie', autocapture: false, disable_session_recording: true, disable_surveys: true });`,
        },
        win.document,
      );
      await settle();
      expect(phKeys(win.localStorage), 'nothing before consent').to.deep.equal([]);
      expect(await phCookies(), 'no cookie before consent').to.deep.equal([]);
      win.ConsentGate.acceptAll();
      await waitFor(
        () => win.localStorage.getItem(KEY) && win.document.cookie.includes(`${KEY}=`),
        'PostHog’s cookie and localStorage key',
        10000,
      );
      expect(await phCookies()).to.include(KEY);
      expect(phKeys(win.sessionStorage).length, 'PostHog’s sessionStorage keys').to.be.above(0);
      const outside = win.performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => !name.startsWith(location.origin));
      expect(outside, 'requests that left the test server').to.deep.equal([]);
      const before = win.ConsentGate;
      win.ConsentGate.setConsent({ analytics: false });
      // Deleted in the same task as the withdrawal...
      expect(phKeys(win.localStorage)).to.deep.equal([]);
      expect(phKeys(win.sessionStorage)).to.deep.equal([]);
      expect(win.document.cookie).not.to.contain('ph_');
      // ...and PostHog, which cannot be stopped and may write again until the page is gone, is gone with the reload;
      // the reloaded page deletes what it wrote meanwhile and does not run it.
      await waitFor(
        () => win.ConsentGate && win.ConsentGate !== before && win.document.readyState === 'complete',
        'the page to reload',
        10000,
      );
      // The reloaded page starts its gating (and so its clean-up) right after its first paint.
      await waitFor(
        () => !phKeys(win.localStorage).length && !phKeys(win.sessionStorage).length,
        'the reloaded page to delete what PostHog wrote meanwhile',
      );
      expect(await phCookies()).to.deep.equal([]);
      expect((win as Window & { posthog?: unknown }).posthog).to.equal(undefined);
    } finally {
      closePage(win);
      for (const storage of [localStorage, sessionStorage]) for (const key of phKeys(storage)) storage.removeItem(key);
    }
  });
});
