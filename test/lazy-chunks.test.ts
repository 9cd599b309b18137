/**
 * The script-tag build keeps what the first paint does not need out of
 * dist/consent-gate.min.js: the preferences dialog is fetched when the visitor
 * reaches for it, the tracker once analytics are granted. These tests always
 * load the built script tag (whatever the group), and look at the scripts the
 * page actually requested.
 */
import { expect } from '@open-wc/testing';
import type { ConsentGate } from '../src/index.ts';
import { part, waitFor } from './helpers/browser.ts';
import { recorder } from './helpers/collector-recorder.ts';
import { banner, choose, freshVisitor, preferences, stopGate } from './helpers/gate.ts';
import { clearGated, embedUrl, gatedFrame, gatedScript, newToken, push, ran, scriptUrl } from './helpers/gating.ts';
import { appendScriptTag } from './helpers/script-tag.ts';

let loads = 0;

/** The lazy chunks the page asked for: the `<script>` elements the loader added (a cached chunk leaves no resource-timing entry). */
const chunkScripts = () => [...document.querySelectorAll<HTMLScriptElement>('script[src*="/consent-gate/"]')];
const chunkRequests = () => chunkScripts().map((script) => new URL(script.src).pathname);

/** Loads the script-tag build from `src` and waits for its banner. */
async function loadBuild(src = '/dist/consent-gate.min.js', config = {}): Promise<ConsentGate> {
  delete window.ConsentGate;
  (await appendScriptTag(document, `${src}?load=${++loads}`, config)).remove();
  const gate = await waitFor(() => window.ConsentGate, 'window.ConsentGate');
  await waitFor(() => banner()?.shadowRoot?.querySelector('[part~="banner"]'), 'the banner');
  return gate;
}

