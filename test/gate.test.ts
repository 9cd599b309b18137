import { expect } from '@open-wc/testing';
import type { ConsentState } from '../src/index.ts';
import { cookieJar, nextEvent, part, waitFor } from './helpers/browser.ts';
import { TARGET, banner, freshVisitor, rendered, startGate, stopGate, choose } from './helpers/gate.ts';

const DAY = 86_400;
/** A UTC day, `YYYY-MM-DD`, `days` days ago. */
const daysAgo = (days: number) => new Date(Date.now() - days * DAY * 1000).toISOString().slice(0, 10);
const today = () => daysAgo(0);

/** Resolves after the browser's next idle periods (the SDK's keep-alive work waits for one). */
const idle = async () => {
  for (let i = 0; i < 2; i++) {
    await new Promise((done) =>
      typeof requestIdleCallback === 'function' ? requestIdleCallback(done, { timeout: 2000 }) : setTimeout(done, 50),
    );
  }
};

/** Counts every access to `localStorage` and `sessionStorage` (the getters on window) until `stop()`. */
function countStorageAccess() {
  let accesses = 0;
  const descriptors = (['localStorage', 'sessionStorage'] as const).map(
    (name) => [name, Object.getOwnPropertyDescriptor(window, name)!] as const,
  );
  for (const [name, descriptor] of descriptors)
    Object.defineProperty(window, name, { configurable: true, get: () => (accesses++, descriptor.get!.call(window)) });
  return {
    accesses: () => accesses,
    stop: () => descriptors.forEach(([name, descriptor]) => Object.defineProperty(window, name, descriptor)),
  };
}

/** Records the name of every cookie written through `document.cookie` until `stop()`. */
function countCookieWrites() {
  const names: string[] = [];
  const prototypeCookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get: () => prototypeCookie.get!.call(document),
    set: (value: string) => (names.push(value.split('=')[0]!), prototypeCookie.set!.call(document, value)),
  });
  return { names: () => names, stop: () => delete (document as { cookie?: string }).cookie };
}

/** Loads a fresh page in an iframe (a second tab, or the same tab after a reload) running consent-gate. */
async function openPage(config: object = {}): Promise<{ frame: HTMLIFrameElement; gate: () => { getConsent(): ConsentState | null } }> {
  const frame = document.createElement('iframe');
  frame.src = `/test/fixtures/page.html?target=${TARGET}&config=${encodeURIComponent(JSON.stringify(config))}`;
  document.body.append(frame);
  const win = () => frame.contentWindow as Window & { ConsentGate?: { getConsent(): ConsentState | null } };
  // A returning visitor (a stored decision) gets no banner element.
  await waitFor(
    () => win()?.ConsentGate && (win().document.querySelector('consent-banner') || win().ConsentGate!.getConsent()),
    'the page in the frame to start',
    5000,
  );
  return { frame, gate: () => win().ConsentGate! };
}

