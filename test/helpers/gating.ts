/**
 * Gated markup for the gating tests, and what the gating-server plugin saw:
 * every request to /gating-server/ (a slow external script, an embed page).
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { freshVisitor, stopGate } from './gate.ts';

/** The built-in necessary, analytics and marketing categories. */
export const CATEGORIES = { necessary: {}, analytics: {}, marketing: {} };

/** A token unique to one test, put into its URLs so that its requests can be told apart. */
export const newToken = () => Math.random().toString(36).slice(2);

/** The URLs requested under /gating-server/ that carry `token`. */
export async function requestsWith(token: string): Promise<string[]> {
  const all = (await executeServerCommand<string[], undefined>('gating-requests')) ?? [];
  return all.filter((url) => url.includes(`t=${token}`));
}

/** What gated scripts pushed to `window.__gated`, in the order they ran. */
export const ran = (win: Window = window): string[] => (win as Window & { __gated?: string[] }).__gated ?? [];

/** URL of the test script that pushes `push` after `delay` ms. */
export const scriptUrl = (push: string, token: string, delay = 0) => `/gating-server/script.js?push=${push}&delay=${delay}&t=${token}`;

/** URL of the test embed page. */
export const embedUrl = (token: string) => `/gating-server/embed.html?t=${token}`;

/** Appends to `<body>` a blocked script of `category`: inline code when `code` is given, else `src`; `nonce` as an attribute, the way markup gives it. */
export function gatedScript(
  category: string,
  { code, src, type, nonce }: { code?: string; src?: string; type?: string; nonce?: string },
  doc: Document = document,
): HTMLScriptElement {
  const script = doc.createElement('script');
  script.type = 'text/plain';
  script.dataset.consent = category;
  if (type) script.dataset.type = type;
  if (nonce) script.setAttribute('nonce', nonce);
  if (src) script.src = src;
  if (code) script.text = code;
  doc.body.append(script);
  return script;
}

/** Inline code that pushes `name` to `window.__gated`. */
export const push = (name: string) => `(window.__gated = window.__gated || []).push(${JSON.stringify(name)});`;

/** Appends a gated frame of `category` loading `src` once granted. */
export function gatedFrame(category: string, src: string): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.dataset.consent = category;
  frame.dataset.src = src;
  frame.title = 'Embed';
  document.body.append(frame);
  return frame;
}

/** Appends a gated template holding `html` (test markup only). */
export function gatedTemplate(category: string, html: string): HTMLTemplateElement {
  const template = document.createElement('template');
  template.dataset.consent = category;
  template.innerHTML = html;
  document.body.append(template);
  return template;
}

/** Markup injected into the page the way an HTML-injection flaw would put it there (parsed, not created by the page's code). */
export function injectMarkup(html: string): void {
  const host = document.createElement('div');
  host.className = 'injected';
  host.innerHTML = html;
  document.body.append(host);
}

/** Removes every gated node, placeholder, re-created script, injected markup and frame, and forgets what ran. */
export function clearGated(): void {
  document
    .querySelectorAll('[data-consent], [data-consent-placeholder], .from-template, .injected, iframe')
    .forEach((node) => node.remove());
  delete (window as Window & { __gated?: string[] }).__gated;
}

/** Gives every test of the current `describe` a fresh visitor and a page without gated content, and stops the gate after it. */
export function useCleanPage(): void {
  beforeEach(async () => {
    await freshVisitor();
    clearGated();
  });
  afterEach(() => {
    stopGate();
    clearGated();
  });
}
