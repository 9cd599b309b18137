/**
 * Spanish (español): every UI string, and the built-in categories' labels and descriptions.
 * @packageDocumentation
 */
import type { Translation } from '../ui/locale.js';

export default {
  bannerTitle: 'Respetamos su privacidad',
  bannerText:
    'Utilizamos cookies necesarias para el funcionamiento del sitio web. Con su consentimiento, también utilizamos herramientas de analítica que registran su dirección IP, su navegador, las páginas que visita y el momento de sus visitas. Si no da su consentimiento, podrá seguir utilizando todo el sitio web. Puede cambiar su elección en cualquier momento.',
  acceptAll: 'Aceptar todo',
  rejectAll: 'Rechazar todo',
  manage: 'Configurar',
  dialogTitle: 'Preferencias de cookies',
  dialogText:
    'Elija qué cookies podemos utilizar. Las cookies necesarias están siempre activas porque el sitio web no puede funcionar sin ellas.',
  save: 'Guardar preferencias',
  close: 'Cerrar',
  policyLink: 'Política de privacidad',
  alwaysOn: 'Siempre activas',
  cookiesUsed: 'Servicios y cookies',
  service: 'Servicio',
  provider: 'Proveedor',
  purpose: 'Finalidad',
  cookie: 'Cookie',
  browserStorage: 'Almacenamiento del navegador',
  duration: 'Duración',
  reopen: 'Configuración de cookies',
  allowCategory: 'Permitir «{category}»',
  placeholderText: 'Este contenido lo proporciona un tercero. Para mostrarlo, permita la categoría «{category}».',
  yourData: 'Sus datos',
  yourDataText: 'Consulte o elimine lo que nuestras estadísticas han registrado sobre este navegador.',
  downloadData: 'Descargar mis datos',
  deleteData: 'Eliminar mis datos',
  dataDeleted: 'Sus datos se han eliminado.',
  dataError: 'Se ha producido un error. Vuelva a intentarlo más tarde.',
  ownService: 'Este sitio web',
  consentCookiePurpose: 'Guarda su elección sobre las cookies',
  visitorCookiePurpose: 'Reconoce a un visitante que vuelve (analíticas)',
  visitCookiePurpose: 'Agrupa las páginas de una misma visita (analíticas)',
  necessaryLabel: 'Necesarias',
  necessaryDescription: 'Imprescindibles para que el sitio web funcione, por ejemplo, para recordar esta elección. Siempre activas.',
  preferencesLabel: 'Preferencias',
  preferencesDescription: 'Recuerdan ajustes como el idioma o la región.',
  analyticsLabel: 'Analíticas',
  analyticsDescription:
    'Cuentan las visitas y las páginas vistas, junto con su dirección IP, su navegador y la hora de sus visitas, para que podamos mejorar el sitio web.',
  marketingLabel: 'Publicidad',
  marketingDescription: 'Permiten a los socios publicitarios mostrar anuncios relevantes y medir su rendimiento.',
} satisfies Translation;
