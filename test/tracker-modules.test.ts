import { expect } from '@open-wc/testing';
import { resolveConfig } from '../src/core/config.ts';
import { sendBeacon } from '../src/core/beacon.ts';
import { visibleTime } from '../src/tracker/engagement.ts';
import { cleanProps, describePage } from '../src/tracker/event.ts';
import { VISIT_IDLE_MS, createIdentity } from '../src/tracker/visit.ts';
import { cookieJar } from './helpers/browser.ts';
import { poll, recorder } from './helpers/collector-recorder.ts';
import { freshVisitor } from './helpers/gate.ts';

const DAY = 86_400_000;

describe('tracker/visit: identity cookies', () => {
  beforeEach(freshVisitor);

  it('keeps the visit while active, starts a new one after 30 idle minutes, keeps the visitor', async () => {
    const identity = createIdentity();
    const start = Date.now();
    const first = identity.touch(start);
    expect(first.visitStart).to.equal(start);
    expect(identity.touch(start + VISIT_IDLE_MS - 1)).to.deep.equal(first);
    const active = identity.touch(start + 2 * VISIT_IDLE_MS - 2);
    expect(active).to.deep.equal(first);
    const next = identity.touch(start + 3 * VISIT_IDLE_MS);
    expect(next.visitorId).to.equal(first.visitorId);
    expect(next.visitId).not.to.equal(first.visitId);
    expect(next.visitStart).to.equal(start + 3 * VISIT_IDLE_MS);
    const jar = Object.fromEntries((await cookieJar()).map((c) => [c.name, c.value]));
    expect(jar).to.deep.equal({ cg_vid: first.visitorId, cg_visit: `${next.visitId}.${next.visitStart}.${next.visitStart}` });
  });

  it('ignores a malformed visit cookie; clear() removes both cookies and keeps the id, erase() forgets it too', async () => {
    document.cookie = 'cg_visit=garbage; path=/';
    const identity = createIdentity();
    expect(identity.touch(Date.now()).visitId).to.match(/^[0-9a-f-]{32,36}$/);
    const visitorId = identity.visitorId();
    expect(visitorId).to.be.a('string');
    identity.clear();
    expect(await cookieJar()).to.deep.equal([]);
    expect(identity.visitorId(), 'kept for the visitor’s data requests').to.equal(visitorId);
    const [, keptId, expires] = /^(.+)\.(\d+)$/.exec(localStorage.getItem('cg_vid_kept')!)!;
    expect(keptId).to.equal(visitorId);
    // The visitor id's own lifetime (docs/reference.md#cookies-and-storage), which is also the collector's default retention.
    expect(Number(expires)).to.be.within(Date.now() + 395 * DAY - 60_000, Date.now() + 395 * DAY);
    identity.erase();
    expect(identity.visitorId()).to.equal(undefined);
    expect(localStorage.getItem('cg_vid_kept')).to.equal(null);
    expect(await cookieJar()).to.deep.equal([]);
  });
});

describe('tracker/visit: the visitor id kept after a withdrawal', () => {
  beforeEach(freshVisitor);
  afterEach(() => localStorage.removeItem('cg_vid_kept'));

  /** Stores `id` as kept until `expires` (ms since the epoch): `<id>.<expires>`. */
  const keep = (value: string) => localStorage.setItem('cg_vid_kept', value);

  it('is used until it expires', () => {
    keep(`a7d4c9e2-0000-4000-8000-00000000000a.${Date.now() + DAY}`);
    expect(createIdentity().visitorId()).to.equal('a7d4c9e2-0000-4000-8000-00000000000a');
  });

  it('is ignored and deleted once expired, and without an expiry, or malformed', () => {
    for (const value of [
      `a7d4c9e2-0000-4000-8000-00000000000b.${Date.now() - 1}`,
      'a7d4c9e2-0000-4000-8000-00000000000c',
      'a7d4c9e2-0000-4000-8000-00000000000d.',
      `.${Date.now() + DAY}`,
      `a7d4c9e2-0000-4000-8000-00000000000f.soon`,
      '',
    ]) {
      keep(value);
      expect(createIdentity().visitorId(), value).to.equal(undefined);
      expect(localStorage.getItem('cg_vid_kept'), value).to.equal(null);
    }
  });

  it('is not taken up again by a visitor who allows analytics after it expired', () => {
    keep(`a7d4c9e2-0000-4000-8000-00000000000e.${Date.now() - 1}`);
    expect(createIdentity().touch(Date.now()).visitorId).not.to.equal('a7d4c9e2-0000-4000-8000-00000000000e');
    expect(localStorage.getItem('cg_vid_kept')).to.equal(null);
  });
});

