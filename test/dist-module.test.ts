import { expect } from '@open-wc/testing';
import { waitFor } from './helpers/browser.ts';
import { freshVisitor } from './helpers/gate.ts';

/** What `import { init } from 'consent-gate'` gives a page that loads the built module unbundled (e.g. from a CDN). */
interface BuiltModule {
  init(config: { language: string }): { destroy(): void };
}

describe('dist/consent-gate.js, the ES module as published', () => {
  beforeEach(freshVisitor);

  it('finds the built-in translations beside itself (dist/i18n/), not beside a chunk', async () => {
    const path = '/dist/consent-gate.js';
    const { init } = (await import(path)) as BuiltModule;
    const gate = init({ language: 'de' });
    try {
      const title = await waitFor(
        () => document.querySelector('consent-banner')?.shadowRoot?.querySelector('[part="title"]')?.textContent,
        'the banner title',
      );
      expect(title).to.equal('Ihre Privatsphäre ist uns wichtig');
      expect(document.querySelector('consent-banner')!.getAttribute('lang')).to.equal('de');
    } finally {
      gate.destroy();
    }
  });
});
