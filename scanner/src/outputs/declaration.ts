/**
 * declaration.md and declaration.html: the cookie declaration for the site's
 * privacy policy — per category, each service, each cookie and storage key,
 * its purpose and lifetime.
 * @packageDocumentation
 */
import { escapeHtml, escapeMarkdown } from './escape.js';
import type { InventoryCategory, InventoryItem } from './inventory.js';

const KIND: Record<InventoryItem['kind'], string> = {
  cookie: 'Cookie',
  localStorage: 'Local storage',
  sessionStorage: 'Session storage',
  indexedDB: 'IndexedDB database',
};

const itemName = (item: InventoryItem) =>
  'name' in item.matcher ? item.matcher.name : `${item.name} (and names matching ${item.matcher.pattern})`;

/** The declaration as Markdown. */
export function declarationMarkdown(inventory: InventoryCategory[], url: string): string {
  const lines = [`# Cookies and storage`, '', `What ${escapeMarkdown(url)} stores in your browser, by category.`, ''];
  for (const category of inventory) {
    lines.push(`## ${escapeMarkdown(category.label)}${category.required ? ' (always on)' : ''}`, '');
    if (category.description) lines.push(escapeMarkdown(category.description), '');
    if (!category.services.length) lines.push('Nothing in this category.', '');
    for (const service of category.services) {
      lines.push(`### ${escapeMarkdown(service.name)}${service.provider ? ` — ${escapeMarkdown(service.provider)}` : ''}`, '');
      if (service.purpose) lines.push(escapeMarkdown(service.purpose), '');
      lines.push('| Name | Type | Purpose | Lifetime |', '| --- | --- | --- | --- |');
      for (const item of service.items) {
        const where = item.kind === 'cookie' && item.domain ? ` on ${item.domain}` : '';
        lines.push(
          `| ${escapeMarkdown(itemName(item))} | ${KIND[item.kind]}${escapeMarkdown(where)} | ${escapeMarkdown(item.purpose ?? service.purpose ?? '')} | ${escapeMarkdown(item.duration)} |`,
        );
      }
      lines.push('');
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The declaration as a self-contained HTML page (every string escaped). */
export function declarationHtml(inventory: InventoryCategory[], url: string): string {
  const sections = inventory.map((category) => {
    const services = category.services.map(
      (service) => `<h3>${escapeHtml(service.name)}${service.provider ? ` <small>${escapeHtml(service.provider)}</small>` : ''}</h3>
${service.purpose ? `<p>${escapeHtml(service.purpose)}</p>` : ''}
<table><thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Purpose</th><th scope="col">Lifetime</th></tr></thead><tbody>
${service.items
  .map(
    (item) =>
      `<tr><td><code>${escapeHtml(itemName(item))}</code></td><td>${KIND[item.kind]}${item.kind === 'cookie' && item.domain ? ` on ${escapeHtml(item.domain)}` : ''}</td><td>${escapeHtml(item.purpose ?? service.purpose ?? '')}</td><td>${escapeHtml(item.duration)}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`,
    );
    return `<section><h2>${escapeHtml(category.label)}${category.required ? ' <small>(always on)</small>' : ''}</h2>
${category.description ? `<p>${escapeHtml(category.description)}</p>` : ''}
${services.length ? services.join('\n') : '<p>Nothing in this category.</p>'}</section>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cookies and storage</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}th,td{border:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}code{word-break:break-all}small{color:#555;font-weight:normal}</style>
</head><body>
<h1>Cookies and storage</h1>
<p>What ${escapeHtml(url)} stores in your browser, by category.</p>
${sections.join('\n')}
</body></html>
`;
}
