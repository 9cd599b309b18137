/**
 * `<template data-consent>`: any markup, inserted in place of the template
 * once its category is granted; its scripts run in document order.
 * @packageDocumentation
 */
import { runScript } from './scripts.js';

/**
 * Replaces `template` with a copy of its content and runs the scripts in it one
 * after another (gated ones inside, with their own `data-consent`, are left to
 * the gating). Resolves when the last script ran.
 */
export async function insertTemplate(template: HTMLTemplateElement, nonce: string | undefined): Promise<void> {
  if (!template.isConnected) return;
  const content = document.importNode(template.content, true);
  const scripts = Array.from(content.querySelectorAll('script:not([data-consent])'), (script) => {
    const type = script.getAttribute('type');
    // Inert until its turn: a script inserted with its real type would run at once, without the nonce.
    script.setAttribute('type', 'text/plain');
    return [script as HTMLScriptElement, type] as const;
  });
  template.replaceWith(content);
  for (const [script, type] of scripts) await runScript(script, type, nonce);
}
