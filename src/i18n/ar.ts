/**
 * Arabic (العربية), written right to left: every UI string, and the built-in categories' labels and descriptions.
 * @packageDocumentation
 */
import type { Translation } from '../ui/locale.js';

export default {
  bannerTitle: 'نحن نحترم خصوصيتك',
  bannerText:
    'نستخدم ملفات تعريف الارتباط الضرورية لعمل الموقع. وبموافقتك، نستخدم أيضًا أدوات تحليلية تسجّل عنوان IP الخاص بك ومتصفحك والصفحات التي تشاهدها وأوقات زياراتك. يمكنك الرفض مع الاستمرار في استخدام الموقع بالكامل، كما يمكنك تغيير اختيارك في أي وقت.',
  acceptAll: 'قبول الكل',
  rejectAll: 'رفض الكل',
  manage: 'إدارة التفضيلات',
  dialogTitle: 'تفضيلات ملفات تعريف الارتباط',
  dialogText:
    'اختر ملفات تعريف الارتباط التي يمكننا استخدامها. ملفات تعريف الارتباط الضرورية مفعّلة دائمًا لأن الموقع لا يمكن أن يعمل بدونها.',
  save: 'حفظ التفضيلات',
  close: 'إغلاق',
  policyLink: 'سياسة الخصوصية',
  alwaysOn: 'مفعّلة دائمًا',
  cookiesUsed: 'الخدمات وملفات تعريف الارتباط',
  service: 'الخدمة',
  provider: 'المزوّد',
  purpose: 'الغرض',
  cookie: 'ملف تعريف الارتباط',
  browserStorage: 'تخزين المتصفح',
  duration: 'المدة',
  reopen: 'إعدادات ملفات تعريف الارتباط',
  allowCategory: 'قبول {category}',
  placeholderText: 'هذا المحتوى مقدَّم من طرف ثالث. لعرضه، اسمح بفئة «{category}».',
  yourData: 'بياناتك',
  yourDataText: 'اطّلع على ما سجّلته إحصاءاتنا عن هذا المتصفح أو احذفه.',
  downloadData: 'تنزيل بياناتي',
  deleteData: 'حذف بياناتي',
  dataDeleted: 'تم حذف بياناتك.',
  dataError: 'تعذّر إتمام العملية. يُرجى المحاولة مرة أخرى لاحقًا.',
  ownService: 'هذا الموقع',
  consentCookiePurpose: 'يحفظ اختيارك بشأن ملفات تعريف الارتباط',
  visitorCookiePurpose: 'يتعرّف على الزائر العائد (التحليلات)',
  visitCookiePurpose: 'يجمع صفحات الزيارة الواحدة (التحليلات)',
  necessaryLabel: 'الضرورية',
  necessaryDescription: 'ضرورية لعمل الموقع، مثل تذكّر هذا الاختيار. مفعّلة دائمًا.',
  preferencesLabel: 'التفضيلات',
  preferencesDescription: 'تتذكّر إعدادات مثل اللغة أو المنطقة.',
  analyticsLabel: 'التحليلات',
  analyticsDescription: 'تحصي الزيارات والصفحات التي تمت مشاهدتها، مع عنوان IP الخاص بك ومتصفحك وأوقات الزيارة، حتى نتمكن من تحسين الموقع.',
  marketingLabel: 'التسويق',
  marketingDescription: 'تتيح لشركاء الإعلانات عرض إعلانات ملائمة وقياس أدائها.',
} satisfies Translation;