describe('consent decision', () => {
  beforeEach(freshVisitor);
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('leaves the cookie jar empty before any choice', async () => {
    const gate = await startGate();
    expect(gate.getConsent()).to.equal(null);
    expect(banner()!.mode).to.equal('banner');
    expect(await cookieJar()).to.deep.equal([]);
    expect(localStorage.length).to.equal(0);
  });

  it('stores accept-all in cg_consent with SameSite=Lax, path / and a 182-day life, and fires change', async () => {
    await startGate();
    const changed = nextEvent<CustomEvent<ConsentState>>(document, 'consent-gate:change');
    part(banner(), 'accept-all').click();
    const { detail } = await changed;
    expect(detail.method).to.equal('accept-all');
    expect(detail.categories).to.deep.equal({ necessary: true, analytics: true });
    expect(detail.id).to.match(/^[0-9a-f-]{36}$/);
    const [cookie, ...others] = await cookieJar();
    expect(others).to.have.length(0);
    expect(cookie!.name).to.equal('cg_consent');
    expect(cookie!.sameSite).to.equal('Lax');
    expect(cookie!.path).to.equal('/');
    expect(cookie!.secure).to.equal(false);
    const lifeDays = (cookie!.expires - Date.parse(detail.timestamp) / 1000) / DAY;
    expect(lifeDays).to.be.closeTo(182, 0.01);
    // The record, and the day (UTC) the script wrote it.
    expect(JSON.parse(decodeURIComponent(cookie!.value))).to.deep.equal({ v: 1, ...detail, written: today() });
    await idle();
    expect(localStorage.length, 'no copy in localStorage').to.equal(0);
    await banner()!.updateComplete;
    expect(banner()!.mode).to.equal('hidden');
  });

  it('answers a click within its frame: the banner goes first, the decision and its work follow the paint', async () => {
    const gate = await startGate();
    part(banner(), 'accept-all').click();
    await banner()!.updateComplete;
    expect(banner()!.shadowRoot!.querySelector('[part="banner"]'), 'the notice, gone before the next paint').to.equal(null);
    expect(gate.getConsent()).to.equal(null);
    expect(document.cookie).not.to.contain('cg_consent=');
    // Frame callbacks run before that frame's paint: the decision is still pending there.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(gate.getConsent()).to.equal(null);
    await waitFor(() => gate.getConsent(), 'the decision after the paint');
    expect(gate.getConsent()).to.include({ method: 'accept-all' });
    expect(document.cookie).to.contain('cg_consent=');
  });

  it('makes a decision still waiting for the paint at once when the page is left', async () => {
    const gate = await startGate();
    part(banner(), 'reject-all').click();
    dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(gate.getConsent()).to.include({ method: 'reject-all' });
    expect(document.cookie).to.contain('cg_consent=');
  });

  it('stores reject-all with only the required category granted', async () => {
    const gate = await startGate();
    await choose(part(banner(), 'reject-all'));
    expect(gate.getConsent()).to.include({ method: 'reject-all' });
    expect(gate.getConsent()!.categories).to.deep.equal({ necessary: true, analytics: false });
    expect(gate.hasConsent('analytics')).to.equal(false);
    expect(gate.hasConsent('necessary')).to.equal(true);
    expect((await cookieJar()).map((c) => c.name)).to.deep.equal(['cg_consent']);
  });

  it('keeps the choice across a reload (a new page load in the same browser), which gets no banner element', async () => {
    const gate = await startGate();
    gate.rejectAll();
    const { frame, gate: reloaded } = await openPage();
    expect(reloaded().getConsent()).to.deep.equal(gate.getConsent());
    await new Promise((resolve) => frame.contentWindow!.requestAnimationFrame(resolve));
    expect(frame.contentDocument!.querySelector('consent-banner')).to.equal(null);
  });

  it('asks again when the revision is bumped', async () => {
    const gate = await startGate({ revision: 1 });
    gate.acceptAll();
    const bumped = await startGate({ revision: 2 });
    expect(bumped.getConsent()).to.equal(null);
    expect(banner()!.mode).to.equal('banner');
  });

  it('reset() deletes the cookie, clears the gated cookies and storage keys, fires change with null and shows the banner', async () => {
    const services = [{ name: 'Stats', cookies: [{ name: '_stat' }], storage: [{ name: 'stat_state' }] }];
    const gate = await startGate({
      categories: { necessary: { label: 'Necessary', required: true }, analytics: { label: 'Analytics', services } },
    });
    gate.acceptAll();
    document.cookie = '_stat=1; path=/';
    localStorage.setItem('stat_state', '1');
    // A copy of the choice from version 0.1.0 goes too.
    localStorage.setItem('cg_consent', document.cookie);
    const changed = nextEvent<CustomEvent>(document, 'consent-gate:change');
    gate.reset();
    expect((await changed).detail).to.equal(null);
    expect(await cookieJar()).to.deep.equal([]);
    expect(localStorage.length).to.equal(0);
    await banner()!.updateComplete;
    expect(banner()!.mode).to.equal('banner');
  });

  it('setConsent() is a partial update recorded as custom', async () => {
    const gate = await startGate({ categories: { necessary: { label: 'Necessary', required: true }, analytics: {}, marketing: {} } });
    gate.acceptAll();
    gate.setConsent({ marketing: false, unknown: true } as Record<string, boolean>);
    expect(gate.getConsent()).to.include({ method: 'custom' });
    expect(gate.getConsent()!.categories).to.deep.equal({ necessary: true, analytics: true, marketing: false });
  });

  it('setConsent() reports and ignores names that are not configured categories, and alone decides nothing', async () => {
    const errors: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const gate = await startGate();
      gate.setConsent({ marketing: true, analytics: 'yes' } as unknown as Record<string, boolean>);
      expect(gate.getConsent(), 'no decision from unknown names').to.equal(null);
      expect(banner()!.mode).to.equal('banner');
      expect((await cookieJar()).map((c) => c.name)).to.deep.equal([]);
      expect(errors.map((args) => String(args[0]))).to.deep.equal([
        'consent-gate: setConsent(): "marketing" is not a configured category; ignored.',
        'consent-gate: setConsent(): "analytics" must be true or false; ignored.',
      ]);
    } finally {
      console.error = original;
    }
  });

  it('fires ready with the stored state and supports on/off', async () => {
    const first = await startGate();
    first.acceptAll();
    const ready = nextEvent<CustomEvent<ConsentState>>(document, 'consent-gate:ready');
    const gate = await startGate();
    expect((await ready).detail.method).to.equal('accept-all');
    const seen: Array<ConsentState | null> = [];
    const listener = (state: ConsentState | null) => seen.push(state);
    gate.on('change', listener);
    gate.rejectAll();
    gate.off('change', listener);
    gate.acceptAll();
    expect(seen.map((s) => s?.method)).to.deep.equal(['reject-all']);
  });

  it('keeps no copy in localStorage: a lost cookie is a first visit, and a first visit touches no storage until the visitor decides', async () => {
    // A copy version 0.1.0 kept of an older choice, its cookie lost (a cookie cleaner, Safari's 7-day cap).
    const old = {
      v: 1,
      id: '3f1c2b4a-0000-4000-8000-000000000001',
      revision: 1,
      timestamp: new Date().toISOString(),
      method: 'accept-all',
      categories: { necessary: true, analytics: true },
    };
    localStorage.setItem('cg_consent', JSON.stringify(old));
    // The idle work of the tests before this one is done.
    await idle();
    const counted = countStorageAccess();
    let gate: Awaited<ReturnType<typeof startGate>>;
    try {
      gate = await startGate();
      await idle();
    } finally {
      counted.stop();
    }
    expect(counted.accesses(), 'localStorage or sessionStorage touched by a first visit').to.equal(0);
    expect(gate.getConsent()).to.equal(null);
    expect(banner()!.mode).to.equal('banner');
    await choose(part(banner(), 'reject-all'));
    await idle();
    expect(localStorage.getItem('cg_consent'), 'the old copy, deleted once the visitor decided').to.equal(null);
  });

  it('removes an old localStorage copy on load, and leaves a cookie the script did not write (the collector’s) as it is', async () => {
    // What version 0.1.0 stored, or the collector issued: the record without the day it was written.
    const stored = {
      v: 1,
      id: '3f1c2b4a-0000-4000-8000-000000000002',
      revision: 1,
      timestamp: new Date(Date.now() - 20 * DAY * 1000).toISOString(),
      method: 'reject-all',
      categories: { necessary: true, analytics: false },
    };
    const value = encodeURIComponent(JSON.stringify(stored));
    document.cookie = `cg_consent=${value}; path=/; max-age=${30 * DAY}`;
    localStorage.setItem('cg_consent', JSON.stringify(stored));
    const [before] = await cookieJar();
    const gate = await startGate();
    expect(gate.getConsent()).to.include({ method: 'reject-all' });
    expect(localStorage.getItem('cg_consent'), 'not while the page starts').to.be.a('string');
    await waitFor(() => localStorage.getItem('cg_consent') === null, 'the old copy deleted in an idle moment');
    const [after] = await cookieJar();
    expect(after, 'the cookie, untouched').to.deep.equal(before);
  });

  it('writes the cookie again once a day, with its original expiry, in an idle moment after the load', async () => {
    const decided = Date.now() - 10 * DAY * 1000;
    const stored = {
      v: 1,
      id: '3f1c2b4a-0000-4000-8000-000000000003',
      revision: 1,
      timestamp: new Date(decided).toISOString(),
      method: 'accept-all',
      categories: { necessary: true, analytics: true },
      written: daysAgo(3),
    };
    // As Safari keeps a script-written cookie: 7 days from its last write, 4 of them left.
    document.cookie = `cg_consent=${encodeURIComponent(JSON.stringify(stored))}; path=/; max-age=${4 * DAY}`;
    const writes = countCookieWrites();
    try {
      const gate = await startGate();
      expect(gate.getConsent()).to.include({ method: 'accept-all' });
      expect(writes.names(), 'nothing written while the page starts').to.deep.equal([]);
      await waitFor(() => writes.names().length, 'the cookie written again');
      const [cookie] = await cookieJar();
      expect(JSON.parse(decodeURIComponent(cookie!.value))).to.deep.equal({ ...stored, written: today() });
      expect(cookie!.expires * 1000 - decided, 'counted from the decision, never extended').to.be.closeTo(182 * DAY * 1000, 1000);
      // Another page view the same day writes nothing.
      stopGate();
      await startGate();
      await idle();
      expect(writes.names()).to.deep.equal(['cg_consent']);
    } finally {
      writes.stop();
    }
  });

  it('a second tab follows a change without a reload', async () => {
    const gate = await startGate();
    const { frame, gate: other } = await openPage();
    const otherBanner = frame.contentDocument!.querySelector('consent-banner')!;
    expect(otherBanner.mode).to.equal('banner');
    const changedThere = nextEvent<CustomEvent<ConsentState>>(frame.contentDocument!, 'consent-gate:change');
    gate.acceptAll();
    expect((await changedThere).detail.method).to.equal('accept-all');
    expect(other().getConsent()).to.deep.equal(gate.getConsent());
    await otherBanner.updateComplete;
    expect(otherBanner.mode).to.equal('hidden');
  });

  it('shows a floating re-open button after a choice when configured', async () => {
    const gate = await startGate({ floatingButton: true });
    gate.rejectAll();
    await rendered();
    expect(banner()!.mode).to.equal('floating');
    part(banner(), 'reopen').click();
    await waitFor(() => document.querySelector('consent-preferences')?.open, 'the dialog to open');
    gate.hidePreferences();
  });
});

