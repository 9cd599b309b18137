/**
 * Portuguese (português): every UI string, and the built-in categories' labels and descriptions.
 * @packageDocumentation
 */
import type { Translation } from '../ui/locale.js';

export default {
  bannerTitle: 'Respeitamos a sua privacidade',
  bannerText:
    'Utilizamos cookies necessários ao funcionamento do site. Com o seu consentimento, utilizamos também ferramentas de análise que armazenam o seu endereço IP, o seu navegador, as páginas que visita e o momento das suas visitas. Pode recusar sem deixar de utilizar todo o site e alterar a sua escolha a qualquer momento.',
  acceptAll: 'Aceitar tudo',
  rejectAll: 'Rejeitar tudo',
  manage: 'Personalizar',
  dialogTitle: 'Preferências de cookies',
  dialogText: 'Escolha os cookies que podemos utilizar. Os cookies necessários estão sempre ativos porque o site não funciona sem eles.',
  save: 'Confirmar escolhas',
  close: 'Fechar',
  policyLink: 'Política de privacidade',
  alwaysOn: 'Sempre ativos',
  cookiesUsed: 'Serviços e cookies',
  service: 'Serviço',
  provider: 'Fornecedor',
  purpose: 'Finalidade',
  cookie: 'Cookie',
  browserStorage: 'Armazenamento do navegador',
  duration: 'Duração',
  reopen: 'Preferências de cookies',
  allowCategory: 'Permitir “{category}”',
  placeholderText: 'Este conteúdo é fornecido por terceiros e só é apresentado se permitir a categoria “{category}”.',
  yourData: 'Os seus dados',
  yourDataText: 'Consulte ou apague os dados que as nossas estatísticas guardaram sobre este navegador.',
  downloadData: 'Exportar os meus dados',
  deleteData: 'Apagar os meus dados',
  dataDeleted: 'Os seus dados foram apagados.',
  dataError: 'Ocorreu um erro. Tente novamente mais tarde.',
  ownService: 'Este site',
  consentCookiePurpose: 'Guarda a sua escolha sobre cookies',
  visitorCookiePurpose: 'Reconhece um visitante que regressa (estatísticas)',
  visitCookiePurpose: 'Agrupa as páginas de uma mesma visita (estatísticas)',
  necessaryLabel: 'Necessários',
  necessaryDescription: 'Indispensáveis ao funcionamento do site, por exemplo para memorizar esta escolha. Sempre ativos.',
  preferencesLabel: 'Preferências',
  preferencesDescription: 'Memorizam opções como o idioma ou a região.',
  analyticsLabel: 'Estatísticas',
  analyticsDescription:
    'Contam as visitas e as páginas vistas, com o seu endereço IP, navegador e horários de visita, para podermos melhorar o site.',
  marketingLabel: 'Marketing',
  marketingDescription: 'Permitem que parceiros de publicidade mostrem anúncios relevantes e meçam a sua eficácia.',
} satisfies Translation;
