import { expect } from '@open-wc/testing';
import { part, parts, waitFor } from './helpers/browser.ts';
import { recorder } from './helpers/collector-recorder.ts';
import { banner, freshVisitor, preferences, startGate, stopGate } from './helpers/gate.ts';
import { closePage, openPage } from './helpers/page-frame.ts';

/** Stops the gate and closes every page opened in a frame. */
function closeAll() {
  stopGate();
  document.querySelectorAll('iframe').forEach((f) => f.remove());
}

describe('proof of consent: POST {collector}/consent', () => {
  beforeEach(freshVisitor);
  afterEach(closeAll);

  it('Accept all sends one record: exactly the decision, as a text/plain request carrying the site cookies and the page origin', async () => {
    const collector = recorder();
    const gate = await startGate({ collector: collector.url });
    part(banner(), 'accept-all').click();
    const [record] = await collector.waitForConsentRecords(1);
    expect(record).to.deep.equal(gate.getConsent());
    expect(Object.keys(record!)).to.have.members(['id', 'revision', 'timestamp', 'method', 'categories']);
    expect(record).to.include({ method: 'accept-all', revision: 1 });
    const [request] = (await collector.settled()).filter((r) => r.path === '/consent');
    expect(request).to.include({ method: 'POST', contentType: 'text/plain', query: '?cookie=cg_consent&days=182' });
    // Sent with credentials: what lets a collector on the same site answer with its own Set-Cookie.
    expect(request!.headers.cookie).to.contain('cg_consent=');
    // The collector records consent only from its allowed origins.
    expect(request!.headers.origin).to.equal(location.origin);
  });

  it('carries the page origin under Referrer-Policy: no-referrer (a beacon would say Origin: null, and be refused)', async () => {
    const policy = Object.assign(document.createElement('meta'), { name: 'referrer', content: 'no-referrer' });
    document.head.append(policy);
    try {
      const collector = recorder();
      const gate = await startGate({ collector: collector.url });
      gate.rejectAll();
      await collector.waitForConsentRecords(1);
      const [request] = (await collector.settled()).filter((r) => r.path === '/consent');
      expect(request!.headers.origin).to.equal(location.origin);
    } finally {
      policy.remove();
    }
  });

  it('names the site’s cookie and its lifetime, for the cookie the collector may re-issue', async () => {
    const collector = recorder();
    const gate = await startGate({ collector: collector.url, cookieName: 'site_consent', expiresDays: 30 });
    gate.rejectAll();
    await collector.waitForConsentRecords(1);
    const [request] = (await collector.settled()).filter((r) => r.path === '/consent');
    expect(request!.query).to.equal('?cookie=site_consent&days=30');
  });

  it('records every later decision under the same consent id: Save preferences, then a withdrawal', async () => {
    const collector = recorder();
    const gate = await startGate({ collector: collector.url });
    gate.showPreferences();
    const dialog = await waitFor(() => preferences()?.open && preferences(), 'the dialog to open');
    await dialog.updateComplete;
    const [, analytics] = parts(dialog, 'switch');
    analytics!.click();
    await dialog.updateComplete;
    part(dialog, 'save').click();
    const [saved] = await collector.waitForConsentRecords(1);
    expect(saved).to.deep.include({ method: 'custom', categories: { necessary: true, analytics: true } });
    gate.setConsent({ analytics: false });
    const [, withdrawn] = await collector.waitForConsentRecords(2);
    expect(withdrawn).to.deep.equal(gate.getConsent());
    expect(withdrawn).to.deep.include({ id: saved!.id, method: 'custom', categories: { necessary: true, analytics: false } });
    expect(Date.parse(withdrawn!.timestamp)).to.be.at.least(Date.parse(saved!.timestamp));
  });

  it('sends no record for a decision restored on a later page, nor from a tab that only follows another', async () => {
    const collector = recorder();
    const first = await openPage({ collector: collector.url });
    first.ConsentGate.acceptAll();
    await collector.waitForConsentRecords(1);
    const second = await openPage({ collector: collector.url });
    expect(second.ConsentGate.getConsent()).to.include({ method: 'accept-all' });
    second.ConsentGate.rejectAll();
    await waitFor(() => first.ConsentGate.getConsent()?.method === 'reject-all', 'the first tab to follow');
    closePage(first);
    closePage(second);
    await collector.waitForConsentRecords(2);
    const records = (await collector.settled()).filter((r) => r.path === '/consent').map((r) => JSON.parse(r.body).method);
    expect(records).to.have.members(['accept-all', 'reject-all']);
    expect(records).to.have.length(2);
  });

  it('sends no record for a Global Privacy Control signal (it is assumed, never stored), nor without a collector', async () => {
    const collector = recorder();
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    try {
      const gate = await startGate({ collector: collector.url });
      expect(gate.getConsent()!.method).to.equal('gpc');
      expect(await collector.settled()).to.deep.equal([]);
    } finally {
      delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
    }
    let sends = 0;
    const original = { sendBeacon: navigator.sendBeacon, fetch: window.fetch };
    navigator.sendBeacon = (...args) => (sends++, original.sendBeacon.apply(navigator, args));
    window.fetch = (...args) => (sends++, original.fetch.apply(window, args));
    try {
      (await startGate()).acceptAll();
      expect(sends).to.equal(0);
    } finally {
      navigator.sendBeacon = original.sendBeacon;
      window.fetch = original.fetch;
    }
  });
});
