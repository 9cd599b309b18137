/**
 * Every English UI string in one object, for code that shows both layers.
 * @packageDocumentation
 */
import { DIALOG_ENGLISH } from './dialog-texts.js';
import { BANNER_ENGLISH, type Texts } from './texts.js';

/** Every string the elements show or announce, in English. */
export const ENGLISH: Texts = { ...BANNER_ENGLISH, ...DIALOG_ENGLISH };
