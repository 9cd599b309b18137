import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { countByRole, deepActive, isShown, nextEvent, part } from './helpers/browser.ts';
import { banner, freshVisitor, rendered, startGate } from './helpers/gate.ts';

describe('<consent-banner>', () => {
  beforeEach(freshVisitor);

  it('offers Accept all, Reject all and Manage preferences by accessible name', async () => {
    await startGate();
    expect(await countByRole('button', 'Accept all')).to.equal(1);
    expect(await countByRole('button', 'Reject all')).to.equal(1);
    expect(await countByRole('button', 'Manage preferences')).to.equal(1);
    expect(await countByRole('region', 'We value your privacy')).to.equal(1);
  });

  it('gives Accept and Reject the same size and the same colours', async () => {
    await startGate();
    const accept = part(banner(), 'accept-all');
    const reject = part(banner(), 'reject-all');
    const a = accept.getBoundingClientRect();
    const r = reject.getBoundingClientRect();
    expect(Math.round(a.width)).to.equal(Math.round(r.width));
    expect(Math.round(a.height)).to.equal(Math.round(r.height));
    const style = (el: Element) => {
      const s = getComputedStyle(el);
      return [s.backgroundColor, s.color, s.fontSize, s.fontWeight, s.borderColor].join();
    };
    expect(style(accept)).to.equal(style(reject));
  });

  it('exposes the documented parts', async () => {
    await startGate();
    for (const name of ['banner', 'accept-all', 'reject-all', 'manage']) expect(part(banner(), name)).to.exist;
    expect(part(banner(), 'accept-all').getAttribute('part')).to.equal('button accept-all');
    expect(part(banner(), 'reject-all').getAttribute('part')).to.equal('button reject-all');
    expect(part(banner(), 'manage').getAttribute('part')).to.equal('button manage');
  });

  it('overlays the page without moving its content', async () => {
    const main = document.querySelector('main')!;
    const before = main.getBoundingClientRect().toJSON();
    await startGate();
    expect(getComputedStyle(banner()!).position).to.equal('fixed');
    expect(main.getBoundingClientRect().toJSON()).to.deep.equal(before);
    await Promise.all(
      part(banner(), 'banner')
        .getAnimations()
        .map((a) => a.finished),
    );
    const panel = part(banner(), 'banner').getBoundingClientRect();
    expect(Math.round(panel.bottom)).to.equal(innerHeight);
    expect(Math.round(panel.width)).to.equal(document.documentElement.clientWidth);
  });

  it('draws the box layout as a corner card', async () => {
    await startGate({ layout: 'box' });
    const panel = part(banner(), 'banner').getBoundingClientRect();
    expect(panel.width).to.be.lessThan(innerWidth / 1.5);
    expect(panel.left).to.be.greaterThan(0);
  });

  it('follows the theme option, and auto follows the system colour scheme', async () => {
    await startGate({ theme: 'dark' });
    const darkBg = getComputedStyle(part(banner(), 'banner')).backgroundColor;
    await startGate({ theme: 'light' });
    const lightBg = getComputedStyle(part(banner(), 'banner')).backgroundColor;
    expect(lightBg).to.equal('rgb(255, 255, 255)');
    expect(darkBg).to.not.equal(lightBg);
    await startGate({ theme: 'auto' });
    const autoBg = getComputedStyle(part(banner(), 'banner')).backgroundColor;
    expect(autoBg).to.equal(matchMedia('(prefers-color-scheme: dark)').matches ? darkBg : lightBg);
  });

  it('can be restyled with --consent-gate-* properties', async () => {
    await startGate();
    banner()!.style.setProperty('--consent-gate-accent', 'rgb(1, 2, 3)');
    expect(getComputedStyle(part(banner(), 'accept-all')).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(part(banner(), 'reject-all')).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('shows the policy link only for an http(s) URL', async () => {
    await startGate({ policyUrl: '/privacy' });
    expect(part<HTMLAnchorElement>(banner(), 'link').getAttribute('href')).to.equal('/privacy');
    await startGate({ policyUrl: 'javascript:alert(1)' });
    expect(banner()!.shadowRoot!.querySelector('a')).to.equal(null);
  });

  it('renders no link for a policy-url that is not http(s), set on the element itself', async () => {
    await startGate();
    const element = banner()!;
    for (const url of ['javascript:void 0', ' \u0001JavaScript:void 0', 'data:text/html,<b>x</b>', 'vbscript:x']) {
      element.setAttribute('policy-url', url);
      await element.updateComplete;
      expect(element.shadowRoot!.querySelector('a')?.outerHTML, `attribute ${url}`).to.equal(undefined);
      element.removeAttribute('policy-url');
      element.policyUrl = url;
      await element.updateComplete;
      expect(element.shadowRoot!.querySelector('a')?.outerHTML, `property ${url}`).to.equal(undefined);
    }
    element.setAttribute('policy-url', '/privacy');
    await element.updateComplete;
    expect(part<HTMLAnchorElement>(element, 'link').getAttribute('href')).to.equal('/privacy');
  });

  it('is reached by keyboard: Tab from the top of the page gets to both choices', async () => {
    await startGate();
    (document.activeElement as HTMLElement | null)?.blur();
    const reached = new Set<string | null>();
    const wanted = ['button accept-all', 'button reject-all', 'button manage'];
    // Stop once all three were reached, so focus stays in the page (see tabBackIntoPage).
    for (let i = 0; i < 8 && !wanted.every((name) => reached.has(name)); i += 1) {
      await sendKeys({ press: 'Tab' });
      reached.add(deepActive()?.getAttribute('part') ?? null);
    }
    expect(reached).to.include('button accept-all');
    expect(reached).to.include('button reject-all');
    expect(reached).to.include('button manage');
  });

  it('records a choice made with the keyboard alone', async () => {
    const gate = await startGate();
    part(banner(), 'reject-all').focus();
    const changed = nextEvent<CustomEvent>(document, 'consent-gate:change');
    await sendKeys({ press: 'Enter' });
    await changed;
    expect(gate.getConsent()?.method).to.equal('reject-all');
    await rendered();
    expect(isShown(banner()!.shadowRoot!.querySelector('[part~="reject-all"]'))).to.equal(false);
  });
});
