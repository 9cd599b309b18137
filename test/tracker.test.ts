import { expect } from '@open-wc/testing';
import type { Utm, WireEvent } from '../src/tracker/event.ts';
import { cookieJar, part, waitFor } from './helpers/browser.ts';
import { ANALYTICS_COOKIES, poll, recorder } from './helpers/collector-recorder.ts';
import { TARGET, banner, freshVisitor, startGate, stopGate, choose } from './helpers/gate.ts';
import { closePage, openPage } from './helpers/page-frame.ts';
import { executeServerCommand } from '@web/test-runner-commands';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const MINUTE = 60_000;

/** Starts consent-gate on this page with a fresh recording collector. */
async function startRecorded() {
  const collector = recorder();
  return { collector, gate: await startGate({ collector: collector.url }) };
}

/** Stops the gate and closes every page opened in a frame. */
function closeAll() {
  stopGate();
  document.querySelectorAll('iframe').forEach((f) => f.remove());
}

/** The analytics cookies in the jar, by name. */
async function analyticsCookies() {
  return Object.fromEntries((await cookieJar()).filter((c) => ANALYTICS_COOKIES.includes(c.name)).map((c) => [c.name, c]));
}

describe('tracker: nothing without analytics consent', () => {
  beforeEach(freshVisitor);
  afterEach(closeAll);

  it('sends nothing and sets no cookie before a choice; after Reject all only the refusal itself, as proof', async () => {
    const { collector, gate } = await startRecorded();
    gate.track('early');
    expect(await collector.settled()).to.deep.equal([]);
    await choose(part(banner(), 'reject-all'));
    gate.track('refused');
    gate.trackPageview();
    const requests = await collector.settled();
    expect(requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal(['POST /consent']);
    expect(JSON.parse(requests[0]!.body)).to.deep.equal(gate.getConsent());
    expect(gate.getConsent()).to.include({ method: 'reject-all' });
    expect(await analyticsCookies()).to.deep.equal({});
  });

  it('sends nothing and sets no cookie with Global Privacy Control', async () => {
    const collector = recorder();
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    try {
      const gate = await startGate({ collector: collector.url });
      expect(gate.getConsent()!.method).to.equal('gpc');
      gate.trackPageview();
      expect(await collector.settled()).to.deep.equal([]);
      expect(await analyticsCookies()).to.deep.equal({});
    } finally {
      delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
    }
  });

  it('deletes leftover analytics cookies on load when the stored decision refuses analytics', async () => {
    (await startGate()).rejectAll();
    document.cookie = 'cg_vid=leftover; path=/';
    document.cookie = 'cg_visit=leftover.1.1; path=/';
    const collector = recorder();
    await startGate({ collector: collector.url });
    expect(await analyticsCookies()).to.deep.equal({});
    expect(await collector.settled()).to.deep.equal([]);
  });

  it('sends nothing and sets no cookie without a collector, even with analytics granted', async () => {
    const collector = recorder();
    const gate = await startGate();
    gate.acceptAll();
    gate.track('nowhere');
    expect(await analyticsCookies()).to.deep.equal({});
    expect(await collector.settled()).to.deep.equal([]);
  });
});

describe('tracker: with analytics consent', () => {
  beforeEach(freshVisitor);
  afterEach(closeAll);

  it('Accept all sends exactly one pageview of the current page, with every page field, as a text/plain beacon', async () => {
    const { collector, gate } = await startRecorded();
    part(banner(), 'accept-all').click();
    const [pageview] = await collector.waitForEvents(1);
    const state = gate.getConsent()!;
    const jar = await analyticsCookies();
    expect(pageview).to.deep.equal({
      type: 'pageview',
      url: location.origin + location.pathname,
      path: location.pathname,
      title: document.title,
      referrer: pageview!.referrer,
      visitorId: jar.cg_vid!.value,
      visitId: jar.cg_visit!.value.split('.')[0],
      visitStart: pageview!.visitStart,
      ts: pageview!.ts,
      language: navigator.language,
      screen: `${screen.width}x${screen.height}`,
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      consent: { id: state.id, revision: 1, analytics: true },
    });
    expect(pageview!.visitStart).to.match(ISO);
    expect(pageview!.ts).to.match(ISO);
    expect(pageview!.referrer).to.be.a('string');
    const requests = await collector.settledEvents();
    expect(requests).to.have.length(1);
    expect(requests[0]).to.include({ method: 'POST', path: '/collect', contentType: 'text/plain;charset=UTF-8' });
  });

  it('sets cg_vid for 395 days and cg_visit for 30 minutes, first-party, SameSite=Lax', async () => {
    const { collector, gate } = await startRecorded();
    gate.acceptAll();
    await collector.waitForEvents(1);
    const { cg_vid: vid, cg_visit: visit } = await analyticsCookies();
    const now = Date.now() / 1000;
    expect((vid!.expires - now) / 86_400).to.be.closeTo(395, 0.01);
    expect((visit!.expires - now) / 60).to.be.closeTo(30, 0.2);
    for (const cookie of [vid!, visit!]) expect(cookie).to.include({ path: '/', sameSite: 'Lax', httpOnly: false });
  });

  it('records History API navigation, custom events and the visible time of each page', async () => {
    const collector = recorder();
    const win = await openPage({ collector: collector.url });
    win.ConsentGate.acceptAll();
    await collector.waitForEvents(1, 'pageview');
    win.history.pushState({}, '', '/next?token=secret#top');
    const [, next] = await collector.waitForEvents(2, 'pageview');
    expect(next).to.include({ url: `${location.origin}/next`, path: '/next' });
    const [left] = await collector.waitForEvents(1, 'engagement');
    expect(left).to.include({ path: '/test/fixtures/page.html' });
    expect(left!.engagedMs).to.be.a('number').above(0);

    win.history.replaceState({}, '', '/next?tab=2');
    win.history.pushState({}, '', '/next?tab=2#section');
    win.history.replaceState({}, '', '/other');
    await collector.waitForEvents(3, 'pageview');
    win.history.back();
    const pageviews = await collector.waitForEvents(4, 'pageview');
    // Back to the entry that replaceState left at /next?tab=2.
    expect(pageviews.map((e) => e.path)).to.deep.equal(['/test/fixtures/page.html', '/next', '/other', '/next']);

    win.ConsentGate.track('signup', { plan: 'pro' });
    const [event] = await collector.waitForEvents(1, 'event');
    expect(event).to.include({ name: 'signup', path: '/next', visitorId: next!.visitorId, visitId: next!.visitId });
    expect(event!.props).to.deep.equal({ plan: 'pro' });

    closePage(win);
    const engagements = await collector.waitForEvents(4, 'engagement');
    expect(engagements.at(-1)).to.include({ path: '/next' });
    expect(engagements.at(-1)!.engagedMs).to.be.above(0);
  });

  it('sends the visible time when the page is hidden, and only once', async () => {
    const collector = recorder();
    const win = await openPage({ collector: collector.url });
    win.ConsentGate.acceptAll();
    await collector.waitForEvents(1, 'pageview');
    Object.defineProperty(win.document, 'visibilityState', { value: 'hidden', configurable: true });
    win.document.dispatchEvent(new Event('visibilitychange'));
    const [hidden] = await collector.waitForEvents(1, 'engagement');
    expect(hidden!.engagedMs).to.be.above(0);
    win.dispatchEvent(new PageTransitionEvent('pagehide'));
    const requests = await collector.settledEvents();
    expect(requests.filter((r) => JSON.parse(r.body).type === 'engagement')).to.have.length(1);
  });

  it('records a page restored from the back/forward cache', async () => {
    const collector = recorder();
    const win = await openPage({ collector: collector.url });
    win.ConsentGate.acceptAll();
    await collector.waitForEvents(1, 'pageview');
    win.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await collector.waitForEvents(2, 'pageview');
  });

  it('sends the site-search term as search and never the query string or fragment', async () => {
    const collector = recorder();
    const win = await openPage({ collector: collector.url }, '&q=blue%20shoes&email=a%40b.example#results');
    win.ConsentGate.acceptAll();
    const [pageview] = await collector.waitForEvents(1);
    expect(pageview).to.include({ url: `${location.origin}/test/fixtures/page.html`, search: 'blue shoes' });
    expect(JSON.stringify(pageview)).not.to.contain('a@b.example').and.not.to.contain('results');
    const other = recorder();
    const custom = await openPage({ collector: other.url, searchParam: 'term' }, '&term=socks&q=ignored');
    custom.ConsentGate.acceptAll();
    expect((await other.waitForEvents(1))[0]).to.include({ search: 'socks' });
  });

  it("sends the page URL's non-empty utm_* parameters as utm, and nothing else of the query", async () => {
    const collector = recorder();
    const query =
      '&utm_source=newsletter&utm_medium=Email&utm_campaign=spring%20sale&utm_term=&utm_content=%20hero%20&token=s3cret&utm_id=7';
    const win = await openPage({ collector: collector.url }, query);
    win.ConsentGate.acceptAll();
    win.ConsentGate.track('signup');
    const [pageview, custom] = (await collector.waitForEvents(2)) as (WireEvent & { utm?: Utm })[];
    const utm = { source: 'newsletter', medium: 'Email', campaign: 'spring sale', content: 'hero' };
    expect(pageview!.utm).to.deep.equal(utm);
    expect(custom!.utm).to.deep.equal(utm);
    expect(JSON.stringify([pageview, custom]))
      .not.to.contain('s3cret')
      .and.not.to.contain('utm_id');
    const plain = recorder();
    const untagged = await openPage({ collector: plain.url }, '&q=shoes');
    untagged.ConsentGate.acceptAll();
    const [event] = await plain.waitForEvents(1);
    expect(event).to.include({ search: 'shoes' });
    expect(event).not.to.have.property('utm');
  });

  it('does not record History API navigation with trackSpa: false', async () => {
    const collector = recorder();
    const win = await openPage({ collector: collector.url, trackSpa: false });
    win.ConsentGate.acceptAll();
    await collector.waitForEvents(1, 'pageview');
    win.history.pushState({}, '', '/spa');
    const requests = await collector.settledEvents();
    expect(requests.map((r) => JSON.parse(r.body).type)).to.deep.equal(['pageview']);
  });

  it('falls back to fetch with keepalive when sendBeacon refuses, without retrying', async () => {
    const collector = recorder();
    const win = await openPage({ collector: collector.url });
    let beacons = 0;
    win.navigator.sendBeacon = () => (beacons++, false);
    win.ConsentGate.acceptAll();
    await collector.waitForEvents(1);
    const requests = await collector.settled();
    // The page view's beacon was refused and went once through fetch; the consent record is a CORS fetch, never a beacon.
    expect(beacons).to.equal(1);
    expect(requests.map((r) => r.path)).to.have.members(['/consent', '/collect']);
    const [event] = requests.filter((r) => r.path === '/collect');
    expect(event).to.include({ method: 'POST', contentType: 'text/plain' });
    expect(event!.headers.cookie).to.equal(undefined);
  });

  it('withdrawal deletes the cookies at once and nothing is sent afterwards', async () => {
    const collector = recorder();
    const win = await openPage({ collector: collector.url });
    win.ConsentGate.acceptAll();
    await collector.waitForEvents(1);
    expect(Object.keys(await analyticsCookies())).to.have.members(ANALYTICS_COOKIES);
    win.ConsentGate.setConsent({ analytics: false });
    expect(await analyticsCookies()).to.deep.equal({});
    win.history.pushState({}, '', '/after');
    win.ConsentGate.track('after');
    closePage(win);
    const requests = await collector.settledEvents();
    expect(requests.map((r) => JSON.parse(r.body).type)).to.deep.equal(['pageview']);
  });

  it('a withdrawal in another tab stops this one and deletes the cookies', async () => {
    const collector = recorder();
    const first = await openPage({ collector: collector.url });
    first.ConsentGate.acceptAll();
    await collector.waitForEvents(1);
    const second = await openPage({ collector: collector.url });
    await collector.waitForEvents(2);
    second.ConsentGate.rejectAll();
    await waitFor(() => first.ConsentGate.getConsent()?.method === 'reject-all', 'the first tab to follow');
    first.history.pushState({}, '', '/ignored');
    expect(await analyticsCookies()).to.deep.equal({});
    expect((await collector.settledEvents()).map((r) => JSON.parse(r.body).type)).to.deep.equal(['pageview', 'pageview']);
  });

  it('keeps cg_vid for a returning visitor and starts a new visit after 30 idle minutes', async () => {
    const collector = recorder();
    const first = await openPage({ collector: collector.url });
    first.ConsentGate.acceptAll();
    const [opened] = await collector.waitForEvents(1, 'pageview');
    closePage(first);
    const again = await openPage({ collector: collector.url });
    const [, reloaded] = await collector.waitForEvents(2, 'pageview');
    expect(reloaded).to.include({ visitorId: opened!.visitorId, visitId: opened!.visitId, visitStart: opened!.visitStart });

    const realNow = again.Date.now.bind(again.Date);
    again.Date.now = () => realNow() + 29 * MINUTE;
    again.ConsentGate.trackPageview();
    const [, , active] = await collector.waitForEvents(3, 'pageview');
    expect(active!.visitId).to.equal(opened!.visitId);
    again.Date.now = () => realNow() + 60 * MINUTE;
    again.ConsentGate.trackPageview('/later');
    const [, , , later] = await collector.waitForEvents(4, 'pageview');
    expect(later).to.include({ visitorId: opened!.visitorId, path: '/later' });
    expect(later!.visitId).not.to.equal(opened!.visitId);
    expect(Date.parse(later!.visitStart)).to.be.closeTo(realNow() + 60 * MINUTE, 5000);
    expect((await analyticsCookies()).cg_visit!.value.split('.')[0]).to.equal(later!.visitId);
  });
});

describe('tracker: end to end with the real collector', () => {
  beforeEach(freshVisitor);
  afterEach(async () => {
    stopGate();
    await executeServerCommand('collector-stop');
  });

  it('Accept all on a page stores the pageview; GET /visitor/:id shows it with ip, userAgent and receivedAt', async function () {
    // Starting a Node process and a second browser context takes a while on a busy machine.
    this.timeout(30_000);
    const collector = await executeServerCommand<string, { allowOrigin: string }>('collector-start', { allowOrigin: location.origin });
    const page = `${location.origin}/test/fixtures/page.html?target=${TARGET}&config=${encodeURIComponent(JSON.stringify({ collector }))}`;
    const visit = await executeServerCommand<{ userAgent: string; visitorId: string; consent: { id: string } }, { url: string }>(
      'visit-and-accept',
      { url: page },
    );
    const answer = await poll(
      async () => {
        const body = (await (await fetch(`${collector}/visitor/${visit!.visitorId}`)).json()) as {
          visitorId: string;
          events: (WireEvent & Record<string, unknown>)[];
        };
        return body.events.length > 0 && body;
      },
      'the pageview at the collector',
      8000,
    );
    expect(answer.visitorId).to.equal(visit!.visitorId);
    expect(answer.events).to.have.length(1);
    const [stored] = answer.events;
    expect(stored).to.include({
      type: 'pageview',
      path: '/test/fixtures/page.html',
      visitorId: visit!.visitorId,
      userAgent: visit!.userAgent,
    });
    expect(stored!.consent).to.deep.equal({ id: visit!.consent.id, revision: 1, analytics: true });
    expect(stored!.ip).to.match(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
    expect(Date.parse(stored!.receivedAt as string)).to.be.closeTo(Date.now(), 60_000);
  });
});
