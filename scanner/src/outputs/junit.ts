/**
 * junit.xml: one test case per phase (a summary that passes) and one per
 * finding (errors fail, warnings are reported as skipped with their message).
 * @packageDocumentation
 */
import { PHASES, type Report } from '../types.js';
import { escapeXml } from './escape.js';

/** The JUnit XML of `report`. */
export function junitXml(report: Report): string {
  const cases: string[] = [];
  for (const phase of PHASES) {
    const p = report.phases[phase];
    const errors = report.findings.filter((f) => f.phase === phase && f.severity === 'error').length;
    cases.push(
      `    <testcase classname="consent-gate-scan.${phase}" name="${escapeXml(`${phase}: ${p.cookies.length} cookies, ${p.storage.length} storage items, ${p.requests.length} requests`)}">` +
        (errors ? `<failure message="${escapeXml(`${errors} error finding(s)`)}"/>` : '') +
        `</testcase>`,
    );
  }
  for (const f of report.findings) {
    const body =
      f.severity === 'error'
        ? `<failure type="${escapeXml(f.kind)}" message="${escapeXml(f.message)}">${escapeXml(f.message)}</failure>`
        : `<skipped message="${escapeXml(`warning: ${f.message}`)}"/>`;
    cases.push(
      `    <testcase classname="consent-gate-scan.${f.phase}.${f.kind}" name="${escapeXml(`${f.kind} ${f.name}`)}">${body}</testcase>`,
    );
  }
  const failures =
    PHASES.filter((phase) => report.findings.some((f) => f.phase === phase && f.severity === 'error')).length +
    report.findings.filter((f) => f.severity === 'error').length;
  const skipped = report.findings.filter((f) => f.severity === 'warning').length;
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="consent-gate-scan" tests="${cases.length}" failures="${failures}">
  <testsuite name="${escapeXml(`consent-gate-scan ${report.url}`)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" timestamp="${escapeXml(report.scannedAt)}">
${cases.join('\n')}
  </testsuite>
</testsuites>
`;
}
