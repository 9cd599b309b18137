/**
 * `consent-gate/elements`: the two custom elements, defined on import, without
 * the consent store. Drive them by setting their properties and listening to
 * `consent-gate:request`.
 * @packageDocumentation
 */
import { defineElements } from './ui/define.js';

export { ConsentBanner } from './ui/banner.js';
export { ConsentPreferences } from './ui/preferences.js';
export { REQUEST_EVENT, type RequestAction, type RequestDetail } from './ui/request-event.js';
export { ENGLISH } from './ui/english.js';
export { type BannerTexts, type Texts, type TextKey } from './ui/texts.js';

defineElements();
