/**
 * report.html: the report for people. A summary first (the verdict in words,
 * and per phase the counts of cookies, storage keys, third-party requests and
 * findings), then the findings, then each phase in detail. One static file:
 * styles and screenshots inlined, no script, and a Content Security Policy that
 * forbids scripts and outside resources; every string from the site is escaped.
 * @packageDocumentation
 */
import type { ScanResult } from '../scan.js';
import { PHASES } from '../types.js';
import { escapeHtml as h } from './escape.js';
import { stackedTable, type TableRow } from './html-table.js';
import { PHASE_TITLES, phaseSection } from './report-phase.js';
import { REPORT_CSS } from './report-style.js';
import { summarize, type ReportSummary } from './report-summary.js';
import { dateInWords } from './time-words.js';
import { plural } from './words.js';

/** The HTML report of `result`. */
export function reportHtml(result: ScanResult): string {
  const { report } = result;
  const summary = summarize(report);
  const pages = report.pages.map((p) => p.url);
  const scannedAt = Date.parse(report.scannedAt);
  const sections = PHASES.map((phase) =>
    phaseSection({
      phase,
      result: report.phases[phase],
      decision: report.decisions[phase],
      findings: report.findings.filter((f) => f.phase === phase),
      screenshot: result.screenshots[phase],
      requestPages: result.requestPages?.[phase],
      pages,
      cookiesReadAt: result.cookiesReadAt?.[phase] ?? scannedAt,
      siteUrl: report.url,
    }),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="color-scheme" content="light dark">
<title>${h(`Consent scan: ${summary.verdict.headline} — ${report.url}`)}</title>
<style>${REPORT_CSS}</style>
</head><body><main>
<header>
<h1>Consent scan</h1>
<p class="site"><code>${h(report.url)}</code></p>
<p class="meta">Scanned <time datetime="${h(report.scannedAt)}" title="${h(report.scannedAt)}">${h(dateInWords(report.scannedAt))}</time> · ${plural(pages.length, 'page')} in each of four fresh browser profiles</p>
<nav aria-label="Sections"><ul><li><a href="#summary">Summary</a></li><li><a href="#findings">Findings</a></li>${PHASES.map(
    (p) => `<li><a href="#${p}">${h(PHASE_TITLES[p])}</a></li>`,
  ).join('')}</ul></nav>
</header>
${summarySection(summary, pages)}
${findingsSection(result)}
${sections.join('\n')}
</main></body></html>
`;
}

function summarySection(summary: ReportSummary, pages: string[]): string {
  const { verdict } = summary;
  const rows: TableRow[] = summary.phases.map((p) => ({
    className: p.errors ? 'error' : p.findings ? 'warning' : undefined,
    attributes: `data-phase="${p.phase}"`,
    cells: [
      `<a href="#${p.phase}">${h(PHASE_TITLES[p.phase])}</a>`,
      count('cookies', p.cookies),
      count('storage', p.storage),
      count('third-party-requests', p.thirdPartyRequests),
      `${count('findings', p.findings)}${p.errors ? ` <span class="badge error">${plural(p.errors, 'error')}</span>` : ''}`,
    ],
  }));
  return `<section id="summary" aria-labelledby="summary-title">
<h2 id="summary-title">Summary</h2>
<div class="verdict ${verdict.level}" data-verdict="${verdict.level}">
<p class="headline">${h(verdict.headline)}</p>
<p>${h(verdict.detail)}</p>
</div>
${stackedTable(
  [
    { label: 'Phase' },
    { label: 'Cookies', className: 'num' },
    { label: 'Storage keys', className: 'num' },
    { label: 'Third-party requests', className: 'num' },
    { label: 'Findings', className: 'num' },
  ],
  rows,
  { className: 'counts' },
)}
<details><summary>${plural(pages.length, 'page')} visited in each phase</summary>
<ol class="pages">${pages.map((url) => `<li><code>${h(url)}</code></li>`).join('')}</ol>
</details>
</section>`;
}

const count = (name: string, n: number) => `<span data-count="${name}">${n}</span>`;

function findingsSection(result: ScanResult): string {
  const { findings } = result.report;
  const errors = findings.filter((f) => f.severity === 'error').length;
  // One table per phase, errors first (the findings' own order), so a long list reads phase by phase.
  const perPhase = PHASES.map((phase) => {
    const list = findings.filter((f) => f.phase === phase);
    if (!list.length) return '';
    const phaseErrors = list.filter((f) => f.severity === 'error').length;
    const rows: TableRow[] = list.map((f) => ({
      className: f.severity,
      cells: [`<span class="badge ${f.severity}">${h(f.severity)}</span>`, `${h(f.kind)} <code>${h(f.name)}</code>`, h(f.message)],
    }));
    return `<h3><a href="#${phase}">${h(PHASE_TITLES[phase])}</a> <span class="count">(${plural(phaseErrors, 'error')}, ${plural(list.length - phaseErrors, 'warning')})</span></h3>
${stackedTable([{ label: 'Severity' }, { label: 'What' }, { label: 'Message', className: 'long' }], rows)}`;
  });
  return `<section id="findings" aria-labelledby="findings-title">
<h2 id="findings-title">Findings <span class="count">(${plural(errors, 'error')}, ${plural(findings.length - errors, 'warning')})</span></h2>
${findings.length ? perPhase.join('\n') : '<p class="none">No findings.</p>'}
</section>`;
}
