// The consent tools under test and how each is configured on the shared page.
//
// Every tool: categories "necessary" (always on) + "analytics"; one gated
// analytics script (/analytics.js); Accept all / Reject all on the first layer;
// its library loaded from <head> with `defer` and configured by an inline
// script (a classic one before the library when the tool reads a global, an
// inline module after it when the config calls the library's API; inline
// modules run after deferred scripts, in document order).
//
// Selector paths: an array of CSS selectors; each one after the first is looked
// up in the open shadow root of the element found by the previous one.

const DESCRIPTION_NECESSARY = 'Remember your cookie choice and keep the site secure. Always on.';
const DESCRIPTION_ANALYTICS = 'Count visits and pages viewed with our own statistics tool, only if you agree.';
const V = '/vendor';

/** One tag per gated script, each on its own line of the page. */
const each = (scripts, tag) => scripts.map((src) => `    ${tag(src)}`).join('\n');

/** Cookies of the page's own scripts and of consent-gate's tracker: not part of a tool's stored choice. */
export const PAGE_COOKIES = /^(_stat|gated_\d|cg_vid|cg_visit)$/;

/** The page's scripts: by default the one gated analytics script; figure 5 adds three more and a tracker. */
export const DEFAULT_SCRIPTS = ['/analytics.js'];

/** The three gated scripts of figures 5 and 6 (`/gated/<n>.js`: each reports its run and writes a cookie). */
export const GATED_SCRIPTS = ['/gated/1.js', '/gated/2.js', '/gated/3.js'];

