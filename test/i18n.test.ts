import { expect } from '@open-wc/testing';
import { axeViolations } from './helpers/axe.ts';
import { countByRole, part, parts, waitFor } from './helpers/browser.ts';
import { banner, freshVisitor, preferences, startGate } from './helpers/gate.ts';

const html = document.documentElement;

/** Pretends the browser prefers `tags` (as `navigator.languages`). */
function browserLanguages(tags: string[] | null) {
  if (tags) Object.defineProperty(navigator, 'languages', { configurable: true, get: () => tags });
  else delete (navigator as { languages?: unknown }).languages;
}

async function bannerButtons() {
  await waitFor(() => banner()?.shadowRoot?.querySelector('[part~="accept-all"]'), 'the banner buttons', 5000);
  return ['accept-all', 'reject-all', 'manage'].map((name) => part(banner(), name).textContent!.trim());
}

describe('languages', () => {
  beforeEach(freshVisitor);
  afterEach(() => {
    html.lang = 'en';
    browserLanguages(null);
  });

  it('speaks German with <html lang="de">', async () => {
    html.lang = 'de';
    await startGate();
    expect(await bannerButtons()).to.deep.equal(['Alle akzeptieren', 'Alle ablehnen', 'Einstellungen verwalten']);
    expect(banner()!.lang).to.equal('de');
    expect(await countByRole('button', 'Alle akzeptieren')).to.equal(1);
  });

  it('speaks French when the browser prefers fr-CA and the page has no lang', async () => {
    html.removeAttribute('lang');
    browserLanguages(['fr-CA', 'en']);
    await startGate();
    const [accept] = await bannerButtons();
    expect(accept).to.equal('Tout accepter');
    expect(banner()!.lang).to.equal('fr');
  });

  it('falls back to English for an unknown language', async () => {
    await startGate({ language: 'xx' });
    expect(await bannerButtons()).to.deep.equal(['Accept all', 'Reject all', 'Manage preferences']);
  });

  it('matches a regional tag to its base language (de-AT → de)', async () => {
    await startGate({ language: 'de-AT' });
    expect((await bannerButtons())[0]).to.equal('Alle akzeptieren');
  });

  it('writes Arabic right to left, with the buttons mirrored', async () => {
    await startGate({ language: 'en' });
    const ltr =
      (await bannerButtons(),
      part(banner(), 'accept-all').getBoundingClientRect().x < part(banner(), 'reject-all').getBoundingClientRect().x);
    expect(ltr).to.equal(true);
    await startGate({ language: 'ar' });
    await bannerButtons();
    expect(banner()!.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(part(banner(), 'banner')).direction).to.equal('rtl');
    const accept = part(banner(), 'accept-all').getBoundingClientRect();
    const reject = part(banner(), 'reject-all').getBoundingClientRect();
    expect(accept.x).to.be.greaterThan(reject.x);
    const text = part(banner(), 'text').getBoundingClientRect();
    expect(text.right).to.be.greaterThan(accept.right);
  });

  for (const language of ['ar', 'de']) {
    it(`is axe-clean in ${language}, banner and dialog`, async () => {
      const gate = await startGate({ language, policyUrl: '/privacy' });
      await bannerButtons();
      await Promise.all(
        part(banner(), 'banner')
          .getAnimations()
          .map((a) => a.finished),
      );
      expect(await axeViolations()).to.deep.equal([]);
      gate.showPreferences();
      const dialog = await waitFor(() => preferences()?.open && preferences(), 'the dialog to open');
      await dialog.updateComplete;
      expect(dialog.getAttribute('lang')).to.equal(language);
      expect(await axeViolations()).to.deep.equal([]);
      gate.hidePreferences();
    });
  }

  it('translates the built-in categories but keeps the site’s own labels', async () => {
    const gate = await startGate({
      language: 'de',
      categories: { necessary: { required: true }, analytics: { label: 'Besucherstatistik' } },
    });
    await bannerButtons();
    gate.showPreferences();
    const dialog = await waitFor(() => preferences()?.open && preferences(), 'the dialog to open');
    await dialog.updateComplete;
    const labels = [...dialog.shadowRoot!.querySelectorAll('.row > span')].map((s) => s.textContent!.trim());
    expect(labels[0]).to.not.equal('Necessary');
    expect(labels[1]).to.equal('Besucherstatistik');
    gate.hidePreferences();
  });
});

describe('gated-frame placeholders', () => {
  beforeEach(freshVisitor);

  it('speak the UI language, with the translated category label', async () => {
    const frame = document.createElement('iframe');
    frame.dataset.consent = 'marketing';
    frame.dataset.src = '/gating-server/embed.html';
    frame.title = 'Embedded video';
    document.querySelector('main')!.append(frame);
    try {
      await startGate({ language: 'fr', categories: { necessary: { required: true }, marketing: {} } });
      const button = await waitFor(
        () =>
          [...document.querySelectorAll<HTMLButtonElement>('[data-consent-placeholder] button')].find(
            (b) => !b.textContent!.startsWith('Allow'),
          ),
        'a French placeholder button',
        5000,
      );
      expect(button.textContent).to.equal('Autoriser « Publicité »');
      expect(document.querySelectorAll('[data-consent-placeholder]')).to.have.length(1);
    } finally {
      frame.remove();
    }
  });
});

