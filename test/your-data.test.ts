import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { cookieJar, countByRole, part, parts, waitFor } from './helpers/browser.ts';
import { ANALYTICS_COOKIES, poll, recorder } from './helpers/collector-recorder.ts';
import { freshVisitor, preferences, startGate, stopGate } from './helpers/gate.ts';

const analyticsCookieNames = async () => (await cookieJar()).map((c) => c.name).filter((name) => ANALYTICS_COOKIES.includes(name));

/** Starts with a recording collector, accepts analytics, waits for the first page view and opens the dialog. */
async function acceptedWithDialog(prefix?: string) {
  const collector = recorder(prefix);
  const gate = await startGate({ collector: collector.url });
  gate.acceptAll();
  const [pageview] = await collector.waitForEvents(1);
  gate.showPreferences();
  const dialog = await waitFor(() => preferences()?.open && preferences(), 'the open dialog');
  await dialog.updateComplete;
  return { collector, visitorId: pageview!.visitorId, dialog };
}

/** Resolves with the next `<a download>` the page clicks (the link that saves a file). */
function clickedDownloadLink(): Promise<HTMLAnchorElement> {
  const original = HTMLAnchorElement.prototype.click;
  return new Promise((resolve) => {
    HTMLAnchorElement.prototype.click = function click(this: HTMLAnchorElement) {
      HTMLAnchorElement.prototype.click = original;
      resolve(this);
      original.call(this);
    };
  });
}

/** The visitor id kept in localStorage after a withdrawal, if any. */
const keptId = (): string | null => /^(.+)\.\d+$/.exec(localStorage.getItem('cg_vid_kept') ?? '')?.[1] ?? null;

const status = () => part(preferences(), 'your-data').querySelector('[role="status"]')!;

