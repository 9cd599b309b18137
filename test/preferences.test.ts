import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { countByRole, deepActive, isShown, nextEvent, part, parts, tabBackIntoPage, waitFor } from './helpers/browser.ts';
import { banner, freshVisitor, preferences, rendered, startGate, choose } from './helpers/gate.ts';

const withServices = {
  categories: {
    necessary: {
      label: 'Necessary',
      required: true,
      services: [
        {
          name: 'consent-gate',
          provider: 'This site',
          cookies: [{ name: 'cg_consent', duration: '6 months', purpose: 'Remembers your choice' }],
        },
      ],
    },
    analytics: {
      label: 'Analytics',
      description: 'Visits and pages viewed.',
      services: [
        { name: 'Site statistics', provider: 'This site', cookies: [{ name: 'cg_vid', duration: '13 months' }, { pattern: '^cg_visit' }] },
      ],
    },
    marketing: { label: 'Marketing' },
  },
};

async function openDialog() {
  part(banner(), 'manage').click();
  const dialog = await waitFor(() => preferences()?.open && preferences(), 'the dialog to open');
  await dialog.updateComplete;
  return dialog;
}

describe('<consent-preferences>', () => {
  beforeEach(freshVisitor);

  it('opens from Manage preferences as a modal dialog with the documented names', async () => {
    await startGate(withServices);
    const dialog = await openDialog();
    const native = part<HTMLDialogElement>(dialog, 'dialog');
    expect(native.localName).to.equal('dialog');
    expect(native.matches(':modal')).to.equal(true);
    expect(await countByRole('dialog', 'Cookie preferences')).to.equal(1);
    expect(await countByRole('heading', 'Cookie preferences')).to.equal(1);
    for (const name of ['Save preferences', 'Accept all', 'Reject all', 'Close']) {
      expect(await countByRole('button', name), name).to.be.greaterThan(0);
    }
    for (const name of ['save', 'accept-all', 'reject-all', 'close']) {
      expect(part(dialog, name).getAttribute('part')).to.equal(`button ${name}`);
    }
  });

  it('has one switch per category named by its label; required ones checked and disabled', async () => {
    await startGate(withServices);
    const dialog = await openDialog();
    expect(await countByRole('switch', 'Necessary')).to.equal(1);
    expect(await countByRole('switch', 'Analytics')).to.equal(1);
    expect(await countByRole('switch', 'Marketing')).to.equal(1);
    const [necessary, analytics, marketing] = parts<HTMLButtonElement>(dialog, 'switch');
    expect(necessary!.getAttribute('role')).to.equal('switch');
    expect(necessary!.getAttribute('aria-checked')).to.equal('true');
    expect(necessary!.disabled).to.equal(true);
    expect(analytics!.getAttribute('aria-checked')).to.equal('false');
    expect(marketing!.disabled).to.equal(false);
  });

  it('lists the services and cookies of each category', async () => {
    await startGate(withServices);
    const dialog = await openDialog();
    const tables = parts(dialog, 'declaration');
    expect(tables).to.have.length(2);
    const cells = [...tables[1]!.querySelectorAll('td')].map((td) => td.textContent!.trim());
    expect(cells).to.include('cg_vid');
    expect(cells).to.include('^cg_visit');
    expect(cells).to.include('13 months');
    expect(tables[1]!.textContent).to.contain('Site statistics');
  });

  it('lists the storage keys a service declares beside its cookies, marked as browser storage', async () => {
    await startGate({
      categories: {
        necessary: { label: 'Necessary', required: true },
        analytics: {
          label: 'Analytics',
          services: [
            {
              name: 'PostHog',
              provider: 'PostHog Inc.',
              purpose: 'Product analytics',
              cookies: [{ pattern: '^ph_', duration: '1 year' }],
              storage: [{ pattern: '^ph_.*_posthog$', purpose: 'Visitor and session ids' }, { name: 'ph_session' }],
            },
          ],
        },
      },
    });
    const dialog = await openDialog();
    const [, analytics] = parts(dialog, 'declaration');
    // Open, so that the cells are rendered and line breaks count as spaces.
    analytics!.setAttribute('open', '');
    const rows = [...analytics!.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.innerText.replace(/\s+/g, ' ').trim()),
    );
    expect(rows).to.deep.equal([
      ['^ph_', 'PostHog PostHog Inc.', 'Product analytics', '1 year'],
      ['^ph_.*_posthog$ Browser storage', 'PostHog PostHog Inc.', 'Visitor and session ids', ''],
      ['ph_session Browser storage', 'PostHog PostHog Inc.', 'Product analytics', ''],
    ]);
  });

  it('declares the SDK’s own cookies with their real lifetimes: the consent cookie, and with a collector cg_vid and cg_visit', async () => {
    const rows = (table: Element) =>
      [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()));
    await startGate({ collector: 'https://collector.invalid' });
    let dialog = await openDialog();
    let [necessary, analytics] = parts(dialog, 'declaration');
    expect(rows(necessary!)).to.deep.equal([['cg_consent', 'This website', 'Remembers your cookie choice', '182 days']]);
    expect(rows(analytics!)).to.deep.equal([
      ['cg_vid', 'This website', 'Recognises a returning visitor (statistics)', '395 days'],
      ['cg_visit', 'This website', 'Groups the pages of one visit (statistics)', '30 minutes'],
    ]);
    // Without a collector nothing is tracked, so only the consent cookie exists: here renamed, with its own life.
    await freshVisitor();
    await startGate({ cookieName: 'site_consent', expiresDays: 30 });
    dialog = await openDialog();
    [necessary, analytics] = parts(dialog, 'declaration');
    expect(rows(necessary!)).to.deep.equal([['site_consent', 'This website', 'Remembers your cookie choice', '30 days']]);
    expect(analytics).to.equal(undefined);
  });

  it('Save preferences stores exactly the switched categories as custom', async () => {
    const gate = await startGate(withServices);
    const dialog = await openDialog();
    const changed = nextEvent<CustomEvent>(document, 'consent-gate:change');
    parts(dialog, 'switch')[2]!.click();
    await dialog.updateComplete;
    expect(parts(dialog, 'switch')[2]!.getAttribute('aria-checked')).to.equal('true');
    part(dialog, 'save').click();
    expect((await changed).detail.method).to.equal('custom');
    expect(gate.getConsent()!.categories).to.deep.equal({ necessary: true, analytics: false, marketing: true });
    await waitFor(() => !part<HTMLDialogElement>(dialog, 'dialog').open, 'the dialog to close');
  });

  it('Accept all and Reject all in the dialog decide and close it', async () => {
    const gate = await startGate(withServices);
    let dialog = await openDialog();
    const accepting = choose(part(dialog, 'accept-all'));
    // The dialog closes in the frame of the click; the decision follows that paint.
    await waitFor(() => !part<HTMLDialogElement>(dialog, 'dialog').open, 'the dialog to close');
    await accepting;
    expect(gate.getConsent()!.method).to.equal('accept-all');
    gate.showPreferences();
    dialog = await waitFor(() => preferences()?.open && preferences(), 'the dialog to open');
    await dialog.updateComplete;
    expect(parts(dialog, 'switch')[1]!.getAttribute('aria-checked')).to.equal('true');
    await choose(part(dialog, 'reject-all'));
    expect(gate.getConsent()!.categories).to.deep.equal({ necessary: true, analytics: false, marketing: false });
  });

  it('stays open when opened again right after closing (the close event comes a task later)', async () => {
    await startGate(withServices);
    const dialog = await openDialog();
    const native = part<HTMLDialogElement>(dialog, 'dialog');
    dialog.open = false;
    await dialog.updateComplete;
    expect(native.open).to.equal(false);
    dialog.open = true;
    await dialog.updateComplete;
    // The close event of the first closing is delivered now, after the dialog opened again.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(dialog.open).to.equal(true);
    expect(native.open).to.equal(true);
  });

  it('traps focus: Tab and Shift+Tab never reach the page behind', async () => {
    await startGate(withServices);
    const outside = document.createElement('button');
    outside.textContent = 'Page button';
    document.querySelector('main')!.append(outside);
    const dialog = await openDialog();
    const native = part(dialog, 'dialog');
    for (const key of [...Array(12).fill('Tab'), ...Array(12).fill('Shift+Tab')]) {
      await sendKeys({ press: key });
      const active = deepActive();
      // Focus may visit the browser's own UI (then the page reports <body>), never page content.
      expect(active === document.body || native.contains(active), `focus on ${active?.outerHTML}`).to.equal(true);
    }
    await tabBackIntoPage();
    outside.remove();
  });

  it('Escape closes it and focus returns to the opener; no choice is stored', async () => {
    const gate = await startGate(withServices);
    const manage = part(banner(), 'manage');
    manage.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = await waitFor(() => preferences()?.open && preferences(), 'the dialog to open');
    await dialog.updateComplete;
    expect(dialog.contains(deepActive()) || dialog.shadowRoot!.contains(deepActive())).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !preferences()!.open, 'the dialog to close');
    expect(deepActive()).to.equal(manage);
    expect(gate.getConsent()).to.equal(null);
    expect(isShown(part(banner(), 'banner'))).to.equal(true);
  });

  it('Close button closes it and returns focus', async () => {
    await startGate();
    const manage = part(banner(), 'manage');
    manage.focus();
    manage.click();
    const dialog = await waitFor(() => preferences()?.open && preferences(), 'the dialog to open');
    await dialog.updateComplete;
    part(dialog, 'close').click();
    await waitFor(() => !part<HTMLDialogElement>(dialog, 'dialog').open, 'the dialog to close');
    expect(deepActive()).to.equal(manage);
  });

  it('opens from any [data-consent-open] element on the page, also after a choice', async () => {
    const gate = await startGate();
    gate.acceptAll();
    await rendered();
    const link = document.createElement('a');
    link.href = '#cookie-settings';
    link.dataset.consentOpen = '';
    link.textContent = 'Cookie settings';
    document.querySelector('main')!.append(link);
    link.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = await waitFor(() => preferences()?.open && preferences(), 'the dialog to open');
    expect(location.hash).to.equal('');
    await dialog.updateComplete;
    expect(parts(dialog, 'switch')[1]!.getAttribute('aria-checked')).to.equal('true');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !preferences()!.open, 'the dialog to close');
    expect(deepActive()).to.equal(link);
    link.remove();
  });
});
