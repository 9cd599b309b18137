import { expect } from '@open-wc/testing';
import { encodeConsent } from '../src/core/consent-codec.ts';
import type { ConsentStorage } from '../src/core/consent-storage.ts';
import { ConsentStore } from '../src/core/consent-store.ts';
import { resolveConfig } from '../src/core/config.ts';
import type { ConsentState } from '../src/index.ts';

const config = resolveConfig({});

/** A record decided now (so it has not expired), with `analytics` as given. */
const record = (analytics: boolean, method: ConsentState['method']): ConsentState => ({
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  revision: config.revision,
  timestamp: new Date().toISOString(),
  method,
  categories: { necessary: true, analytics },
});

/** Cookie and mirror in memory, with a log of what was written to the mirror. */
function memoryStorage(cookie: string | undefined, mirror: string | undefined) {
  const mirrorWrites: string[] = [];
  const storage: ConsentStorage = {
    readCookie: () => cookie,
    readMirror: () => mirror,
    write(value) {
      cookie = mirror = value;
      mirrorWrites.push(value);
    },
    writeCookie(value) {
      cookie = value;
    },
    writeMirror(value) {
      mirror = value;
      mirrorWrites.push(value);
    },
    remove() {
      cookie = mirror = undefined;
    },
  };
  return {
    storage,
    mirrorWrites,
    mirror: () => mirror,
    deleteCookie: () => {
      cookie = undefined;
    },
  };
}

/** A store loaded from an accepted cookie without a mirror: its refresh is pending. */
function loadedFromCookie() {
  const memory = memoryStorage(encodeConsent(record(true, 'accept-all')), undefined);
  const store = new ConsentStore(config, memory.storage);
  store.load();
  return { memory, store };
}

/** Resolves after the browser's next idle periods (the mirror's refresh waits for one). */
const idle = async () => {
  for (let i = 0; i < 2; i++) await new Promise((done) => requestIdleCallback(done, { timeout: 2000 }));
};

describe('consent store: the mirror refresh waits for an idle moment', () => {
  it('brings an outdated mirror up to date after the load, not during it', async () => {
    const current = encodeConsent(record(false, 'reject-all'));
    const memory = memoryStorage(current, encodeConsent(record(true, 'accept-all')));
    const store = new ConsentStore(config, memory.storage);
    expect(store.load()).to.equal(true);
    expect(store.state!.method).to.equal('reject-all');
    expect(memory.mirrorWrites, 'nothing written while the page starts').to.deep.equal([]);
    await idle();
    expect(memory.mirror()).to.equal(current);
  });

  it('leaves a mirror that is up to date alone', async () => {
    const current = encodeConsent(record(true, 'accept-all'));
    const memory = memoryStorage(current, current);
    new ConsentStore(config, memory.storage).load();
    await idle();
    expect(memory.mirrorWrites).to.deep.equal([]);
  });

  it('never writes an older record over a decision made before the refresh ran', async () => {
    const { memory, store } = loadedFromCookie();
    const decided = store.decide({ analytics: false }, 'custom');
    await idle();
    expect(JSON.parse(memory.mirror()!)).to.deep.equal({ v: 1, ...decided });
    expect(memory.mirrorWrites).to.have.length(1);
  });

  it('never writes the mirror of a cookie deleted before the refresh ran', async () => {
    const { memory } = loadedFromCookie();
    // The site deletes the cookie itself, without the API.
    memory.deleteCookie();
    await idle();
    expect(memory.mirrorWrites).to.deep.equal([]);
  });

  it('never brings the mirror back after reset()', async () => {
    const { memory, store } = loadedFromCookie();
    store.clear();
    await idle();
    expect(memory.mirror()).to.equal(undefined);
  });
});