describe('text overrides', () => {
  beforeEach(freshVisitor);

  it('a partial override changes one string and leaves the rest', async () => {
    await startGate({ texts: { en: { acceptAll: 'Yes, fine' } } });
    expect(await bannerButtons()).to.deep.equal(['Yes, fine', 'Reject all', 'Manage preferences']);
  });

  it('overrides a built-in translation key by key', async () => {
    await startGate({ language: 'de', texts: { de: { rejectAll: 'Nein danke' } } });
    expect(await bannerButtons()).to.deep.equal(['Alle akzeptieren', 'Nein danke', 'Einstellungen verwalten']);
  });

  it('reach the dialog, whose strings come with its code, over its translation', async () => {
    const gate = await startGate({ language: 'de', texts: { de: { save: 'Auswahl merken' } } });
    await bannerButtons();
    gate.showPreferences();
    const dialog = await waitFor(() => preferences()?.open && preferences(), 'the dialog to open');
    await dialog.updateComplete;
    expect(dialog.shadowRoot!.querySelector('h2')!.textContent!.trim()).to.equal('Cookie-Einstellungen');
    expect(part(dialog, 'save').textContent!.trim()).to.equal('Auswahl merken');
    expect(part(dialog, 'close').getAttribute('aria-label')).to.equal('Schließen');
    expect(part(dialog, 'accept-all').textContent!.trim()).to.equal('Alle akzeptieren');
    gate.hidePreferences();
  });

  it('declare the SDK’s own cookies in the UI language', async () => {
    const gate = await startGate({ language: 'de', collector: 'https://collector.invalid' });
    await bannerButtons();
    gate.showPreferences();
    const dialog = await waitFor(() => preferences()?.open && preferences(), 'the dialog to open');
    await dialog.updateComplete;
    const text = [...parts(dialog, 'declaration')].map((table) => table.textContent!.replace(/\s+/g, ' ')).join(' ');
    for (const expected of [
      'Diese Website',
      'Speichert Ihre Cookie-Auswahl',
      '182 Tage',
      'Erkennt wiederkehrende Besucher (Statistik)',
      '395 Tage',
      '30 Minuten',
    ]) {
      expect(text).to.contain(expected);
    }
    gate.hidePreferences();
  });

  it('renders a hostile value as text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    await startGate({ texts: { en: { bannerTitle: hostile, bannerText: `${hostile} [policy](javascript:alert(1))` } } });
    await bannerButtons();
    expect(part(banner(), 'title').textContent!.trim()).to.equal(hostile);
    expect(banner()!.shadowRoot!.querySelector('img')).to.equal(null);
    expect(banner()!.shadowRoot!.querySelector('a[href^="javascript"]')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('turns the inline link syntax into a real link', async () => {
    await startGate({ texts: { en: { bannerText: 'See our [privacy policy](/privacy).' } } });
    await bannerButtons();
    const link = part<HTMLAnchorElement>(banner(), 'link');
    expect(link.getAttribute('href')).to.equal('/privacy');
    expect(link.textContent).to.equal('privacy policy');
  });
});

describe('translation modules', () => {
  it('each holds exactly the English strings’ keys and the built-in categories’ labels and descriptions, as non-empty text', async () => {
    const { ENGLISH } = await import('../src/ui/english.ts');
    const { KNOWN_CATEGORIES } = await import('../src/core/config.ts');
    const { BUILT_IN_LANGUAGES } = await import('../src/ui/locale.ts');
    const expected = [
      ...Object.keys(ENGLISH),
      ...Object.keys(KNOWN_CATEGORIES).flatMap((name) => [`${name}Label`, `${name}Description`]),
    ].sort();
    for (const language of BUILT_IN_LANGUAGES.filter((l) => l !== 'en')) {
      const strings = ((await import(`../src/i18n/${language}.ts`)) as { default: Record<string, unknown> }).default;
      expect(Object.keys(strings).sort(), language).to.deep.equal(expected);
      for (const [key, value] of Object.entries(strings))
        expect(typeof value === 'string' && value.trim() !== '', `${language}.${key}`).to.equal(true);
      // Placeholders survive translation.
      for (const key of ['allowCategory', 'placeholderText']) expect(strings[key], `${language}.${key}`).to.contain('{category}');
    }
  });
});

describe('languages as modules (the ES module build)', () => {
  beforeEach(freshVisitor);

  it('importLanguage() gives a built-in language’s module, and nothing for any other name', async () => {
    const { importLanguage } = await import('../src/ui/language-modules.ts');
    const { default: german } = await import('../src/i18n/de.ts');
    expect(await importLanguage('de')).to.deep.equal(german);
    for (const name of ['en', 'xx', 'de-AT', 'constructor', '__proto__']) expect(await importLanguage(name), name).to.deep.equal({});
  });

  it('a ConsentGate takes its languages from loadLanguage, asked for the base language only', async () => {
    const { ConsentGate } = await import('../src/index.ts');
    const asked: string[] = [];
    const gate = new ConsentGate(
      { language: 'de-AT' },
      {
        loadLanguage: async (language) => (asked.push(language), { acceptAll: 'Jawohl', manage: 'Einstellungen' }),
        localesUrl: '/no-such-folder/',
      },
    );
    try {
      expect(await bannerButtons()).to.deep.equal(['Jawohl', 'Reject all', 'Einstellungen']);
      expect(asked).to.deep.equal(['de']);
      expect(banner()!.lang).to.equal('de');
    } finally {
      gate.destroy();
    }
  });
});
