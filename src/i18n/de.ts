/**
 * German (Deutsch): every UI string, and the built-in categories' labels and descriptions.
 * @packageDocumentation
 */
import type { Translation } from '../ui/locale.js';

export default {
  bannerTitle: 'Ihre Privatsphäre ist uns wichtig',
  bannerText:
    'Wir verwenden Cookies, die für den Betrieb der Website erforderlich sind. Mit Ihrer Einwilligung setzen wir außerdem Analysedienste ein, die Ihre IP-Adresse, Ihren Browser, die aufgerufenen Seiten und den Zeitpunkt Ihrer Besuche erfassen. Sie können ablehnen und die gesamte Website trotzdem nutzen und Ihre Auswahl jederzeit ändern.',
  acceptAll: 'Alle akzeptieren',
  rejectAll: 'Alle ablehnen',
  manage: 'Einstellungen verwalten',
  dialogTitle: 'Cookie-Einstellungen',
  dialogText:
    'Wählen Sie aus, welche Cookies wir verwenden dürfen. Notwendige Cookies sind immer aktiv, da die Website ohne sie nicht funktioniert.',
  save: 'Auswahl speichern',
  close: 'Schließen',
  policyLink: 'Datenschutzerklärung',
  alwaysOn: 'Immer aktiv',
  cookiesUsed: 'Dienste und Cookies',
  service: 'Dienst',
  provider: 'Anbieter',
  purpose: 'Zweck',
  cookie: 'Cookie',
  browserStorage: 'Browser-Speicher',
  duration: 'Speicherdauer',
  reopen: 'Cookie-Einstellungen',
  allowCategory: '{category} zulassen',
  placeholderText:
    'Dieser Inhalt wird von einem Drittanbieter bereitgestellt. Um ihn anzuzeigen, lassen Sie bitte die Kategorie „{category}“ zu.',
  yourData: 'Ihre Daten',
  yourDataText: 'Hier können Sie einsehen oder löschen, was unsere Statistik über diesen Browser erfasst hat.',
  downloadData: 'Meine Daten herunterladen',
  deleteData: 'Meine Daten löschen',
  dataDeleted: 'Ihre Daten wurden gelöscht.',
  dataError: 'Das hat leider nicht funktioniert. Bitte versuchen Sie es später erneut.',
  ownService: 'Diese Website',
  consentCookiePurpose: 'Speichert Ihre Cookie-Auswahl',
  visitorCookiePurpose: 'Erkennt wiederkehrende Besucher (Statistik)',
  visitCookiePurpose: 'Fasst die Seiten eines Besuchs zusammen (Statistik)',
  necessaryLabel: 'Notwendig',
  necessaryDescription: 'Erforderlich für den Betrieb der Website, etwa um diese Auswahl zu speichern. Immer aktiv.',
  preferencesLabel: 'Präferenzen',
  preferencesDescription: 'Speichern Einstellungen wie Sprache oder Region.',
  analyticsLabel: 'Statistik',
  analyticsDescription:
    'Zählen Besuche und aufgerufene Seiten mit Ihrer IP-Adresse, Ihrem Browser und den Besuchszeiten, damit wir die Website verbessern können.',
  marketingLabel: 'Marketing',
  marketingDescription: 'Ermöglichen es Werbepartnern, Ihnen relevante Werbung anzuzeigen und deren Erfolg zu messen.',
} satisfies Translation;
