/**
 * The English strings only the preferences dialog shows. They travel with the
 * dialog's code, so the first paint does not carry them.
 * @packageDocumentation
 */

/** The dialog's own strings (it also uses `acceptAll`, `rejectAll` and `policyLink` of the banner's). */
export const DIALOG_ENGLISH = {
  dialogTitle: 'Cookie preferences',
  dialogText: 'Choose which cookies we may use. Necessary cookies are always on because the site cannot work without them.',
  save: 'Save preferences',
  close: 'Close',
  alwaysOn: 'Always on',
  cookiesUsed: 'Services and cookies',
  service: 'Service',
  provider: 'Provider',
  purpose: 'Purpose',
  cookie: 'Cookie',
  browserStorage: 'Browser storage',
  duration: 'Duration',
  yourData: 'Your data',
  yourDataText: 'See or delete what our statistics recorded about this browser.',
  downloadData: 'Download my data',
  deleteData: 'Delete my data',
  dataDeleted: 'Your data was deleted.',
  dataError: 'That did not work. Please try again later.',
  ownService: 'This website',
  consentCookiePurpose: 'Remembers your cookie choice',
  visitorCookiePurpose: 'Recognises a returning visitor (statistics)',
  visitCookiePurpose: 'Groups the pages of one visit (statistics)',
};
