import { expect } from '@open-wc/testing';
import type { initHeadless as InitHeadless } from '../src/headless.ts';
import { cookieJar } from './helpers/browser.ts';
import { recorder } from './helpers/collector-recorder.ts';
import { TARGET, freshVisitor } from './helpers/gate.ts';

/** `initHeadless` from the sources, or from the self-contained minified build in the dist group. */
async function loadInitHeadless(): Promise<typeof InitHeadless> {
  const path = TARGET === 'dist' ? '/dist/consent-gate.headless.min.js' : '../src/headless.ts';
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
    const [pageview, event] = await collector.waitForEvents(2);
    expect(pageview).to.include({ type: 'pageview', path: location.pathname });
    expect(event).to.include({ type: 'event', name: 'signup' });
    expect((await cookieJar()).map((c) => c.name)).to.include.members(['cg_consent', 'cg_vid', 'cg_visit']);

    gate.rejectAll();
    expect((await cookieJar()).map((c) => c.name)).to.deep.equal(['cg_consent']);
  });
});
