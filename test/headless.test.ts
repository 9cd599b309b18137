import { expect } from '@open-wc/testing';
import type { initHeadless as InitHeadless } from '../src/headless.ts';
import { cookieJar, waitFor } from './helpers/browser.ts';
import { recorder } from './helpers/collector-recorder.ts';
import { TARGET, freshVisitor } from './helpers/gate.ts';

/** `initHeadless` from the sources, or from the self-contained minified build in the dist group. */
async function loadInitHeadless(): Promise<typeof InitHeadless> {
  const path = TARGET !== 'src' ? '/dist/consent-gate.headless.min.js' : '../src/headless.ts';
  return ((await import(/* @vite-ignore */ path)) as { initHeadless: typeof InitHeadless }).initHeadless;
}

describe('consent-gate/headless', () => {
  let gate: ReturnType<typeof InitHeadless> | null = null;
  beforeEach(freshVisitor);
  afterEach(() => {
    gate?.destroy();
    gate = null;
  });

  it('starts without any element and tracks once analytics are accepted', async () => {
    const initHeadless = await loadInitHeadless();
    const collector = recorder();
    const ready = new Promise((resolve) => document.addEventListener('consent-gate:ready', resolve, { once: true }));
    gate = initHeadless({ collector: collector.url });
    await ready;
    expect(document.querySelector('consent-banner, consent-preferences')).to.equal(null);
    expect(gate.getConsent()).to.equal(null);
    gate.track('ignored');
    expect(await collector.settled()).to.deep.equal([]);

    gate.acceptAll();
    gate.track('signup', { plan: 'pro' });
    // Separate beacons may arrive in any order.
    const events = await collector.waitForEvents(2);
    expect(events.find((e) => e.type === 'pageview')).to.include({ path: location.pathname });
    expect(events.find((e) => e.type === 'event')).to.include({ name: 'signup' });
    expect((await cookieJar()).map((c) => c.name)).to.include.members(['cg_consent', 'cg_vid', 'cg_visit']);

    gate.rejectAll();
    expect((await cookieJar()).map((c) => c.name)).to.deep.equal(['cg_consent']);
  });

  it("draws gated-frame placeholders in English with the site's text overrides", async () => {
    const initHeadless = await loadInitHeadless();
    const frame = document.createElement('iframe');
    frame.dataset.consent = 'marketing';
    frame.dataset.src = '/gating-server/embed.html';
    frame.title = 'Embedded video';
    document.body.append(frame);
    try {
      gate = initHeadless({
        categories: { necessary: { required: true }, marketing: {} },
        texts: { en: { allowCategory: 'Show {category}' } },
      });
      const placeholder = await waitFor(() => document.querySelector('[data-consent-placeholder="marketing"]'), 'the placeholder', 5000);
      expect(placeholder.querySelector('button')!.textContent).to.equal('Show Marketing');
      expect(placeholder.querySelector('p')!.textContent).to.equal(
        'This content is provided by a third party. To show it, allow Marketing.',
      );
      expect(frame.getAttribute('src')).to.equal(null);
    } finally {
      frame.remove();
    }
  });
});
