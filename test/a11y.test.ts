import { expect } from '@open-wc/testing';
import { axeViolations } from './helpers/axe.ts';
import { part, waitFor } from './helpers/browser.ts';
import { banner, freshVisitor, preferences, startGate } from './helpers/gate.ts';

const config = {
  policyUrl: '/privacy',
  categories: {
    necessary: {
      label: 'Necessary',
      required: true,
      services: [{ name: 'consent-gate', cookies: [{ name: 'cg_consent', duration: '6 months' }] }],
    },
    analytics: {
      label: 'Analytics',
      services: [{ name: 'Statistics', provider: 'This site', cookies: [{ name: 'cg_vid', duration: '13 months' }] }],
    },
  },
};

for (const theme of ['light', 'dark'] as const) {
  for (const layout of ['bar', 'box'] as const) {
    describe(`accessibility (${theme}, ${layout})`, () => {
      beforeEach(freshVisitor);

      it('axe-core finds no violation with the banner open', async () => {
        await startGate({ ...config, theme, layout });
        await Promise.all(
          part(banner(), 'banner')
            .getAnimations()
            .map((a) => a.finished),
        );
        expect(await axeViolations()).to.deep.equal([]);
      });

      it('axe-core finds no violation with the dialog open', async () => {
        const gate = await startGate({ ...config, theme, layout });
        gate.showPreferences();
        const dialog = await waitFor(() => preferences()?.open && preferences(), 'the dialog to open');
        await dialog.updateComplete;
        part(dialog, 'declaration').setAttribute('open', '');
        expect(await axeViolations()).to.deep.equal([]);
        gate.hidePreferences();
      });
    });
  }
}

describe('accessibility checker', () => {
  it('sees a violation inside a shadow root (so a clean result means something)', async () => {
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).innerHTML = '<button></button>';
    document.querySelector('main')!.append(host);
    try {
      expect((await axeViolations()).join()).to.contain('button-name');
    } finally {
      host.remove();
    }
  });
});
