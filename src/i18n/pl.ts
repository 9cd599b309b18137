/**
 * Polish (polski): every UI string, and the built-in categories' labels and descriptions.
 * @packageDocumentation
 */
import type { Translation } from '../ui/locale.js';

export default {
  bannerTitle: 'Prywatność jest dla nas ważna',
  bannerText:
    'Używamy plików cookie niezbędnych do działania witryny. Za Państwa zgodą korzystamy również z narzędzi analitycznych, które rejestrują Państwa adres IP, przeglądarkę, odwiedzane podstrony oraz czas wizyt. Mogą Państwo odmówić i nadal korzystać z całej witryny, a swój wybór zmienić w dowolnym momencie.',
  acceptAll: 'Akceptuj wszystkie',
  rejectAll: 'Odrzuć wszystkie',
  manage: 'Dostosuj',
  dialogTitle: 'Ustawienia plików cookie',
  dialogText:
    'Prosimy wybrać, których plików cookie możemy używać. Niezbędne pliki cookie są zawsze włączone, ponieważ bez nich witryna nie może działać.',
  save: 'Zapisz ustawienia',
  close: 'Zamknij',
  policyLink: 'Polityka prywatności',
  alwaysOn: 'Zawsze włączone',
  cookiesUsed: 'Usługi i pliki cookie',
  service: 'Usługa',
  provider: 'Dostawca',
  purpose: 'Cel',
  cookie: 'Plik cookie',
  browserStorage: 'Pamięć przeglądarki',
  duration: 'Okres przechowywania',
  reopen: 'Ustawienia plików cookie',
  allowCategory: 'Zezwól: {category}',
  placeholderText: 'Ta treść pochodzi od podmiotu zewnętrznego. Aby ją wyświetlić, należy włączyć kategorię „{category}”.',
  yourData: 'Państwa dane',
  yourDataText: 'Można tu przejrzeć lub usunąć dane, które nasze statystyki zapisały na temat tej przeglądarki.',
  downloadData: 'Pobierz moje dane',
  deleteData: 'Usuń moje dane',
  dataDeleted: 'Dane zostały usunięte.',
  dataError: 'Nie udało się. Prosimy spróbować ponownie później.',
  ownService: 'Ta witryna',
  consentCookiePurpose: 'Zapamiętuje wybór dotyczący plików cookie',
  visitorCookiePurpose: 'Rozpoznaje powracających odwiedzających (statystyka)',
  visitCookiePurpose: 'Grupuje strony odwiedzone podczas jednej wizyty (statystyka)',
  necessaryLabel: 'Niezbędne',
  necessaryDescription: 'Potrzebne do działania witryny, np. do zapamiętania tego wyboru. Zawsze włączone.',
  preferencesLabel: 'Preferencje',
  preferencesDescription: 'Zapamiętują ustawienia, takie jak język lub region.',
  analyticsLabel: 'Statystyka',
  analyticsDescription:
    'Zliczają wizyty i wyświetlone podstrony wraz z Państwa adresem IP, przeglądarką i czasem wizyt, abyśmy mogli ulepszać witrynę.',
  marketingLabel: 'Marketing',
  marketingDescription: 'Umożliwiają partnerom reklamowym wyświetlanie trafnych reklam i mierzenie ich skuteczności.',
} satisfies Translation;
