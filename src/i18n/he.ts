/**
 * Hebrew (עברית), written right to left: every UI string, and the built-in categories' labels and descriptions.
 * @packageDocumentation
 */
import type { Translation } from '../ui/locale.js';

export default {
  bannerTitle: 'הפרטיות שלך חשובה לנו',
  bannerText:
    'אנו משתמשים בעוגיות הנחוצות לפעולת האתר. בהסכמתך נשתמש גם בכלי אנליטיקה, שמתעדים את כתובת ה-IP שלך, את הדפדפן, את הדפים שבהם ביקרת ואת מועדי הביקור. ניתן לסרב ועדיין להשתמש באתר כולו, ולשנות את הבחירה בכל עת.',
  acceptAll: 'אישור הכול',
  rejectAll: 'דחיית הכול',
  manage: 'ניהול העדפות',
  dialogTitle: 'העדפות עוגיות',
  dialogText: 'ניתן לבחור באילו עוגיות נוכל להשתמש. עוגיות הכרחיות פעילות תמיד, כי האתר לא יכול לפעול בלעדיהן.',
  save: 'שמירת העדפות',
  close: 'סגירה',
  policyLink: 'מדיניות פרטיות',
  alwaysOn: 'תמיד פעיל',
  cookiesUsed: 'שירותים ועוגיות',
  service: 'שירות',
  provider: 'ספק',
  purpose: 'מטרה',
  cookie: 'עוגייה',
  browserStorage: 'אחסון בדפדפן',
  duration: 'משך שמירה',
  reopen: 'הגדרות עוגיות',
  allowCategory: 'אישור {category}',
  placeholderText: 'תוכן זה מסופק על ידי צד שלישי. כדי להציג אותו, יש לאשר את הקטגוריה "{category}".',
  yourData: 'הנתונים שלך',
  yourDataText: 'ניתן לצפות בנתונים שהסטטיסטיקה שלנו תיעדה על דפדפן זה או למחוק אותם.',
  downloadData: 'הורדת הנתונים שלי',
  deleteData: 'מחיקת הנתונים שלי',
  dataDeleted: 'הנתונים שלך נמחקו.',
  dataError: 'הפעולה לא הצליחה. יש לנסות שוב מאוחר יותר.',
  ownService: 'אתר זה',
  consentCookiePurpose: 'שומר את הבחירה שלך לגבי קובצי Cookie',
  visitorCookiePurpose: 'מזהה מבקרים חוזרים (סטטיסטיקה)',
  visitCookiePurpose: 'מקבץ את הדפים של ביקור אחד (סטטיסטיקה)',
  necessaryLabel: 'הכרחיות',
  necessaryDescription: 'נחוצות לפעולת האתר, למשל כדי לזכור את הבחירה הזו. פעילות תמיד.',
  preferencesLabel: 'העדפות',
  preferencesDescription: 'שומרות הגדרות כמו שפה או אזור.',
  analyticsLabel: 'סטטיסטיקה',
  analyticsDescription: 'סופרות ביקורים ודפים שנצפו, יחד עם כתובת ה-IP, הדפדפן ומועדי הביקור, כדי שנוכל לשפר את האתר.',
  marketingLabel: 'שיווק',
  marketingDescription: 'מאפשרות לשותפי פרסום להציג מודעות רלוונטיות ולמדוד את ביצועיהן.',
} satisfies Translation;
