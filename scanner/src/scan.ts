/**
 * A whole scan: the four phases (before consent, after Reject all, after Accept
 * all, with GPC) over the start page and up to N same-site links, classified,
 * with findings.
 * @packageDocumentation
 */
import { extraArgsFromEnv, findChromium, launchProfile, type Profile } from './browser.js';
import { Classifier } from './classify.js';
import type { SiteDeclaration } from './consent.js';
import { findingsFor } from './findings.js';
import { runPhase, type PhaseOptions, type RawPhase } from './phases.js';
import type { Progress } from './progress.js';
import { sameSiteLinks } from './site.js';
import { PHASES, type PhaseName, type PhaseResult, type Report } from './types.js';

/** Options of {@link scan}. */
export interface ScanOptions {
  /** The start URL (http or https). */
  url: string;
  /** How many same-site links of the start page to visit too. Default 5. */
  pages?: number;
  /** Chromium executable; default from the environment (see browser.ts). */
  chromium?: string;
  /** Extra Chromium flags; default from `CONSENT_GATE_SCAN_CHROMIUM_ARGS`. */
  extraArgs?: string[];
  /** Timing overrides (tests). */
  timing?: Pick<PhaseOptions, 'quietMs' | 'dwellMs' | 'settleMs' | 'navigationMs'>;
  /** Progress reporter. */
  progress?: Progress;
}

/** A scan's report and what the outputs need beside it. */
export interface ScanResult {
  /** report.json. */
  report: Report;
  /** A JPEG per phase. */
  screenshots: Partial<Record<PhaseName, Buffer>>;
  /** The site's consent-gate declaration, if it has consent-gate. */
  declaration: SiteDeclaration | null;
  /** The classifier used (the outputs ask it for purposes and matchers). */
  classifier: Classifier;
  /**
   * When each phase read its cookie jar (ms): a lifetime counts from there, not from
   * `scannedAt` — a cookie renewed on each page (a 30-minute visit cookie) would
   * otherwise look longer by the time the scan took.
   */
  cookiesReadAt?: Partial<Record<PhaseName, number>>;
  /** The page each request of a phase was made on (same index as `report.phases[phase].requests`). */
  requestPages?: Partial<Record<PhaseName, string[]>>;
}

/** Scans `options.url`. Throws {@link UnreachableError} when the start page cannot be loaded. */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const scannedAt = new Date().toISOString();
  const phaseOptions: PhaseOptions = { progress: options.progress, ...options.timing };
  const executablePath = findChromium(options.chromium);
  const extraArgs = options.extraArgs ?? extraArgsFromEnv();
  // Every phase gets its own fresh browser; they start together, since starting one is most of a phase's time.
  const launches = PHASES.map((phase) => launchProfile({ executablePath, extraArgs, gpc: phase === 'gpc' }));
  const raw: Partial<Record<PhaseName, RawPhase>> = {};
  try {
    const first = await runPhase('before-consent', await launches[0]!, [options.url], phaseOptions, (links) =>
      sameSiteLinks(links, options.url, options.pages ?? 5),
    );
    raw['before-consent'] = first;
    // The other phases side by side: a browser spends most of its time waiting.
    const rest = await Promise.all(
      PHASES.slice(1).map(async (phase, i) => runPhase(phase, await launches[i + 1]!, first.pages, phaseOptions)),
    );
    PHASES.slice(1).forEach((phase, i) => (raw[phase] = rest[i]));
  } finally {
    // runPhase closes its profile; this closes those a failure left open (closing twice is harmless).
    await Promise.all(
      launches.map((launch) =>
        launch.then(
          (profile: Profile) => profile.close(),
          () => undefined,
        ),
      ),
    );
  }
  const first = raw['before-consent']!;
  const pages = first.pages;

  // The first phase that could read the site's declaration (a slow page may miss it once).
  const declaration = PHASES.map((phase) => raw[phase]!.declaration).find((d) => d !== null) ?? null;
  const classifier = new Classifier(declaration);
  const phases = {} as Record<PhaseName, PhaseResult>;
  const decisions = {} as Record<PhaseName, string>;
  const screenshots: Partial<Record<PhaseName, Buffer>> = {};
  const cookiesReadAt: Partial<Record<PhaseName, number>> = {};
  const requestPages: Partial<Record<PhaseName, string[]>> = {};
  for (const phase of PHASES) {
    const r = raw[phase]!;
    decisions[phase] = r.decision;
    cookiesReadAt[phase] = r.cookiesReadAt;
    requestPages[phase] = r.requestPages;
    if (r.screenshot) screenshots[phase] = r.screenshot;
    phases[phase] = {
      cookies: r.cookies.map((c) => {
        const { category, service } = classifier.cookie(c.name, c.setBy, c.domain);
        return { ...c, category, service };
      }),
      storage: r.storage.map((s) => {
        const { category, service } = classifier.storage(s.area, s.key, s.setBy);
        return { ...s, category, service };
      }),
      requests: r.requests,
    };
  }
  const report: Report = {
    url: options.url,
    scannedAt,
    pages: pages.map((url, i) => ({ url, status: i === 0 ? first.status : null })),
    phases,
    findings: findingsFor(phases, decisions, classifier),
    decisions,
  };
  return { report, screenshots, declaration, classifier, cookiesReadAt, requestPages };
}
