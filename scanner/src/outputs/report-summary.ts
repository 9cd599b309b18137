/**
 * What report.html says first: the verdict in words, and per phase the counts of
 * cookies, storage keys, third-party requests and findings — all counted from
 * report.json, so the two always agree.
 * @packageDocumentation
 */
import { isBaselineFinding } from '../baseline.js';
import { PHASES, type Finding, type PhaseName, type Report } from '../types.js';
import { listInWords, plural } from './words.js';

/** The verdict's level: no finding, warnings only, or errors. */
export type VerdictLevel = 'pass' | 'warnings' | 'errors';

/** The verdict in words. */
export interface Verdict {
  /** Its level. */
  level: VerdictLevel;
  /** One line: "No tracking before consent", "2 problems without consent". */
  headline: string;
  /** One or two sentences saying what it means and what to do. */
  detail: string;
}

/** The counts of one phase. */
export interface PhaseCounts {
  /** The phase. */
  phase: PhaseName;
  /** Cookies in the jar at its end. */
  cookies: number;
  /** Storage keys and IndexedDB databases. */
  storage: number;
  /** Requests to another registrable domain than the start page's. */
  thirdPartyRequests: number;
  /** Findings of the phase (errors and warnings). */
  findings: number;
  /** Of which errors. */
  errors: number;
}

/** The summary of a report. */
export interface ReportSummary {
  /** The verdict. */
  verdict: Verdict;
  /** The counts, per phase in scan order. */
  phases: PhaseCounts[];
}

/** How each phase is named in a sentence. */
export const PHASE_WORDS: Record<PhaseName, string> = {
  'before-consent': 'before consent',
  'after-reject': 'after Reject all',
  'after-accept': 'after Accept all',
  gpc: 'with Global Privacy Control',
};

/** The summary of `report`. */
export function summarize(report: Report): ReportSummary {
  const phases = PHASES.map((phase): PhaseCounts => {
    const p = report.phases[phase];
    const findings = report.findings.filter((f) => f.phase === phase);
    return {
      phase,
      cookies: p.cookies.length,
      storage: p.storage.length,
      thirdPartyRequests: p.requests.filter((r) => r.thirdParty).length,
      findings: findings.length,
      errors: findings.filter((f) => f.severity === 'error').length,
    };
  });
  return { verdict: verdictOf(report, phases), phases };
}

function verdictOf(report: Report, phases: PhaseCounts[]): Verdict {
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.filter((f) => f.severity === 'warning');
  const toReview = warnings.length ? ` Also ${plural(warnings.length, 'warning')} to review: ${warningReasons(warnings)}.` : '';
  if (errors) {
    const where = phases.filter((p) => p.errors).map((p) => `${p.errors} ${PHASE_WORDS[p.phase]}`);
    const onlyBefore = phases.every((p) => p.phase === 'before-consent' || !p.errors);
    return {
      level: 'errors',
      headline: `${plural(errors, 'problem')} ${onlyBefore ? 'before consent' : 'without consent'}`,
      detail:
        `The site tracks visitors who did not say yes: ${listInWords(where)}. ` +
        `Each problem below names the cookie, storage key or tracker request and the script behind it.${toReview}`,
    };
  }
  const clean =
    'Before consent, after Reject all and with Global Privacy Control, the pages kept only necessary cookies and storage and made no request to a known tracker.';
  if (warnings.length) {
    // Unclassified items may still track: say what was not found, not that all is well.
    return {
      level: 'warnings',
      headline: `No tracking found before consent, ${plural(warnings.length, 'warning')}`,
      detail: `Before consent, after Reject all and with Global Privacy Control, no cookie, storage key or request known to track was found.${toReview}`,
    };
  }
  return { level: 'pass', headline: 'No tracking before consent', detail: clean };
}

/** What the warnings are about, in words: "3 items the scanner could not classify and 1 change since the baseline". */
function warningReasons(warnings: Finding[]): string {
  const banner = warnings.filter((f) => f.kind === 'banner').length;
  const changes = warnings.filter((f) => f.kind !== 'banner' && isBaselineFinding(f)).length;
  const unclassified = warnings.length - banner - changes;
  return listInWords(
    [
      unclassified && `${plural(unclassified, 'item')} the scanner could not classify`,
      banner && `${plural(banner, 'phase')} without a button to decide`,
      changes && `${plural(changes, 'change')} since the baseline`,
    ].filter((reason): reason is string => Boolean(reason)),
  );
}
