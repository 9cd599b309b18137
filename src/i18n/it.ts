/**
 * Italian (italiano): every UI string, and the built-in categories' labels and descriptions.
 * @packageDocumentation
 */
import type { Translation } from '../ui/locale.js';

export default {
  bannerTitle: 'Rispettiamo la tua privacy',
  bannerText:
    "Utilizziamo i cookie necessari al funzionamento del sito. Con il tuo consenso utilizziamo anche strumenti di analisi che registrano il tuo indirizzo IP, il browser, le pagine che visiti e il momento delle tue visite. Puoi rifiutare e continuare comunque a usare l'intero sito, e modificare la tua scelta in qualsiasi momento.",
  acceptAll: 'Accetta tutti',
  rejectAll: 'Rifiuta tutti',
  manage: 'Gestisci preferenze',
  dialogTitle: 'Preferenze sui cookie',
  dialogText:
    'Scegli quali cookie possiamo utilizzare. I cookie necessari sono sempre attivi perché senza di essi il sito non può funzionare.',
  save: 'Salva preferenze',
  close: 'Chiudi',
  policyLink: 'Informativa sulla privacy',
  alwaysOn: 'Sempre attivi',
  cookiesUsed: 'Servizi e cookie',
  service: 'Servizio',
  provider: 'Fornitore',
  purpose: 'Finalità',
  cookie: 'Cookie',
  browserStorage: 'Memoria del browser',
  duration: 'Durata',
  reopen: 'Impostazioni cookie',
  allowCategory: 'Consenti «{category}»',
  placeholderText: 'Questo contenuto è fornito da terze parti. Per visualizzarlo, consenti la categoria «{category}».',
  yourData: 'I tuoi dati',
  yourDataText: 'Visualizza o elimina i dati che le nostre statistiche hanno registrato su questo browser.',
  downloadData: 'Scarica i miei dati',
  deleteData: 'Elimina i miei dati',
  dataDeleted: 'I tuoi dati sono stati eliminati.',
  dataError: 'Si è verificato un errore. Riprova più tardi.',
  ownService: 'Questo sito',
  consentCookiePurpose: 'Memorizza la tua scelta sui cookie',
  visitorCookiePurpose: 'Riconosce un visitatore di ritorno (statistiche)',
  visitCookiePurpose: 'Raggruppa le pagine di una stessa visita (statistiche)',
  necessaryLabel: 'Necessari',
  necessaryDescription: 'Indispensabili per il funzionamento del sito, ad esempio per ricordare questa scelta. Sempre attivi.',
  preferencesLabel: 'Preferenze',
  preferencesDescription: 'Ricordano impostazioni come la lingua o la regione.',
  analyticsLabel: 'Statistiche',
  analyticsDescription:
    'Contano le visite e le pagine visualizzate, insieme al tuo indirizzo IP, al browser e agli orari di visita, per aiutarci a migliorare il sito.',
  marketingLabel: 'Marketing',
  marketingDescription: "Consentono ai partner pubblicitari di mostrare annunci pertinenti e di misurarne l'efficacia.",
} satisfies Translation;
