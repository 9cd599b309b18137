import { expect } from '@open-wc/testing';
import { resolveConfig } from '../src/core/config.ts';
import type { ConsentState } from '../src/core/types.ts';
import { Gating } from '../src/gating/gating.ts';
import { waitFor } from './helpers/browser.ts';
import { freshVisitor } from './helpers/gate.ts';
import { CATEGORIES, clearGated, gatedScript, newToken, push, ran, scriptUrl } from './helpers/gating.ts';

const decision = (categories: Record<string, boolean>): ConsentState => ({
  id: 'a7d4c9e2-0000-4000-8000-000000000000',
  revision: 1,
  timestamp: new Date().toISOString(),
  method: 'custom',
  categories: { necessary: true, ...categories },
});

describe('gating: withdrawal', () => {
  let gating: Gating | null = null;
  beforeEach(async () => {
    await freshVisitor();
    clearGated();
  });
  afterEach(() => {
    gating?.destroy();
    clearGated();
  });

  /** A Gating whose reloads are counted instead of done. */
  function startGating(config: object = {}) {
    const reloads: string[] = [];
    gating = new Gating(resolveConfig({ categories: CATEGORIES, ...config }), () => {}, { reload: () => reloads.push('reload') });
    return reloads;
  }

  it('asks for a reload when a category whose scripts ran is withdrawn', async () => {
    const reloads = startGating();
    gatedScript('analytics', { code: push('analytics') });
    const granted = decision({ analytics: true, marketing: true });
    gating!.update(granted, null);
    await waitFor(() => ran().length, 'the script');
    const withdrawn = decision({ analytics: false, marketing: true });
    gating!.update(withdrawn, granted);
    expect(reloads).to.deep.equal(['reload']);
  });

  it('does not reload when the withdrawn category ran nothing, or with reloadOnWithdraw off', async () => {
    const granted = decision({ analytics: true, marketing: true });
    let reloads = startGating();
    gatedScript('analytics', { code: push('analytics') });
    gating!.update(granted, null);
    await waitFor(() => ran().length, 'the script');
    gating!.update(decision({ analytics: true, marketing: false }), granted);
    expect(reloads).to.deep.equal([]);
    gating!.destroy();
    clearGated();

    reloads = startGating({ reloadOnWithdraw: false });
    gatedScript('analytics', { code: push('analytics') });
    gating!.update(granted, null);
    await waitFor(() => ran().length, 'the script');
    gating!.update(null, granted);
    expect(reloads).to.deep.equal([]);
  });

  it('deletes the autoClear cookies of a withdrawn category', () => {
    startGating({ autoClear: { analytics: [{ name: '_pk_id' }], marketing: [{ pattern: '^_fbp$' }] } });
    const granted = decision({ analytics: true, marketing: true });
    gating!.update(granted, null);
    document.cookie = '_pk_id=1; path=/';
    document.cookie = '_fbp=1; path=/';
    gating!.update(decision({ analytics: true, marketing: false }), granted);
    expect(document.cookie).to.equal('_pk_id=1');
  });

  it('deletes the declared localStorage and sessionStorage keys of a withdrawn category, never the SDK’s own', () => {
    const keys = ['ph_abc_posthog', 'exact_key', 'exact_key_2', 'site_theme', 'cg_consent', 'cg_vid_kept'];
    const stored = (storage: Storage) => keys.filter((key) => storage.getItem(key) !== null);
    try {
      startGating({
        categories: {
          necessary: {},
          analytics: { label: 'Analytics', services: [{ name: 'PostHog', storage: [{ pattern: '^ph_' }, { name: 'exact_key' }] }] },
          // A careless pattern: the SDK's own key (the kept visitor id) stays all the same.
          marketing: { label: 'Marketing', services: [{ name: 'Ads', storage: [{ pattern: '^(cg_|site_)' }] }] },
        },
      });
      const granted = decision({ analytics: true, marketing: true });
      gating!.update(granted, null);
      for (const key of keys) {
        localStorage.setItem(key, '1');
        sessionStorage.setItem(key, '1');
      }
      gating!.update(granted, granted);
      expect(stored(localStorage)).to.deep.equal(keys);
      const withdrawn = decision({ analytics: false, marketing: true });
      gating!.update(withdrawn, granted);
      expect(stored(localStorage)).to.deep.equal(['exact_key_2', 'site_theme', 'cg_consent', 'cg_vid_kept']);
      expect(stored(sessionStorage)).to.deep.equal(['exact_key_2', 'site_theme', 'cg_consent', 'cg_vid_kept']);
      gating!.update(decision({ analytics: false, marketing: false }), withdrawn);
      // cg_consent in storage is not the SDK's (it keeps its choice in the cookie only): the pattern deletes it.
      expect(stored(localStorage)).to.deep.equal(['exact_key_2', 'cg_vid_kept']);
      expect(stored(sessionStorage)).to.deep.equal(['exact_key_2', 'cg_vid_kept']);
    } finally {
      for (const key of keys) sessionStorage.removeItem(key);
    }
  });

  it('really reloads a page (in a frame) when its analytics scripts ran and analytics is withdrawn', async () => {
    const frame = document.createElement('iframe');
    frame.src = '/test/fixtures/page.html?target=src';
    document.body.append(frame);
    type PageWindow = Window & { ConsentGate?: { acceptAll(): void; rejectAll(): void }; __before?: boolean };
    const win = () => frame.contentWindow as PageWindow;
    const gate = await waitFor(() => win()?.ConsentGate, 'the page in the frame to start', 5000);
    gatedScript('analytics', { code: push('analytics') }, frame.contentDocument!);
    gate.acceptAll();
    await waitFor(() => ran(win()).length, 'the gated script in the frame');
    win().__before = true;
    gate.rejectAll();
    await waitFor(() => win()?.__before === undefined && win().ConsentGate, 'the frame to reload', 5000);
    expect(ran(win())).to.deep.equal([]);
  });
});

describe('gating: a slow external script', () => {
  let gating: Gating | null = null;
  beforeEach(async () => {
    await freshVisitor();
    clearGated();
  });
  afterEach(() => {
    gating?.destroy();
    clearGated();
  });

  const granted = decision({ analytics: true, marketing: true });

  it('holds up the scripts after it only until the wait runs out; it still runs when it arrives', async () => {
    gating = new Gating(resolveConfig({ categories: CATEGORIES }), () => {}, { scriptWaitMs: 300 });
    gatedScript('analytics', { src: scriptUrl('slow', newToken(), 1500) });
    gatedScript('analytics', { code: push('after') });
    gating.update(granted, null);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(ran()).to.deep.equal([]);
    await waitFor(() => ran().includes('after'), 'the script after the slow one');
    expect(ran()).to.deep.equal(['after']);
    await waitFor(() => ran().includes('slow'), 'the slow script', 4000);
    expect(ran()).to.deep.equal(['after', 'slow']);
  });

  it('does not wait at all for an async external script', async () => {
    gating = new Gating(resolveConfig({ categories: CATEGORIES }), () => {}, { scriptWaitMs: 3000 });
    gatedScript('analytics', { src: scriptUrl('async', newToken(), 800) }).setAttribute('async', '');
    gatedScript('analytics', { code: push('after') });
    gating.update(granted, null);
    await waitFor(() => ran().includes('after'), 'the script after the async one', 500);
    await waitFor(() => ran().includes('async'), 'the async script');
    expect(ran()).to.deep.equal(['after', 'async']);
  });
});
