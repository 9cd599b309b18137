/**
 * report.html: the report for people — findings, then per phase a screenshot
 * (inlined as a data: URL, so the file stands alone) and the cookies, storage
 * and requests. Every string from the page is escaped, and a Content Security
 * Policy forbids scripts and outside resources in any case.
 * @packageDocumentation
 */
import type { ScanResult } from '../scan.js';
import { PHASES, type PhaseName } from '../types.js';
import { escapeHtml as h } from './escape.js';

const TITLES: Record<PhaseName, string> = {
  'before-consent': 'Before consent (first visit, no click)',
  'after-reject': 'After Reject all (and a reload)',
  'after-accept': 'After Accept all (and a reload)',
  gpc: 'With Global Privacy Control',
};

const table = (headers: string[], rows: string[][]) =>
  rows.length
    ? `<table><thead><tr>${headers.map((x) => `<th scope="col">${h(x)}</th>`).join('')}</tr></thead><tbody>
${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n')}
</tbody></table>`
    : '<p>None.</p>';

const via = (chain: string[]) => (chain.length ? `<br><small>via ${chain.map((u) => `<code>${h(u)}</code>`).join(' → ')}</small>` : '');

/** The HTML report of `result`. */
export function reportHtml(result: ScanResult): string {
  const { report, screenshots } = result;
  const errors = report.findings.filter((f) => f.severity === 'error');
  const findingRows = report.findings.map((f) => [
    `<span class="${f.severity}">${h(f.severity)}</span>`,
    h(f.phase),
    h(f.kind),
    `<code>${h(f.name)}</code>`,
    h(f.message),
  ]);
  const phases = PHASES.map((phase) => {
    const p = report.phases[phase];
    const shot = screenshots[phase];
    const decided =
      report.decisions[phase] && report.decisions[phase] !== '-'
        ? `<p>Decided through: <strong>${h(report.decisions[phase])}</strong></p>`
        : '';
    return `<section id="${phase}"><h2>${h(TITLES[phase])}</h2>${decided}
${shot ? `<img alt="${h(`Screenshot: ${TITLES[phase]}`)}" src="data:image/jpeg;base64,${shot.toString('base64')}">` : ''}
<h3>Cookies (${p.cookies.length})</h3>
${table(
  ['Name', 'Domain', 'Expires', 'Flags', 'Category', 'Service', 'Set by'],
  p.cookies.map((c) => [
    `<code>${h(c.name)}</code>`,
    h(c.domain),
    h(c.expires ?? 'session'),
    h([c.httpOnly ? 'HttpOnly' : '', `SameSite=${c.sameSite}`].filter(Boolean).join(' ')),
    h(c.category),
    h(c.service ?? ''),
    `${c.setBy ? `<code>${h(c.setBy)}</code>` : 'unknown'}${via(c.via)}`,
  ]),
)}
<h3>Storage (${p.storage.length})</h3>
${table(
  ['Area', 'Key', 'Category', 'Service', 'Set by'],
  p.storage.map((s) => [
    h(s.area),
    `<code>${h(s.key)}</code>`,
    h(s.category),
    h(s.service ?? ''),
    `${s.setBy ? `<code>${h(s.setBy)}</code>` : 'unknown'}${via(s.via)}`,
  ]),
)}
<h3>Requests (${p.requests.length})</h3>
${table(
  ['URL', 'Party', 'Type', 'Initiator'],
  p.requests.map((r) => [
    `<code>${h(r.url.length > 300 ? `${r.url.slice(0, 300)}…` : r.url)}</code>`,
    r.thirdParty ? 'third' : 'first',
    h(r.type),
    r.initiator ? `<code>${h(r.initiator)}</code>` : '',
  ]),
)}</section>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${h(`Consent scan of ${report.url}`)}</title>
<style>body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:80rem;padding:0 1rem;color:#1a1a1a}table{border-collapse:collapse;width:100%;margin-bottom:1rem}th,td{border:1px solid #ccc;padding:.3rem .4rem;text-align:left;vertical-align:top}code{word-break:break-all;font-size:.9em}img{max-width:100%;border:1px solid #999}.error{color:#a00000;font-weight:bold}.warning{color:#7a5200;font-weight:bold}nav a{margin-right:1rem}</style>
</head><body>
<h1>Consent scan of <code>${h(report.url)}</code></h1>
<p>Scanned ${h(report.scannedAt)} · ${report.pages.length} page(s): ${report.pages.map((p) => `<code>${h(p.url)}</code>`).join(', ')}</p>
<nav>${PHASES.map((p) => `<a href="#${p}">${h(p)}</a>`).join('')}</nav>
<h2>Findings: ${errors.length} error(s), ${report.findings.length - errors.length} warning(s)</h2>
${table(['Severity', 'Phase', 'Kind', 'Name', 'Message'], findingRows)}
${phases.join('\n')}
</body></html>
`;
}
