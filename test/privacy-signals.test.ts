import { expect } from '@open-wc/testing';
import { cookieJar, part, waitFor } from './helpers/browser.ts';
import { banner, preferences, startGate, choose } from './helpers/gate.ts';
import { CATEGORIES, gatedScript, push, ran, useCleanPage } from './helpers/gating.ts';

/** Makes the page report a privacy signal, as a browser with GPC or Do Not Track on does. */
function sendSignal(property: 'globalPrivacyControl' | 'doNotTrack', value: boolean | string): void {
  Object.defineProperty(navigator, property, { configurable: true, get: () => value });
}

const clearSignals = () => {
  delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
  delete (navigator as { doNotTrack?: string | null }).doNotTrack;
};

describe('privacy signals (GPC, Do Not Track)', () => {
  useCleanPage();
  afterEach(clearSignals);

  it('treats Global Privacy Control as refusal: gpc decision, no banner, no cookie, no gated script', async () => {
    sendSignal('globalPrivacyControl', true);
    gatedScript('analytics', { code: push('analytics') });
    const gate = await startGate({ categories: CATEGORIES });
    const state = gate.getConsent()!;
    expect(state.method).to.equal('gpc');
    expect(state.categories).to.deep.equal({ necessary: true, analytics: false, marketing: false });
    expect(state.id).to.match(/^[0-9a-f-]{32,36}$/);
    expect(state.revision).to.equal(1);
    expect(Date.parse(state.timestamp)).to.be.closeTo(Date.now(), 60_000);
    expect(gate.hasConsent('analytics')).to.equal(false);
    expect(banner()).to.equal(null);
    expect(await cookieJar()).to.deep.equal([]);
    expect(localStorage.length).to.equal(0);
    expect(ran()).to.deep.equal([]);
  });

  it('treats Do Not Track as the same signal', async () => {
    sendSignal('doNotTrack', '1');
    const gate = await startGate();
    expect(gate.getConsent()!.method).to.equal('gpc');
  });

  it('lets an explicit choice in the dialog override the signal, and stores it', async () => {
    sendSignal('globalPrivacyControl', true);
    gatedScript('analytics', { code: push('analytics') });
    const gate = await startGate();
    gate.showPreferences();
    const dialog = await waitFor(preferences, '<consent-preferences>');
    await dialog.updateComplete;
    await choose(part(dialog, 'accept-all'));
    expect(gate.getConsent()!.method).to.equal('accept-all');
    expect((await cookieJar()).map((c) => c.name)).to.deep.equal(['cg_consent']);
    await waitFor(() => ran().includes('analytics'), 'the gated script after opting in');
    // The stored choice wins over the signal on the next page load.
    const reloaded = await startGate();
    expect(reloaded.getConsent()!.method).to.equal('accept-all');
  });

  it('ignores the signals with respectGpc: false', async () => {
    sendSignal('globalPrivacyControl', true);
    const gate = await startGate({ respectGpc: false });
    expect(gate.getConsent()).to.equal(null);
    expect(banner()!.mode).to.equal('banner');
  });

  it('ignores a signal that is not on (GPC false, DNT "0")', async () => {
    sendSignal('globalPrivacyControl', false);
    sendSignal('doNotTrack', '0');
    const gate = await startGate();
    expect(gate.getConsent()).to.equal(null);
  });
});
