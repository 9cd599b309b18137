/**
 * `<template data-consent>`: any markup, inserted in place of the template
 * once its category is granted; its scripts run in document order.
 * @packageDocumentation
 */
import { carriesNonce, runScript } from './scripts.js';

/**
 * Replaces `template` with a copy of its content and runs the scripts in it one
 * after another (gated ones inside, with their own `data-consent`, are left to
 * the gating). Resolves when the last script ran.
 *
 * The SDK, not the browser, runs these scripts, with the page's nonce, so the
 * nonce rule applies to each of them as to a gated script (a template cannot
 * carry a nonce itself): with a nonce in use, a script without it stays
 * inert (`type="text/plain"`) and is reported. The rest of the markup is
 * inserted as it is: it cannot do more than the same markup in the page.
 */
export async function insertTemplate(template: HTMLTemplateElement, nonce: string | undefined): Promise<void> {
  if (!template.isConnected) return;
  const content = document.importNode(template.content, true);
  const scripts = Array.from(content.querySelectorAll<HTMLScriptElement>('script:not([data-consent])'), (script) => {
    const type = script.getAttribute('type');
    // Inert until its turn: a script inserted with its real type would run at once, without the nonce.
    script.setAttribute('type', 'text/plain');
    return [script, type] as const;
  }).filter(([script]) => carriesNonce(script, nonce));
  template.replaceWith(content);
  for (const [script, type] of scripts) await runScript(script, type, nonce);
}