describe('script tag: code fetched only when needed', () => {
  beforeEach(async () => {
    await freshVisitor();
    for (const script of chunkScripts()) script.remove();
  });
  afterEach(() => {
    window.ConsentGate?.destroy();
    stopGate();
    clearGated();
  });

  it('shows the banner without fetching the dialog or the tracker', async () => {
    const collector = recorder();
    await loadBuild(undefined, { collector: collector.url });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(chunkRequests()).to.deep.equal([]);
    expect(customElements.get('consent-banner')).to.exist;
  });

  it('fetches the dialog when the visitor opens it, and opens it', async () => {
    await loadBuild();
    part(banner(), 'manage').click();
    await waitFor(() => preferences()?.shadowRoot?.querySelector('dialog[open]'), 'the dialog to open');
    expect(chunkRequests()).to.have.length(1);
    expect(chunkRequests()[0]).to.match(/\/dist\/consent-gate\/preferences-[\w-]+\.min\.js$/);
  });

  it('starts fetching the dialog as soon as the pointer or the focus reaches the banner', async () => {
    await loadBuild();
    banner()!.dispatchEvent(new Event('focusin', { bubbles: true }));
    await waitFor(() => chunkRequests().length === 1, 'the dialog chunk');
    expect(chunkRequests()[0]).to.match(/\/preferences-/);
    expect(preferences()).to.equal(null);
  });

  it('starts fetching the dialog when the pointer reaches a "Cookie settings" link', async () => {
    const link = Object.assign(document.createElement('a'), { href: '#', textContent: 'Cookie settings' });
    link.setAttribute('data-consent-open', '');
    document.body.append(link);
    try {
      await loadBuild();
      document.body.dispatchEvent(new Event('pointerover', { bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(chunkRequests()).to.deep.equal([]);
      link.dispatchEvent(new Event('pointerover', { bubbles: true }));
      await waitFor(() => chunkRequests().length === 1, 'the dialog chunk');
      link.click();
      await waitFor(() => preferences()?.shadowRoot?.querySelector('dialog[open]'), 'the dialog to open');
      expect(chunkRequests()).to.have.length(1);
    } finally {
      link.remove();
    }
  });

  it('fetches the tracker after Accept all and sends the page view; never after Reject all', async () => {
    const refused = recorder();
    await loadBuild(undefined, { collector: refused.url });
    await choose(part(banner(), 'reject-all'));
    // Only the refusal itself, as proof of consent; nothing for analytics.
    expect((await refused.settled()).map((r) => `${r.method} ${r.path}`)).to.deep.equal(['POST /consent']);
    expect(chunkRequests()).to.deep.equal([]);
    window.ConsentGate!.destroy();

    await freshVisitor();
    for (const script of chunkScripts()) script.remove();
    const granted = recorder();
    await loadBuild(undefined, { collector: granted.url });
    part(banner(), 'accept-all').click();
    const [pageview] = await granted.waitForEvents(1, 'pageview');
    expect(pageview!.path).to.equal(location.pathname);
    expect(chunkRequests()).to.have.length(1);
    expect(chunkRequests()[0]).to.match(/\/dist\/consent-gate\/tracker-[\w-]+\.min\.js$/);
  });

  it('reports a chunk that cannot be fetched and keeps the banner working', async () => {
    const errors: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const gate = await loadBuild('/gating-server/detached/consent-gate.min.js');
      gate.showPreferences();
      await waitFor(() => errors.length, 'the error report');
      expect(String(errors[0]![0])).to.equal('consent-gate: the preferences dialog could not be loaded');
      expect(String(errors[0]![1])).to.match(/could not load .*\/gating-server\/detached\/consent-gate\/preferences-/);
      expect(preferences()).to.equal(null);
      await choose(part(banner(), 'accept-all'));
      expect(gate.getConsent()!.method).to.equal('accept-all');
    } finally {
      console.error = original;
    }
  });

  it('runs gated scripts once allowed without fetching anything: the script runner is in the first file', async () => {
    gatedScript('analytics', { code: push('lazy') });
    await loadBuild(undefined, { categories: { necessary: true, analytics: true } });
    part(banner(), 'accept-all').click();
    await waitFor(() => ran().includes('lazy'), 'the gated script to run');
    expect(chunkRequests()).to.deep.equal([]);
  });

  it('fetches the placeholder code at once for a gated frame, which needs its placeholder', async () => {
    const frame = gatedFrame('marketing', embedUrl(newToken()));
    await loadBuild(undefined, { categories: { necessary: true, marketing: { label: 'Marketing' } } });
    await waitFor(() => document.querySelector('[data-consent-placeholder]'), 'the placeholder');
    expect(chunkRequests()).to.have.length(1);
    expect(chunkRequests()[0]).to.match(/\/dist\/consent-gate\/placeholders-[\w-]+\.min\.js$/);
    expect(frame.hasAttribute('src')).to.equal(false);
  });
});

describe('script tag: a returning visitor', () => {
  /** The choice an Accept all stored, written by the SDK today. */
  const storeAcceptAll = () => {
    const record = {
      v: 1,
      id: '6a1f0c2e-0000-4000-8000-000000000024',
      revision: 1,
      timestamp: new Date().toISOString(),
      method: 'accept-all',
      categories: { necessary: true, analytics: true },
      written: new Date().toISOString().slice(0, 10),
    };
    document.cookie = `cg_consent=${encodeURIComponent(JSON.stringify(record))}; path=/; max-age=3600; samesite=lax`;
  };

  beforeEach(async () => {
    await freshVisitor();
    storeAcceptAll();
  });
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  /** A page load of the script-tag build in a frame (a window of its own), with `markup` in its body; resolves once it is set up. */
  async function loadReturning(markup: string): Promise<Window & typeof globalThis & { ConsentGate?: ConsentGate }> {
    const frame = document.createElement('iframe');
    frame.src = `/test/fixtures/returning.html?markup=${encodeURIComponent(markup)}`;
    document.body.append(frame);
    const win = frame.contentWindow as Window & typeof globalThis & { ConsentGate?: ConsentGate; __ready?: boolean };
    await waitFor(() => win.__ready, 'consent-gate:ready in the frame', 5000);
    return win;
  }

  for (const gated of [false, true]) {
    it(`renders no banner code and fetches no file but the script tag${gated ? ', running three gated scripts' : ''}`, async () => {
      const token = newToken();
      const markup = gated
        ? ['one', 'two', 'three']
            .map((name) => `<script type="text/plain" data-consent="analytics" src="${scriptUrl(name, token)}"></script>`)
            .join('')
        : '';
      const win = await loadReturning(markup);
      expect(win.ConsentGate!.getConsent()).to.include({ method: 'accept-all' });
      if (gated) await waitFor(() => ran(win).length === 3, 'the three gated scripts');
      expect(ran(win)).to.deep.equal(gated ? ['one', 'two', 'three'] : []);
      expect(win.document.querySelector('consent-banner'), 'no banner element').to.equal(null);
      expect(win.customElements.get('consent-banner'), 'the banner class not even defined').to.equal(undefined);
      const files = win.performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
      expect(files.filter((path) => path.startsWith('/dist/'))).to.deep.equal(['/dist/consent-gate.min.js']);
      expect(files.filter((path) => path.startsWith('/gating-server/'))).to.have.length(gated ? 3 : 0);
    });
  }
});