describe('<consent-preferences> Your data', () => {
  beforeEach(freshVisitor);
  afterEach(stopGate);

  it('is not offered before analytics were accepted, nor without a collector', async () => {
    const gate = await startGate({ collector: recorder().url });
    gate.showPreferences();
    await waitFor(() => preferences()?.open, 'the open dialog');
    await preferences()!.updateComplete;
    expect(parts(preferences(), 'your-data')).to.have.length(0);
    const withoutCollector = await startGate();
    withoutCollector.acceptAll();
    withoutCollector.showPreferences();
    await waitFor(() => preferences()?.open, 'the open dialog');
    await preferences()!.updateComplete;
    expect(parts(preferences(), 'your-data')).to.have.length(0);
  });

  it('offers Download my data and Delete my data once a visitor id exists', async () => {
    await acceptedWithDialog();
    const section = part(preferences(), 'your-data');
    expect(section.querySelector('h3')!.textContent).to.equal('Your data');
    expect(await countByRole('button', 'Download my data')).to.equal(1);
    expect(await countByRole('button', 'Delete my data')).to.equal(1);
    expect(part(preferences(), 'download-data').getAttribute('part')).to.equal('button download-data');
    expect(part(preferences(), 'delete-data').getAttribute('part')).to.equal('button delete-data');
    expect(status().getAttribute('aria-live')).to.equal('polite');
  });

  it('Download my data saves the JSON answer of GET /visitor/:id as a file', async () => {
    const { collector, visitorId } = await acceptedWithDialog();
    // Playwright reports downloads in Chromium; over WebDriver BiDi (Firefox) it does not yet, so
    // there the file is read from the Blob link the page clicked, which is what the browser saves.
    const realDownload = navigator.userAgent.includes('Chrome/');
    if (realDownload) await executeServerCommand('download-expect');
    const clicked = clickedDownloadLink();
    part(preferences(), 'download-data').click();
    const link = await clicked;
    const file = realDownload
      ? await executeServerCommand<{ filename: string; text: string }, undefined>('download-read')
      : { filename: link.download, text: await (await fetch(link.href)).text() };
    expect(link.download).to.equal('my-data.json');
    const requests = await collector.requests();
    expect(requests.filter((r) => r.method === 'GET').map((r) => r.path)).to.deep.equal([`/visitor/${visitorId}`]);
    const served = await (await fetch(`${collector.url}/visitor/${visitorId}`)).json();
    expect(file!.filename).to.equal('my-data.json');
    expect(JSON.parse(file!.text)).to.deep.equal(served);
    expect(served.events[0]).to.include({ type: 'pageview', visitorId });
  });

  it('Delete my data calls DELETE /visitor/:id, removes the analytics cookies and confirms', async () => {
    const { collector, visitorId } = await acceptedWithDialog();
    part(preferences(), 'delete-data').click();
    await waitFor(() => status().textContent === 'Your data was deleted.', 'the confirmation');
    const deletes = (await collector.requests()).filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => r.path)).to.deep.equal([`/visitor/${visitorId}`]);
    expect(await analyticsCookieNames()).to.deep.equal([]);
    expect(parts(preferences(), 'delete-data')).to.have.length(0);
    expect((await (await fetch(`${collector.url}/visitor/${visitorId}`)).json()).events).to.deep.equal([]);
  });

  it('stays after a withdrawal: the visitor id is kept in localStorage only, used by Download and Delete, and forgotten by Delete', async () => {
    const collector = recorder();
    const gate = await startGate({ collector: collector.url });
    gate.acceptAll();
    const [pageview] = await collector.waitForEvents(1);
    gate.setConsent({ analytics: false });
    expect(await analyticsCookieNames(), 'no analytics cookie after the withdrawal').to.deep.equal([]);
    expect(keptId()).to.equal(pageview!.visitorId);
    gate.showPreferences();
    const dialog = await waitFor(() => preferences()?.open && preferences(), 'the open dialog');
    await dialog.updateComplete;
    expect(await countByRole('button', 'Delete my data')).to.equal(1);
    const saved = clickedDownloadLink();
    part(dialog, 'download-data').click();
    // The download is done once the page saved the file; only then ask for erasure.
    expect((await saved).download).to.equal('my-data.json');
    await dialog.updateComplete;
    part(dialog, 'delete-data').click();
    await waitFor(() => status().textContent === 'Your data was deleted.', 'the confirmation');
    const asked = (await collector.requests()).filter((r) => r.method !== 'POST').map((r) => `${r.method} ${r.path}`);
    expect(asked).to.deep.equal([`GET /visitor/${pageview!.visitorId}`, `DELETE /visitor/${pageview!.visitorId}`]);
    expect(localStorage.getItem('cg_vid_kept')).to.equal(null);
    expect(parts(dialog, 'delete-data')).to.have.length(0);
    expect(
      (await collector.settledEvents()).map((r) => JSON.parse(r.body).type),
      'nothing tracked after the withdrawal',
    ).to.deep.equal(['pageview']);
  });

  it('is forgotten by reset(): no kept visitor id, no Your data', async () => {
    const collector = recorder();
    const gate = await startGate({ collector: collector.url });
    gate.acceptAll();
    await collector.waitForEvents(1);
    gate.setConsent({ analytics: false });
    expect(keptId()).to.be.a('string');
    gate.reset();
    expect(localStorage.getItem('cg_vid_kept')).to.equal(null);
    expect(await analyticsCookieNames()).to.deep.equal([]);
    gate.showPreferences();
    await waitFor(() => preferences()?.open, 'the open dialog');
    await preferences()!.updateComplete;
    expect(parts(preferences(), 'your-data')).to.have.length(0);
  });

  it('is forgotten once its lifetime (395 days from the withdrawal) is over: no Your data', async () => {
    localStorage.setItem('cg_vid_kept', `a7d4c9e2-0000-4000-8000-0000000000aa.${Date.now() - 1}`);
    const gate = await startGate({ collector: recorder().url });
    gate.showPreferences();
    await waitFor(() => preferences()?.open, 'the open dialog');
    await preferences()!.updateComplete;
    expect(parts(preferences(), 'your-data')).to.have.length(0);
    expect(localStorage.getItem('cg_vid_kept')).to.equal(null);
  });

  it('continues under the kept visitor id when analytics are allowed again', async () => {
    const collector = recorder();
    const gate = await startGate({ collector: collector.url });
    gate.acceptAll();
    const [first] = await collector.waitForEvents(1);
    gate.setConsent({ analytics: false });
    const reloaded = await startGate({ collector: collector.url });
    reloaded.acceptAll();
    const [, again] = await collector.waitForEvents(2);
    expect(again!.visitorId).to.equal(first!.visitorId);
    expect((await cookieJar()).find((c) => c.name === 'cg_vid')!.value).to.equal(first!.visitorId);
    expect(localStorage.getItem('cg_vid_kept')).to.equal(null);
  });

  it('says so when the collector cannot answer, and keeps the cookies', async () => {
    const { collector } = await acceptedWithDialog('broken');
    part(preferences(), 'delete-data').click();
    await waitFor(() => status().textContent === 'That did not work. Please try again later.', 'the error message');
    await poll(async () => (await collector.requests()).some((r) => r.method === 'DELETE'), 'the DELETE request');
    expect(await analyticsCookieNames()).to.have.members(ANALYTICS_COOKIES);
    expect(parts(preferences(), 'delete-data')).to.have.length(1);
  });
});
