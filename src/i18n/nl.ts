/**
 * Dutch (Nederlands): every UI string, and the built-in categories' labels and descriptions.
 * @packageDocumentation
 */
import type { Translation } from '../ui/locale.js';

export default {
  bannerTitle: 'Wij respecteren uw privacy',
  bannerText:
    "Wij gebruiken cookies die nodig zijn om de website te laten werken. Met uw toestemming gebruiken wij ook analysediensten, die uw IP-adres, uw browser, de pagina's die u bekijkt en het tijdstip van uw bezoek vastleggen. U kunt weigeren en toch de hele website gebruiken, en uw keuze op elk moment wijzigen.",
  acceptAll: 'Alles accepteren',
  rejectAll: 'Alles weigeren',
  manage: 'Voorkeuren beheren',
  dialogTitle: 'Cookievoorkeuren',
  dialogText:
    'Kies welke cookies wij mogen gebruiken. Noodzakelijke cookies staan altijd aan, omdat de website zonder deze cookies niet werkt.',
  save: 'Voorkeuren opslaan',
  close: 'Sluiten',
  policyLink: 'Privacyverklaring',
  alwaysOn: 'Altijd actief',
  cookiesUsed: 'Diensten en cookies',
  service: 'Dienst',
  provider: 'Aanbieder',
  purpose: 'Doel',
  cookie: 'Cookie',
  browserStorage: 'Browseropslag',
  duration: 'Bewaartermijn',
  reopen: 'Cookie-instellingen',
  allowCategory: '{category} toestaan',
  placeholderText: 'Deze inhoud wordt aangeboden door een derde partij. Sta de categorie ‘{category}’ toe om deze te bekijken.',
  yourData: 'Uw gegevens',
  yourDataText: 'Bekijk of verwijder wat onze statistieken over deze browser hebben vastgelegd.',
  downloadData: 'Mijn gegevens downloaden',
  deleteData: 'Mijn gegevens verwijderen',
  dataDeleted: 'Uw gegevens zijn verwijderd.',
  dataError: 'Dat is niet gelukt. Probeer het later opnieuw.',
  ownService: 'Deze website',
  consentCookiePurpose: 'Onthoudt uw cookiekeuze',
  visitorCookiePurpose: 'Herkent een terugkerende bezoeker (statistieken)',
  visitCookiePurpose: "Groepeert de pagina's van één bezoek (statistieken)",
  necessaryLabel: 'Noodzakelijk',
  necessaryDescription: 'Nodig om de website te laten werken, bijvoorbeeld om deze keuze te onthouden. Altijd actief.',
  preferencesLabel: 'Voorkeuren',
  preferencesDescription: 'Onthouden instellingen zoals taal of regio.',
  analyticsLabel: 'Statistieken',
  analyticsDescription:
    "Tellen bezoeken en bekeken pagina's, met uw IP-adres, browser en bezoektijden, zodat wij de website kunnen verbeteren.",
  marketingLabel: 'Marketing',
  marketingDescription: 'Laten advertentiepartners relevante advertenties tonen en de resultaten daarvan meten.',
} satisfies Translation;
