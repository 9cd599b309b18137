/**
 * French (français): every UI string, and the built-in categories' labels and descriptions.
 * @packageDocumentation
 */
import type { Translation } from '../ui/locale.js';

export default {
  bannerTitle: 'Nous respectons votre vie privée',
  bannerText:
    "Nous utilisons des cookies nécessaires au fonctionnement du site. Avec votre consentement, nous utilisons également des outils de mesure d'audience qui enregistrent votre adresse IP, votre navigateur, les pages que vous consultez ainsi que la date et l'heure de vos visites. Vous pouvez refuser tout en continuant à utiliser l'ensemble du site, et modifier votre choix à tout moment.",
  acceptAll: 'Tout accepter',
  rejectAll: 'Tout refuser',
  manage: 'Personnaliser',
  dialogTitle: 'Préférences en matière de cookies',
  dialogText:
    'Choisissez les cookies que nous pouvons utiliser. Les cookies nécessaires sont toujours actifs, car le site ne peut pas fonctionner sans eux.',
  save: 'Enregistrer mes choix',
  close: 'Fermer',
  policyLink: 'Politique de confidentialité',
  alwaysOn: 'Toujours actifs',
  cookiesUsed: 'Services et cookies',
  service: 'Service',
  provider: 'Fournisseur',
  purpose: 'Finalité',
  cookie: 'Cookie',
  browserStorage: 'Stockage du navigateur',
  duration: 'Durée',
  reopen: 'Gérer les cookies',
  allowCategory: 'Autoriser « {category} »',
  placeholderText: "Ce contenu est fourni par un tiers. Pour l'afficher, autorisez la catégorie « {category} ».",
  yourData: 'Vos données',
  yourDataText: 'Consultez ou supprimez les données que nos statistiques ont enregistrées concernant ce navigateur.',
  downloadData: 'Télécharger mes données',
  deleteData: 'Supprimer mes données',
  dataDeleted: 'Vos données ont été supprimées.',
  dataError: 'Une erreur est survenue. Veuillez réessayer plus tard.',
  ownService: 'Ce site',
  consentCookiePurpose: 'Enregistre votre choix concernant les cookies',
  visitorCookiePurpose: "Reconnaît un visiteur qui revient (mesure d'audience)",
  visitCookiePurpose: "Regroupe les pages d'une même visite (mesure d'audience)",
  necessaryLabel: 'Nécessaires',
  necessaryDescription: 'Indispensables au fonctionnement du site, par exemple pour mémoriser ce choix. Toujours actifs.',
  preferencesLabel: 'Préférences',
  preferencesDescription: 'Mémorisent vos réglages, comme la langue ou la région.',
  analyticsLabel: "Mesure d'audience",
  analyticsDescription:
    'Comptent les visites et les pages consultées, avec votre adresse IP, votre navigateur et les heures de visite, afin que nous puissions améliorer le site.',
  marketingLabel: 'Publicité',
  marketingDescription: "Permettent à nos partenaires publicitaires d'afficher des publicités pertinentes et d'en mesurer l'efficacité.",
} satisfies Translation;