describe('document.cookie reads while starting', () => {
  // Each read of document.cookie is a call into the browser, early in the page load. These count them.
  // js-cookie reads it twice per lookup while any cookie exists (`document.cookie ? document.cookie.split(…)`).
  let reads = 0;
  const prototypeCookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
  const countReads = () => {
    reads = 0;
    Object.defineProperty(document, 'cookie', {
      configurable: true,
      get: () => (reads++, prototypeCookie.get!.call(document)),
      set: (value: string) => prototypeCookie.set!.call(document, value),
    });
  };
  const stopCounting = () => delete (document as { cookie?: string }).cookie;
  /** Two categories whose services declare cookies: each has its own `autoClear` list. */
  const config = {
    categories: {
      necessary: { label: 'Necessary', required: true },
      analytics: { label: 'Analytics', services: [{ name: 'Stats', cookies: [{ name: '_stat' }] }] },
      marketing: { label: 'Marketing', services: [{ name: 'Ads', cookies: [{ pattern: '^_ad' }] }] },
    },
  };

  beforeEach(freshVisitor);
  afterEach(stopCounting);

  it('a first visit looks up cookies three times: the stored choice, the refused categories’ cookies (once for all), the analytics ids', async () => {
    document.cookie = '_stat=1; path=/';
    document.cookie = '_ad_id=2; path=/';
    countReads();
    await startGate(config);
    stopCounting();
    // 2 + 2 while the refused cookies exist, then 1 once they are gone (it was 9: one lookup per category, three for the ids).
    expect(reads).to.equal(5);
    // Refused before any choice: both categories' cookies are gone.
    expect((await cookieJar()).map((c) => c.name)).to.deep.equal([]);
  });

  it('a returning visitor who accepted everything looks up cookies twice: the stored choice and the analytics ids', async () => {
    const first = await startGate(config);
    await choose(part(banner(), 'accept-all'));
    expect(first.getConsent()!.method).to.equal('accept-all');
    stopGate();
    countReads();
    const gate = await startGate(config);
    stopCounting();
    expect(gate.getConsent()!.method).to.equal('accept-all');
    // 2 + 2 (it was 8: three lookups for the ids).
    expect(reads).to.equal(4);
  });
});
