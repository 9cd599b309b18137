import { expect } from '@open-wc/testing';
import { cookieJar, waitFor } from './helpers/browser.ts';
import { banner, freshVisitor } from './helpers/gate.ts';

describe('import "consent-gate"', () => {
  it('defines no element and touches no cookie or storage until init()', async () => {
    const cookieReads: string[] = [];
    const descriptor = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
    Object.defineProperty(document, 'cookie', {
      configurable: true,
      get() {
        cookieReads.push('read');
        return descriptor.get!.call(document);
      },
      set(value: string) {
        descriptor.set!.call(document, value);
      },
    });
    try {
      const module = await import('../src/index.ts');
      expect(customElements.get('consent-banner')).to.equal(undefined);
      expect(customElements.get('consent-preferences')).to.equal(undefined);
      expect(cookieReads).to.deep.equal([]);
      expect(localStorage.length).to.equal(0);
      const gate = module.init();
      expect(customElements.get('consent-banner')).to.exist;
      expect(cookieReads.length).to.be.greaterThan(0);
      gate.destroy();
    } finally {
      delete (document as { cookie?: string }).cookie;
    }
    expect(await cookieJar()).to.deep.equal([]);
  });

  it('finds the translations at a localesUrl relative to the page (a bundler moved the module)', async () => {
    const { ConsentGate } = await import('../src/index.ts');
    await freshVisitor();
    const gate = new ConsentGate({ language: 'de' }, { localesUrl: '/dist/i18n/' });
    try {
      const accept = await waitFor(() => banner()?.shadowRoot?.querySelector('[part~="accept-all"]'), 'the banner', 5000);
      expect(accept.textContent!.trim()).to.equal('Alle akzeptieren');
      expect(banner()!.lang).to.equal('de');
    } finally {
      gate.destroy();
    }
  });
});