describe('tracker/event: what leaves the browser', () => {
  it('describes a page without query string or fragment, with the search term on its own', () => {
    const page = describePage('/shop/list?q=%20red%20socks%20&session=abc#top', 'q');
    expect(page).to.deep.equal({ url: `${location.origin}/shop/list`, path: '/shop/list', title: document.title, search: 'red socks' });
    expect(describePage('/shop?s=x', 'q')).not.to.have.property('search');
    expect(describePage(`/?q=${'x'.repeat(300)}`, 'q').search).to.have.length(256);
  });

  it('keeps only the event properties the collector accepts', () => {
    const props = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(cleanProps(props))).to.have.length(32);
    expect(cleanProps({ plan: 'pro', n: 2, ok: true, nan: NaN, obj: { a: 1 }, long: 'y'.repeat(600), ['z'.repeat(65)]: 1 })).to.deep.equal({
      plan: 'pro',
      n: 2,
      ok: true,
      long: 'y'.repeat(512),
    });
    expect(cleanProps(undefined)).to.deep.equal({});
  });

  it('validates searchParam, naming the key and falling back to q', () => {
    const errors: string[] = [];
    expect(resolveConfig({ searchParam: 'term' }).searchParam).to.equal('term');
    expect(resolveConfig({ searchParam: 'a b' }, (m) => errors.push(m)).searchParam).to.equal('q');
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('"searchParam"');
  });
});

describe('tracker/engagement: visible time', () => {
  afterEach(() => delete (document as { visibilityState?: string }).visibilityState);

  it('counts visible time only, from the start', () => {
    let now = 1000;
    const take = visibleTime(() => now);
    now += 250;
    expect(take()).to.equal(250);
    now += 100;
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    expect(take()).to.equal(100);
    now += 5000;
    delete (document as { visibilityState?: string }).visibilityState;
    expect(take()).to.equal(0);
    now += 40;
    expect(take()).to.equal(40);
  });
});

describe('core/beacon: transport', () => {
  const original = navigator.sendBeacon;
  afterEach(() => {
    navigator.sendBeacon = original;
  });

  it('sends text/plain through sendBeacon, or through fetch when sendBeacon is missing', async () => {
    const collector = recorder();
    sendBeacon(`${collector.url}/collect`, '{"via":"beacon"}');
    (navigator as { sendBeacon?: unknown }).sendBeacon = undefined;
    sendBeacon(`${collector.url}/collect`, '{"via":"fetch"}');
    navigator.sendBeacon = original;
    const requests = await poll(async () => {
      const list = await collector.requests();
      return list.length === 2 && list;
    }, 'both requests');
    expect(requests.map((r) => [r.body, r.contentType])).to.have.deep.members([
      ['{"via":"beacon"}', 'text/plain;charset=UTF-8'],
      ['{"via":"fetch"}', 'text/plain'],
    ]);
  });

  it('sends cookies only when asked to (the consent record, in CORS mode), never with analytics', async () => {
    const collector = recorder();
    document.cookie = 'beacon_probe=1; path=/';
    (navigator as { sendBeacon?: unknown }).sendBeacon = undefined;
    try {
      sendBeacon(`${collector.url}/collect`, '{"cookies":false}');
      sendBeacon(`${collector.url}/consent`, '{"cookies":true}', true);
      const requests = await poll(async () => {
        const list = await collector.requests();
        return list.length === 2 && list;
      }, 'both requests');
      const cookieOf = (body: string) => requests.find((r) => r.body === body)!.headers.cookie;
      expect(cookieOf('{"cookies":false}')).to.equal(undefined);
      expect(cookieOf('{"cookies":true}')).to.contain('beacon_probe=1');
    } finally {
      navigator.sendBeacon = original;
      document.cookie = 'beacon_probe=; max-age=0; path=/';
    }
  });

  it('never throws and never retries when sending fails', async () => {
    const originalFetch = window.fetch;
    let attempts = 0;
    try {
      navigator.sendBeacon = () => false;
      window.fetch = () => (attempts++, Promise.reject(new TypeError('offline')));
      sendBeacon('/collect', '{}');
      // One macrotask: the rejection has been handled by then, and a retry would have started.
      await new Promise((resolve) => setTimeout(resolve));
      expect(attempts).to.equal(1);
      navigator.sendBeacon = () => {
        throw new TypeError('blocked');
      };
      window.fetch = () => {
        throw new TypeError('no fetch');
      };
      expect(() => sendBeacon('/collect', '{}')).not.to.throw();
    } finally {
      window.fetch = originalFetch;
    }
  });
});
