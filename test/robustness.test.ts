import { expect } from '@open-wc/testing';
import { cookieJar, part } from './helpers/browser.ts';
import { banner, freshVisitor, startGate, stopGate, choose } from './helpers/gate.ts';

/** Collects uncaught errors and rejections while `run` executes. */
async function uncaughtDuring(run: () => Promise<void>): Promise<string[]> {
  const errors: string[] = [];
  const onError = (event: ErrorEvent) => errors.push(String(event.message));
  const onRejection = (event: PromiseRejectionEvent) => errors.push(String(event.reason));
  addEventListener('error', onError);
  addEventListener('unhandledrejection', onRejection);
  try {
    await run();
    await new Promise((resolve) => requestAnimationFrame(resolve));
  } finally {
    removeEventListener('error', onError);
    removeEventListener('unhandledrejection', onRejection);
  }
  return errors;
}

const pwned = () => (window as unknown as { __pwned?: number }).__pwned;
const hostile = '<img src=x onerror="window.__pwned=1">';

const storedWith = (fields: object) =>
  encodeURIComponent(
    JSON.stringify({
      v: 1,
      id: '0f8fad5b-d9cb-469f-a165-70867728950e',
      revision: 1,
      timestamp: '2026-01-01T00:00:00.000Z',
      method: 'accept-all',
      categories: { analytics: true },
      ...fields,
    }),
  );

describe('bad stored data and blocked storage', () => {
  beforeEach(freshVisitor);

  const cases: Record<string, string> = {
    garbage: '%%%not-json{{',
    truncated: storedWith({}).slice(0, 60),
    'HTML payload': encodeURIComponent(hostile),
    'HTML in the method': storedWith({ method: hostile }),
    'HTML in the id': storedWith({ id: hostile }),
    'wrong schema version': storedWith({ v: 2 }),
    'non-boolean category': storedWith({ categories: { analytics: 'yes' } }),
    'huge value': 'x'.repeat(3900),
  };

  for (const [name, value] of Object.entries(cases)) {
    it(`treats a ${name} cookie as no choice, without errors or executed markup`, async () => {
      document.cookie = `cg_consent=${value}; path=/`;
      let gate = null as Awaited<ReturnType<typeof startGate>> | null;
      const errors = await uncaughtDuring(async () => {
        gate = await startGate();
      });
      expect(errors).to.deep.equal([]);
      expect(gate!.getConsent()).to.equal(null);
      expect(banner()!.mode).to.equal('banner');
      expect(banner()!.shadowRoot!.querySelector('img')).to.equal(null);
      expect(document.querySelector('img')).to.equal(null);
      expect(pwned()).to.equal(undefined);
      await choose(part(banner(), 'accept-all'));
      expect(gate!.getConsent()!.method).to.equal('accept-all');
      const stored = (await cookieJar()).find((c) => c.name === 'cg_consent')!;
      expect(JSON.parse(decodeURIComponent(stored.value)).method).to.equal('accept-all');
    });
  }

  it('works in memory when cookie and storage access throw', async () => {
    const cookieDescriptor = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
    const storageDescriptor = Object.getOwnPropertyDescriptor(window, 'localStorage')!;
    const blocked = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    Object.defineProperty(document, 'cookie', { configurable: true, get: blocked, set: blocked });
    Object.defineProperty(window, 'localStorage', { configurable: true, get: blocked });
    try {
      const errors = await uncaughtDuring(async () => {
        const gate = await startGate();
        expect(gate.getConsent()).to.equal(null);
        await choose(part(banner(), 'reject-all'));
        expect(gate.getConsent()!.method).to.equal('reject-all');
        expect(gate.hasConsent('analytics')).to.equal(false);
        // Back from the back/forward cache: the re-read finds nothing stored and keeps the page's choice.
        window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
        expect(gate.getConsent()!.method).to.equal('reject-all');
        expect(banner()!.mode).to.equal('hidden');
        gate.reset();
        expect(gate.getConsent()).to.equal(null);
        gate.acceptAll();
        expect(gate.hasConsent('analytics')).to.equal(true);
      });
      expect(errors).to.deep.equal([]);
    } finally {
      stopGate();
      delete (document as { cookie?: string }).cookie;
      Object.defineProperty(Document.prototype, 'cookie', cookieDescriptor);
      Object.defineProperty(window, 'localStorage', storageDescriptor);
    }
    expect(await cookieJar()).to.deep.equal([]);
  });
});
