/**
 * The findings rules: in `before-consent`, `after-reject` and
 * `gpc`, an item classified as anything but necessary, or a request to a
 * known tracker host, is an error; an unclassified item a warning.
 * @packageDocumentation
 */
import { UNCLASSIFIED, type Classifier } from './classify.js';
import { hostEntity } from './trackers.js';
import { PHASES, type Finding, type PhaseName, type PhaseResult } from './types.js';

/** The phases in which nothing but necessary items may exist. */
export const PRE_CONSENT_PHASES: readonly PhaseName[] = ['before-consent', 'after-reject', 'gpc'];

const WHEN: Record<PhaseName, string> = {
  'before-consent': 'before consent',
  'after-reject': 'after Reject all',
  'after-accept': 'after Accept all',
  gpc: 'with Global Privacy Control on',
};

/** Findings of one scan, errors first, then in phase order. */
export function findingsFor(
  phases: Record<PhaseName, PhaseResult>,
  decisions: Record<PhaseName, string>,
  classifier: Classifier,
): Finding[] {
  const findings: Finding[] = [];
  for (const phase of PHASES) {
    if (decisions[phase] === 'none') {
      findings.push({
        severity: 'warning',
        phase,
        kind: 'banner',
        name: phase === 'after-accept' ? 'accept' : 'reject',
        message: `No consent-gate and no ${phase === 'after-accept' ? 'Accept' : 'Reject'} button was found, so this phase shows the page without a decision.`,
      });
    }
  }
  for (const phase of PRE_CONSENT_PHASES) {
    const { cookies, storage, requests } = phases[phase];
    for (const cookie of cookies) {
      const finding = itemFinding(
        classifier,
        phase,
        'cookie',
        cookie.name,
        cookie.category,
        cookie.service,
        `Cookie "${cookie.name}" on ${cookie.domain}`,
        cookie.setBy,
      );
      if (finding) findings.push(finding);
    }
    for (const item of storage) {
      const finding = itemFinding(
        classifier,
        phase,
        'storage',
        item.key,
        item.category,
        item.service,
        `${item.area} "${item.key}"`,
        item.setBy,
      );
      if (finding) findings.push(finding);
    }
    const hosts = new Map<string, string>();
    for (const request of requests) {
      const entity = hostEntity(request.url);
      if (entity?.tracker && !hosts.has(request.host)) hosts.set(request.host, `${entity.name} (${entity.categories.join(', ')})`);
    }
    for (const [host, entity] of hosts) {
      findings.push({
        severity: 'error',
        phase,
        kind: 'request',
        name: host,
        message: `Request to the tracker host ${host} — ${entity} — ${WHEN[phase]}.`,
      });
    }
  }
  const rank = (f: Finding) => (f.severity === 'error' ? 0 : 1) * 10 + PHASES.indexOf(f.phase);
  return findings.sort((a, b) => rank(a) - rank(b));
}

function itemFinding(
  classifier: Classifier,
  phase: PhaseName,
  kind: 'cookie' | 'storage',
  name: string,
  category: string,
  service: string | null,
  what: string,
  setBy: string | null,
): Finding | null {
  if (classifier.isRequired(category)) return null;
  const by = setBy ? `, set by ${setBy}` : '';
  if (category === UNCLASSIFIED) {
    return { severity: 'warning', phase, kind, name, message: `${what} is unclassified${by}, ${WHEN[phase]}: declare it in a category.` };
  }
  return { severity: 'error', phase, kind, name, message: `${what} (${category}${service ? `, ${service}` : ''})${by}, ${WHEN[phase]}.` };
}
