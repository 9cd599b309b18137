import { expect } from '@open-wc/testing';
import { cookieJar, part } from './helpers/browser.ts';
import { readScriptConfig } from '../src/core/script-config.ts';
import { banner, choose, freshVisitor, loadScriptTag, rendered } from './helpers/gate.ts';

describe('script-tag build (dist/consent-gate.min.js)', () => {
  beforeEach(freshVisitor);
  afterEach(() => {
    window.ConsentGate?.destroy();
    document.getElementById('consent-gate-config')?.remove();
  });

  it('configures itself from data attributes, which win over the JSON block', async () => {
    const gate = await loadScriptTag(
      {
        revision: 1,
        layout: 'box',
        policyUrl: '/from-json',
        categories: { necessary: { label: 'Necessary', required: true }, analytics: { label: 'Stats' } },
      },
      { 'data-revision': '4', 'data-policy-url': '/privacy', 'data-collector': 'https://stats.example.com', 'data-floating-button': '' },
    );
    expect(window.ConsentGate).to.equal(gate);
    expect(gate.config).to.include({
      revision: 4,
      layout: 'box',
      policyUrl: '/privacy',
      collector: 'https://stats.example.com',
      floatingButton: true,
    });
    expect(gate.config.categories.map((c) => c.label)).to.deep.equal(['Necessary', 'Stats']);
    await rendered();
    expect(banner()!.getAttribute('layout')).to.equal('box');
    await choose(part(banner(), 'accept-all'));
    const [cookie] = await cookieJar();
    expect(JSON.parse(decodeURIComponent(cookie!.value))).to.include({ revision: 4, method: 'accept-all' });
  });

  it('reports a bad data attribute naming the key and falls back to the default', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (message: string) => errors.push(message);
    try {
      const gate = await loadScriptTag(
        {},
        { 'data-revision': 'abc', 'data-categories': 'necessary,analytics,spying', 'data-policy-url': 'javascript:alert(1)' },
      );
      expect(gate.config.revision).to.equal(1);
      expect(gate.config.policyUrl).to.equal(null);
      expect(gate.config.categories.map((c) => c.name)).to.deep.equal(['necessary', 'analytics']);
    } finally {
      console.error = original;
    }
    expect(errors.some((e) => e.includes('"revision"'))).to.equal(true);
    expect(errors.some((e) => e.includes('"categories"') && e.includes('spying'))).to.equal(true);
    expect(errors.some((e) => e.includes('"policyUrl"'))).to.equal(true);
  });

  it('reports a malformed JSON block and still starts with defaults', async () => {
    const block = document.createElement('script');
    block.type = 'application/json';
    block.id = 'consent-gate-config';
    block.textContent = '{ not json';
    document.head.append(block);
    const errors: string[] = [];
    const original = console.error;
    console.error = (message: string) => errors.push(message);
    try {
      const script = document.createElement('script');
      script.src = '/dist/consent-gate.min.js?malformed';
      const loaded = new Promise((resolve) => (script.onload = resolve));
      document.head.append(script);
      await loaded;
    } finally {
      console.error = original;
      block.remove();
    }
    expect(errors.join()).to.contain('consent-gate-config');
    expect(window.ConsentGate!.config.revision).to.equal(1);
    await rendered();
    expect(banner()!.mode).to.equal('banner');
  });

  it('reads the configuration only from <script type="application/json" id="consent-gate-config">, never from another element with that id', async () => {
    const errors: string[] = [];
    const impostors = [
      Object.assign(document.createElement('div'), { textContent: '{ "revision": 9, "collector": "https://evil.example" }' }),
      Object.assign(document.createElement('script'), { type: 'text/x-config', textContent: '{ "revision": 9 }' }),
      Object.assign(document.createElement('script'), { textContent: '/* a classic script */' }),
    ];
    try {
      for (const impostor of impostors) {
        impostor.id = 'consent-gate-config';
        document.body.prepend(impostor);
        expect(
          readScriptConfig(null, document, (message) => errors.push(message)),
          impostor.outerHTML,
        ).to.deep.equal({});
        impostor.remove();
      }
      expect(errors).to.have.length(impostors.length);
      expect(errors[0]).to.contain('consent-gate-config');
      // The real block is read even when an injected element with the same id comes first in the document.
      document.body.prepend(impostors[0]!);
      const block = Object.assign(document.createElement('script'), {
        type: 'application/json',
        id: 'consent-gate-config',
        textContent: '{ "revision": 3 }',
      });
      document.head.append(block);
      expect(readScriptConfig(null, document, (message) => errors.push(message))).to.deep.equal({ revision: 3 });
      block.remove();
      // The built script tag too.
      const gate = await loadScriptTag({});
      expect(gate.config.revision).to.equal(1);
      expect(gate.config.collector).to.equal(null);
    } finally {
      for (const impostor of impostors) impostor.remove();
    }
  });

  it('takes the CSP nonce of its own script tag', async () => {
    const gate = await loadScriptTag({}, { nonce: 'r4nd0m' });
    expect(gate.config.nonce).to.equal('r4nd0m');
  });
});
