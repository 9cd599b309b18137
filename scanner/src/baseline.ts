/**
 * `--baseline report.json`: the items that appeared or disappeared since an
 * earlier report, as warning findings.
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import { PHASES, type Finding, type PhaseName, type PhaseResult, type Report } from './types.js';

/** The parts of a report a comparison needs. */
export type Baseline = Pick<Report, 'phases'>;

/** Reads and checks an earlier report.json; throws a readable error. */
export function readBaseline(path: string): Baseline {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not a JSON file (${(error as Error).message})`, {
      cause: error,
    });
  }
  const phases = (raw as { phases?: Record<string, Partial<PhaseResult>> } | null)?.phases;
  if (!phases || typeof phases !== 'object') throw new Error('not a consent-gate-scan report.json (no "phases")');
  const result = {} as Record<PhaseName, PhaseResult>;
  for (const phase of PHASES) {
    const p = phases[phase] ?? {};
    result[phase] = {
      cookies: Array.isArray(p.cookies) ? p.cookies : [],
      storage: Array.isArray(p.storage) ? p.storage : [],
      requests: Array.isArray(p.requests) ? p.requests : [],
    };
  }
  return { phases: result };
}

interface Keyed {
  kind: 'cookie' | 'storage' | 'request';
  name: string;
  label: string;
}

function itemsOf(phase: PhaseResult): Map<string, Keyed> {
  const items = new Map<string, Keyed>();
  for (const c of phase.cookies)
    items.set(`cookie\u0000${c.name}\u0000${c.domain}`, { kind: 'cookie', name: c.name, label: `Cookie "${c.name}" on ${c.domain}` });
  for (const s of phase.storage)
    items.set(`storage\u0000${s.area}\u0000${s.key}`, { kind: 'storage', name: s.key, label: `${s.area} "${s.key}"` });
  for (const r of phase.requests) items.set(`request\u0000${r.host}`, { kind: 'request', name: r.host, label: `Requests to ${r.host}` });
  return items;
}

/** Whether `finding` is one of {@link compareWithBaseline}'s (an item added or removed since the baseline). */
export function isBaselineFinding(finding: Pick<Finding, 'message'>): boolean {
  return /: (new|gone) since the baseline \(/.test(finding.message);
}

/** Warning findings for every item (cookie, storage key, request host) added or removed per phase between `baseline` and `report`. */
export function compareWithBaseline(baseline: Baseline, report: Pick<Report, 'phases'>): Finding[] {
  const findings: Finding[] = [];
  for (const phase of PHASES) {
    const before = itemsOf(baseline.phases[phase]);
    const now = itemsOf(report.phases[phase]);
    for (const [key, item] of now) {
      if (!before.has(key))
        findings.push({
          severity: 'warning',
          phase,
          kind: item.kind,
          name: item.name,
          message: `${item.label}: new since the baseline (${phase}).`,
        });
    }
    for (const [key, item] of before) {
      if (!now.has(key))
        findings.push({
          severity: 'warning',
          phase,
          kind: item.kind,
          name: item.name,
          message: `${item.label}: gone since the baseline (${phase}).`,
        });
    }
  }
  return findings;
}
