import { expect } from '@open-wc/testing';
import { part } from './helpers/browser.ts';
import { banner, freshVisitor, startGate, stopGate, choose } from './helpers/gate.ts';
import { CATEGORIES } from './helpers/gating.ts';

type PageWindow = Window & { dataLayer?: unknown[] };
const page = window as PageWindow;

/** The dataLayer as arrays: gtag pushes `arguments` objects. */
const commands = () => (page.dataLayer ?? []).map((entry) => Array.from(entry as ArrayLike<unknown>));

const all = (value: 'granted' | 'denied') => ({
  ad_storage: value,
  ad_user_data: value,
  ad_personalization: value,
  analytics_storage: value,
});
const DEFAULT = ['consent', 'default', { ...all('denied'), wait_for_update: 500 }];
const config = { categories: CATEGORIES, googleConsentMode: true };

/** Like `gtag(...)` on a page: an arguments object. */
function gtagArguments(..._args: unknown[]): IArguments {
  // eslint-disable-next-line prefer-rest-params
  return arguments;
}

describe('Google Consent Mode v2', () => {
  beforeEach(async () => {
    await freshVisitor();
    delete page.dataLayer;
  });
  afterEach(() => {
    stopGate();
    delete page.dataLayer;
  });

  it('pushes the default (everything denied, wait_for_update 500) first, as an arguments object', async () => {
    await startGate(config);
    expect(commands()).to.deep.equal([DEFAULT]);
    expect(Object.prototype.toString.call(page.dataLayer![0])).to.equal('[object Arguments]');
  });

  it('pushes an update on every choice: analytics → analytics_storage, marketing → the ad_* types', async () => {
    const gate = await startGate(config);
    await choose(part(banner(), 'accept-all'));
    expect(commands()).to.deep.equal([DEFAULT, ['consent', 'update', all('granted')]]);
    gate.setConsent({ marketing: false });
    expect(commands()[2]).to.deep.equal(['consent', 'update', { ...all('denied'), analytics_storage: 'granted' }]);
    gate.reset();
    expect(commands()[3]).to.deep.equal(['consent', 'update', all('denied')]);
  });

  it('pushes the stored choice as an update right after the default on the next page load', async () => {
    const gate = await startGate(config);
    gate.setConsent({ analytics: true });
    stopGate();
    delete page.dataLayer;
    await startGate(config);
    expect(commands()).to.deep.equal([DEFAULT, ['consent', 'update', { ...all('denied'), analytics_storage: 'granted' }]]);
  });

  it('pushes a denied update for a Global Privacy Control signal', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { configurable: true, get: () => true });
    try {
      await startGate(config);
      expect(commands()).to.deep.equal([DEFAULT, ['consent', 'update', all('denied')]]);
    } finally {
      delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
    }
  });

  it('follows consentModeMap', async () => {
    const gate = await startGate({
      categories: { necessary: {}, preferences: {}, analytics: {} },
      googleConsentMode: true,
      consentModeMap: { necessary: ['security_storage'], preferences: ['functionality_storage'], analytics: ['analytics_storage'] },
    });
    expect(commands()[0]).to.deep.equal([
      'consent',
      'default',
      { ...all('denied'), security_storage: 'denied', functionality_storage: 'denied', wait_for_update: 500 },
    ]);
    gate.setConsent({ preferences: true });
    expect(commands()[1]).to.deep.equal([
      'consent',
      'update',
      { ...all('denied'), security_storage: 'granted', functionality_storage: 'granted' },
    ]);
  });

  it('warns when Google tags were configured before the default, and keeps their commands', async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      page.dataLayer = [gtagArguments('js', new Date()), gtagArguments('config', 'G-TEST')];
      await startGate(config);
    } finally {
      console.warn = warn;
    }
    expect(warnings.map((args) => String(args[0]))).to.deep.equal([
      'consent-gate: Google tags were configured before the Consent Mode default; load consent-gate first.',
    ]);
    expect(commands().map((c) => c[0])).to.deep.equal(['js', 'config', 'consent']);
  });

  it('leaves the dataLayer alone without googleConsentMode', async () => {
    const gate = await startGate({ categories: CATEGORIES });
    gate.acceptAll();
    expect(page.dataLayer).to.equal(undefined);
  });
});
