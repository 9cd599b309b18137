import { expect } from '@open-wc/testing';
import { encodeConsent, encodeStored } from '../src/core/consent-codec.ts';
import type { ConsentStorage } from '../src/core/consent-storage.ts';
import { ConsentStore } from '../src/core/consent-store.ts';
import { resolveConfig } from '../src/core/config.ts';
import type { ConsentState } from '../src/index.ts';

const config = resolveConfig({});
const DAY_MS = 86_400_000;
/** A UTC day, `YYYY-MM-DD`, `daysAgo` days before now. */
const day = (daysAgo = 0) => new Date(Date.now() - daysAgo * DAY_MS).toISOString().slice(0, 10);

/** A record decided `daysAgo` days ago (so it has not expired), with `analytics` as given. */
const record = (analytics: boolean, method: ConsentState['method'], daysAgo = 0): ConsentState => ({
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  revision: config.revision,
  timestamp: new Date(Date.now() - daysAgo * DAY_MS).toISOString(),
  method,
  categories: { necessary: true, analytics },
});

/** The cookie in memory, with a log of every write and of every deletion of the old `localStorage` copy. */
function memoryStorage(cookie: string | undefined) {
  const writes: Array<{ value: string; expires: Date }> = [];
  let oldMirrorRemovals = 0;
  const storage: ConsentStorage = {
    readCookie: () => cookie,
    writeCookie(value, expires) {
      cookie = value;
      writes.push({ value, expires });
    },
    remove() {
      cookie = undefined;
    },
    removeOldMirror() {
      oldMirrorRemovals++;
    },
  };
  return {
    storage,
    writes,
    cookie: () => cookie,
    oldMirrorRemovals: () => oldMirrorRemovals,
    deleteCookie: () => {
      cookie = undefined;
    },
  };
}

/** A store loaded from `cookie`. */
function loaded(cookie: string) {
  const memory = memoryStorage(cookie);
  const store = new ConsentStore(config, memory.storage);
  store.load();
  return { memory, store };
}

/** Resolves after the browser's next idle periods (the load's keep-alive work waits for one). */
const idle = async () => {
  for (let i = 0; i < 2; i++) await new Promise((done) => requestIdleCallback(done, { timeout: 2000 }));
};

/** The expiry the cookie of `state` must have: its decision plus `expiresDays`. */
const originalExpiry = (state: ConsentState) => Date.parse(state.timestamp) + config.expiresDays * DAY_MS;

describe('consent store: the cookie written again once a day, in an idle moment', () => {
  it('writes a record last written on an earlier day again after the load, with its original expiry and today as its day', async () => {
    const state = record(false, 'reject-all', 10);
    const { memory, store } = loaded(encodeStored(state, day(3)));
    expect(store.state).to.deep.equal(state);
    expect(memory.writes, 'nothing written while the page starts').to.deep.equal([]);
    await idle();
    expect(memory.writes).to.have.length(1);
    const [{ value, expires }] = memory.writes as [{ value: string; expires: Date }];
    expect(JSON.parse(value)).to.deep.equal({ v: 1, ...state, written: day() });
    expect(expires.getTime(), 'counted from the decision, never extended').to.equal(originalExpiry(state));
    expect(memory.oldMirrorRemovals()).to.equal(0);
  });

  it('writes it at most once a day: a record already written today is left alone', async () => {
    const { memory } = loaded(encodeStored(record(true, 'accept-all', 10), day(3)));
    await idle();
    expect(memory.writes).to.have.length(1);
    // The next page view of the same day.
    const next = new ConsentStore(config, memory.storage);
    next.load();
    await idle();
    expect(memory.writes).to.have.length(1);
  });

  it('mends a malformed day: the record is written again with today', async () => {
    const stored = { v: 1, ...record(true, 'accept-all', 2), written: 20261123 };
    const { memory, store } = loaded(JSON.stringify(stored));
    expect(store.state!.method, 'the decision stands').to.equal('accept-all');
    await idle();
    expect(JSON.parse(memory.cookie()!)).to.deep.equal({ ...stored, written: day() });
  });

  it('keeps the categories as stored, also those this page does not configure (another subdomain sharing the cookie)', async () => {
    const stored = {
      v: 1,
      ...record(true, 'custom', 2),
      categories: { necessary: true, analytics: true, marketing: true },
      written: day(1),
    };
    const { memory, store } = loaded(JSON.stringify(stored));
    expect(store.state!.categories).to.deep.equal({ necessary: true, analytics: true });
    await idle();
    expect(JSON.parse(memory.cookie()!)).to.deep.equal({ ...stored, written: day() });
  });

  it('never writes over a cookie without a day (issued by the collector, or by version 0.1.0); it deletes the old localStorage copy instead', async () => {
    const issued = encodeConsent(record(true, 'accept-all', 10));
    const { memory, store } = loaded(issued);
    expect(store.state!.method).to.equal('accept-all');
    expect(memory.oldMirrorRemovals(), 'not while the page starts').to.equal(0);
    await idle();
    expect(memory.writes).to.deep.equal([]);
    expect(memory.cookie()).to.equal(issued);
    expect(memory.oldMirrorRemovals()).to.equal(1);
  });

  it('never writes an older record over a decision made before the idle moment', async () => {
    const { memory, store } = loaded(encodeStored(record(true, 'accept-all', 10), day(1)));
    const decided = store.decide({ analytics: false }, 'custom');
    await idle();
    expect(memory.writes).to.have.length(1);
    expect(JSON.parse(memory.cookie()!)).to.deep.equal({ v: 1, ...decided, written: day() });
  });

  it('never writes back a cookie deleted before the idle moment', async () => {
    const { memory } = loaded(encodeStored(record(true, 'accept-all', 10), day(1)));
    // The site deletes the cookie itself, without the API.
    memory.deleteCookie();
    await idle();
    expect(memory.writes).to.deep.equal([]);
    expect(memory.cookie()).to.equal(undefined);
  });

  it('never writes the cookie back after reset()', async () => {
    const { memory, store } = loaded(encodeStored(record(true, 'accept-all', 10), day(1)));
    store.clear();
    await idle();
    expect(memory.cookie()).to.equal(undefined);
    expect(memory.writes).to.deep.equal([]);
  });
});

describe('consent store: no localStorage copy', () => {
  it('stores a decision in the cookie only, with today as its day, and deletes an old copy once the page is idle', async () => {
    const memory = memoryStorage(undefined);
    const store = new ConsentStore(config, memory.storage);
    expect(store.load()).to.equal(false);
    const state = store.decide({ analytics: true }, 'custom');
    expect(memory.writes.map((w) => JSON.parse(w.value))).to.deep.equal([{ v: 1, ...state, written: day() }]);
    expect(memory.writes[0]!.expires.getTime()).to.equal(originalExpiry(state));
    expect(memory.oldMirrorRemovals(), 'not in the decision’s own task').to.equal(0);
    await idle();
    expect(memory.oldMirrorRemovals()).to.equal(1);
  });

  it('a first visit (no cookie) schedules no storage work at all', async () => {
    const memory = memoryStorage(undefined);
    new ConsentStore(config, memory.storage).load();
    await idle();
    expect(memory.writes).to.deep.equal([]);
    expect(memory.oldMirrorRemovals()).to.equal(0);
  });

  it('reset() deletes the cookie and an old copy at once', () => {
    const { memory, store } = loaded(encodeStored(record(true, 'accept-all'), day()));
    store.clear();
    expect(memory.cookie()).to.equal(undefined);
    expect(memory.oldMirrorRemovals()).to.equal(1);
    expect(store.state).to.equal(null);
  });
});