export const TOOLS = [
  {
    id: 'consent-gate',
    name: 'consent-gate',
    package: null, // this repository: dist/consent-gate.min.js
    fullFeatured: true,
    head: ({ collector }) => `    <script type="application/json" id="consent-gate-config">${JSON.stringify({
      categories: {
        necessary: { label: 'Necessary', required: true, description: DESCRIPTION_NECESSARY },
        analytics: {
          label: 'Analytics',
          description: DESCRIPTION_ANALYTICS,
          services: [{ name: 'Site statistics', provider: 'Nimbus Hosting', cookies: [{ name: '_stat', duration: '1 year' }] }],
        },
      },
    })}</script>
    <script src="/consent-gate.min.js" defer data-policy-url="/privacy"${collector ? ` data-collector="${collector}"` : ''}></script>`,
    bodyEnd: ({ scripts }) => each(scripts, (src) => `<script type="text/plain" data-consent="analytics" src="${src}"></script>`),
    // Its own tracker (data-collector) stands for the peers' gated tracker script (figure 5).
    ownTracker: true,
    settingsLink: 'data-consent-open',
    banner: ['consent-banner', '[part~="banner"]'],
    manage: ['consent-banner', '[part~="manage"]'],
    preferences: ['consent-preferences', 'dialog[open]'],
    acceptAll: ['consent-banner', '[part~="accept-all"]'],
    rejectAll: ['consent-banner', '[part~="reject-all"]'],
    manageHow: 'banner button "Manage preferences" (`consent-banner` shadow root `[part~=manage]`) → `<dialog>` in `consent-preferences`',
    deviations: [],
  },
  {
    id: 'vanilla-cookieconsent',
    name: 'vanilla-cookieconsent',
    package: 'vanilla-cookieconsent',
    fullFeatured: true,
    head: () => `    <link rel="stylesheet" href="${V}/vanilla-cookieconsent/dist/cookieconsent.css" />
    <script defer src="${V}/vanilla-cookieconsent/dist/cookieconsent.umd.js"></script>
    <script type="module">
      CookieConsent.run({
        hideFromBots: false,
        guiOptions: {
          consentModal: { layout: 'bar inline', position: 'bottom', equalWeightButtons: true },
          preferencesModal: { layout: 'box', equalWeightButtons: true },
        },
        categories: {
          necessary: { enabled: true, readOnly: true },
          analytics: { autoClear: { cookies: [{ name: '_stat' }] } },
        },
        language: {
          default: 'en',
          translations: {
            en: {
              consentModal: {
                title: 'We value your privacy',
                description: 'We use cookies that the site needs to work. With your consent we also use analytics. <a href="/privacy">Privacy policy</a>',
                acceptAllBtn: 'Accept all',
                acceptNecessaryBtn: 'Reject all',
                showPreferencesBtn: 'Manage preferences',
              },
              preferencesModal: {
                title: 'Cookie preferences',
                acceptAllBtn: 'Accept all',
                acceptNecessaryBtn: 'Reject all',
                savePreferencesBtn: 'Save preferences',
                closeIconLabel: 'Close',
                sections: [
                  { title: 'Necessary', description: ${JSON.stringify(DESCRIPTION_NECESSARY)}, linkedCategory: 'necessary' },
                  { title: 'Analytics', description: ${JSON.stringify(DESCRIPTION_ANALYTICS)}, linkedCategory: 'analytics' },
                ],
              },
            },
          },
        },
      });
    </script>`,
    bodyEnd: ({ scripts }) => each(scripts, (src) => `<script type="text/plain" data-category="analytics" src="${src}"></script>`),
    settingsLink: 'data-cc="show-preferencesModal"',
    banner: ['#cc-main .cm'],
    manage: ['#cc-main .cm [data-role="show"]'],
    preferences: ['#cc-main .pm'],
    acceptAll: ['#cc-main .cm [data-role="all"]'],
    rejectAll: ['#cc-main .cm [data-role="necessary"]'],
    manageHow: 'banner button "Manage preferences" (`.cm [data-role=show]`) → `.pm` preferences modal',
    deviations: [
      '`hideFromBots: false`: by default it shows nothing to automated browsers (navigator.webdriver), headless Chromium included.',
      "UMD build (`dist/cookieconsent.umd.js`) + `dist/cookieconsent.css`; the library needs every UI string in the config (English texts given, mirroring consent-gate's).",
    ],
  },
  {
    id: 'orejime',
    name: 'orejime',
    package: 'orejime',
    fullFeatured: true,
    head: () => `    <script>
      window.orejimeConfig = {
        privacyPolicyUrl: '/privacy',
        purposes: [
          { id: 'necessary', title: 'Necessary', description: ${JSON.stringify(DESCRIPTION_NECESSARY)}, cookies: ['orejime'], isMandatory: true },
          { id: 'analytics', title: 'Analytics', description: ${JSON.stringify(DESCRIPTION_ANALYTICS)}, cookies: ['_stat'] },
        ],
      };
    </script>
    <link rel="stylesheet" href="${V}/orejime/dist/orejime-standard.css" />
    <script defer src="${V}/orejime/dist/orejime-standard-en.js"></script>`,
    bodyEnd: ({ scripts }) => each(scripts, (src) => `<template data-purpose="analytics"><script src="${src}"></script></template>`),
    settingsLink: 'onclick="window.orejime && window.orejime.prompt(); return false"',
    banner: ['.orejime-Banner'],
    manage: ['.orejime-Banner [data-testid="orejime-banner-configure"]'],
    preferences: ['.orejime-Modal'],
    acceptAll: ['.orejime-Banner [data-testid="orejime-banner-accept"]'],
    rejectAll: ['.orejime-Banner [data-testid="orejime-banner-decline"]'],
    manageHow: 'banner button "Configure" (`[data-testid=orejime-banner-configure]`) → `.orejime-Modal`',
    deviations: [
      '"standard" theme, English build (`orejime-standard-en.js` + `orejime-standard.css`); default texts and position (box at the bottom right): first layer "Accept" / "Decline" / "Configure".',
      'Gated script wrapped in `<template data-purpose="analytics">` as Orejime 3 requires.',
    ],
  },
  {
    id: 'klaro',
    name: 'klaro',
    package: 'klaro',
    fullFeatured: true,
    head: () => `    <script>
      var klaroConfig = {
        version: 1,
        elementID: 'klaro',
        storageMethod: 'cookie',
        cookieName: 'klaro',
        default: false,
        mustConsent: false,
        acceptAll: true,
        hideDeclineAll: false,
        hideLearnMore: false,
        noticeAsModal: false,
        groupByPurpose: true,
        translations: {
          zz: { privacyPolicyUrl: '/privacy' },
          en: { purposes: { necessary: 'Necessary', analytics: 'Analytics' } },
        },
        services: [
          { name: 'consent', title: 'Consent cookie', description: ${JSON.stringify(DESCRIPTION_NECESSARY)}, purposes: ['necessary'], required: true, cookies: ['klaro'] },
          { name: 'analytics', title: 'Site statistics', description: ${JSON.stringify(DESCRIPTION_ANALYTICS)}, purposes: ['analytics'], cookies: ['_stat'] },
        ],
      };
    </script>
    <script defer data-config="klaroConfig" src="${V}/klaro/dist/klaro.js"></script>`,
    bodyEnd: ({ scripts }) =>
      each(
        scripts,
        (src) => `<script type="text/plain" data-type="application/javascript" data-name="analytics" data-src="${src}"></script>`,
      ),
    settingsLink: 'onclick="window.klaro && window.klaro.show(); return false"',
    banner: ['.klaro .cookie-notice:not(.cookie-notice-hidden)'],
    manage: ['.klaro .cookie-notice .cn-learn-more'],
    preferences: ['.klaro .cookie-modal .cm-modal'],
    acceptAll: ['.klaro .cookie-notice .cm-btn-success'],
    rejectAll: ['.klaro .cookie-notice .cn-decline'],
    manageHow: 'banner link "Let me choose" (`.cn-learn-more`) → `.cookie-modal`',
    deviations: [
      'Documented default build `dist/klaro.js` (CSS and all translations bundled; `klaro-no-translations.js` is the same size within 0.1 kB).',
      'Necessary category = one `required: true` service under purpose "necessary"; klaro groups services by purpose.',
      'Default texts and position (box at the bottom right): first layer "That\'s ok" / "I decline" / "Let me choose".',
    ],
  },
  {
    id: 'tarteaucitron',
    name: 'tarteaucitronjs',
    package: 'tarteaucitronjs',
    fullFeatured: true,
    head: ({ scripts }) => `    <script defer src="${V}/tarteaucitronjs/tarteaucitron.min.js"></script>
    <script type="module">
      tarteaucitron.services.benchstats = {
        key: 'benchstats',
        type: 'analytic',
        name: 'Site statistics',
        needConsent: true,
        cookies: ['_stat'],
        js: function () { ${scripts.map((src) => `tarteaucitron.addScript('${src}');`).join(' ')} },
        fallback: function () {},
      };
      tarteaucitron.init({
        privacyUrl: '/privacy',
        bodyPosition: 'bottom',
        hashtag: '#tarteaucitron',
        cookieName: 'tarteaucitron',
        orientation: 'bottom',
        groupServices: false,
        showDetailsOnClick: true,
        serviceDefaultState: 'wait',
        showAlertSmall: false,
        cookieslist: false,
        showIcon: false,
        adblocker: false,
        DenyAllCta: true,
        AcceptAllCta: true,
        highPrivacy: true,
        alwaysNeedConsent: false,
        handleBrowserDNTRequest: false,
        removeCredit: true,
        moreInfoLink: true,
        useExternalCss: false,
        useExternalJs: false,
        mandatory: true,
        mandatoryCta: true,
        googleConsentMode: false,
        bingConsentMode: false,
        pianoConsentMode: false,
        partnersList: false,
      });
      (tarteaucitron.job = tarteaucitron.job || []).push('benchstats');
    </script>`,
    bodyEnd: () => '',
    settingsLink: 'onclick="window.tarteaucitron && tarteaucitron.userInterface.openPanel(); return false"',
    banner: ['#tarteaucitronAlertBig'],
    manage: ['#tarteaucitronAlertBig #tarteaucitronCloseAlert'],
    preferences: ['#tarteaucitron'],
    acceptAll: ['#tarteaucitronAlertBig #tarteaucitronPersonalize2'],
    rejectAll: ['#tarteaucitronAlertBig #tarteaucitronAllDenied2'],
    manageHow: 'banner button "Customize" (`#tarteaucitronCloseAlert`) → `#tarteaucitron` panel',
    deviations: [
      'No categories of its own: consent is per service; the analytics script is a custom service of type "analytic" whose `js()` adds /analytics.js (no tag in the page). "Necessary" is its own consent cookie (`mandatory: true` shows the notice about it).',
      'Minified build `tarteaucitron.min.js`; as documented (`useExternalJs/useExternalCss: false`) it then loads its language file, `tarteaucitron.services.min.js` (its built-in catalogue of ~300 services) and its CSS itself.',
      'It waits for the window `load` event before showing the banner.',
    ],
  },
  {
    id: 'cookieconsent',
    name: 'cookieconsent (Osano)',
    package: 'cookieconsent',
    // One allow/deny, no categories, no preferences layer, no gating of its own:
    // shown for reference, not one of the full-featured peers the targets compare with.
    fullFeatured: false,
    head: ({ scripts }) => `    <link rel="stylesheet" href="${V}/cookieconsent/build/cookieconsent.min.css" />
    <script defer src="${V}/cookieconsent/build/cookieconsent.min.js"></script>
    <script type="module">
      var loaded = false;
      function loadAnalytics() {
        if (loaded) return;
        loaded = true;
        ${JSON.stringify(scripts)}.forEach(function (src) {
          var script = document.createElement('script');
          script.src = src;
          script.async = false;
          document.body.appendChild(script);
        });
      }
      window.cookieconsent.initialise({
        type: 'opt-in',
        position: 'bottom',
        content: {
          message: 'We use cookies that the site needs to work. With your consent we also use analytics.',
          allow: 'Accept all',
          deny: 'Reject all',
          link: 'Privacy policy',
          href: '/privacy',
        },
        onInitialise: function (status) { if (status === 'allow') loadAnalytics(); },
        onStatusChange: function (status) { if (status === 'allow') loadAnalytics(); },
      });
    </script>`,
    bodyEnd: () => '',
    settingsLink: '',
    banner: ['.cc-window:not(.cc-invisible)'],
    manage: null,
    preferences: null,
    acceptAll: ['.cc-window .cc-allow'],
    rejectAll: ['.cc-window .cc-deny'],
    manageHow: 'none: no second layer (after a choice only a "revoke" tab that re-opens the same banner)',
    deviations: [
      'No categories and no preferences layer: one allow/deny for the whole site (`type: "opt-in"`), so there is no "necessary + analytics" split and no second-layer axe run.',
      'No script gating: the page loads /analytics.js itself from `onInitialise`/`onStatusChange` when the status is "allow".',
      'The "Cookie settings" footer link does nothing (the tool offers only its revoke tab).',
    ],
  },
];

/**
 * The page without any consent tool. On a first visit its scripts are there but inert
 * (`type="text/plain"`), as they are before consent with every tool: until issue #24 they ran,
 * parser-blocking at the end of the body, which held up the no-tool page's first paint and made
 * every tool's Δ FCP look smaller. On a returning visit (`run: true`) they run, as with consent.
 */
export const BASELINE = {
  id: 'baseline',
  name: 'no tool (baseline)',
  package: null,
  fullFeatured: false,
  head: () => '',
  bodyEnd: ({ scripts, run = false }) => each(scripts, (src) => `<script${run ? '' : ' type="text/plain"'} src="${src}"></script>`),
  settingsLink: '',
  banner: null,
  manage: null,
  preferences: null,
  manageHow: '',
  deviations: [
    'No consent tool. First visit: the page as it is before consent, its analytics script inert. Returning visit (figure 6): the three scripts run ungated, as they do with consent.',
  ],
};
