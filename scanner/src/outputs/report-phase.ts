/**
 * One phase's section of report.html: what happened, its screenshot as a
 * thumbnail that opens full size, then its cookies, storage and requests (the
 * requests grouped by the page that made them).
 * @packageDocumentation
 */
import type { Finding, PhaseName, PhaseResult, RequestItem } from '../types.js';
import { escapeHtml as h, escapeHtmlBreakable } from './escape.js';
import { stackedTable, type TableRow } from './html-table.js';
import { expiryInWords } from './time-words.js';
import { plural } from './words.js';

/** The phase's heading. */
export const PHASE_TITLES: Record<PhaseName, string> = {
  'before-consent': 'Before consent',
  'after-reject': 'After Reject all',
  'after-accept': 'After Accept all',
  gpc: 'With Global Privacy Control',
};

const WHAT_HAPPENED: Record<PhaseName, string> = {
  'before-consent': 'A first visit in a fresh browser profile; nothing clicked. Only necessary items may be here.',
  'after-reject':
    'Reject all chosen on the start page, then the start page reloaded and the other pages visited. Only necessary items may be here.',
  'after-accept':
    'Accept all chosen on the start page, then the start page reloaded and the other pages visited. This is the inventory: what the site keeps once a visitor says yes.',
  gpc: 'A first visit with Global Privacy Control on (the Sec-GPC: 1 header and navigator.globalPrivacyControl); nothing clicked. Only necessary items may be here.',
};

const DECIDED: Record<string, string> = {
  'consent-gate': 'Decided through consent-gate on the page (window.ConsentGate).',
  banner: "Decided by clicking the banner's button.",
  none: 'No consent-gate and no button to decide were found: these are the pages without a decision.',
};

/** What one phase section needs besides the phase's own results. */
export interface PhaseContext {
  /** The phase. */
  phase: PhaseName;
  /** What it left behind. */
  result: PhaseResult;
  /** How it decided (`consent-gate`, `banner`, `none` or `-`). */
  decision: string;
  /** The findings of this phase. */
  findings: Finding[];
  /** Its screenshot (JPEG), if one was taken. */
  screenshot?: Buffer;
  /** The page each request was made on (same index as `result.requests`), if known. */
  requestPages?: string[];
  /** The pages visited, the start page first. */
  pages: string[];
  /** When the cookie jar was read (ms): expiry dates count from there. */
  cookiesReadAt: number;
  /** The start URL: same-origin page URLs are shown as their path. */
  siteUrl: string;
}

/** The file name of a phase's screenshot, beside report.html. */
export const screenshotFile = (phase: PhaseName): string => `screenshot-${phase}.jpg`;

/** A URL, cookie name or storage key in code, wrapping at its separators (`/`, `?`, `_`, `.`, …). */
const code = (text: string) => `<code>${escapeHtmlBreakable(text)}</code>`;
const writer = (setBy: string | null, via: string[]) =>
  `${setBy ? code(setBy) : '<span class="muted">not seen</span>'}${
    via.length ? `<br><small>via ${via.map(code).join(' → ')}</small>` : ''
  }`;
const category = (name: string, service: string | null) =>
  `<span class="badge${name === 'necessary' ? ' necessary' : ''}">${h(name)}</span>${service ? `<br><small>${h(service)}</small>` : ''}`;

/** A page's URL as a person reads it: the path for the site's own origin, else the whole URL. */
export function pageLabel(url: string, siteUrl: string): string {
  try {
    const page = new URL(url);
    return page.origin === new URL(siteUrl).origin ? `${page.pathname}${page.search}` : url;
  } catch {
    return url;
  }
}

/** The requests of a phase grouped by the page that made them, pages in visit order (a page without requests is left out). */
export function requestsByPage(
  requests: RequestItem[],
  requestPages: string[] | undefined,
  pages: string[],
): Array<{ page: string | null; requests: RequestItem[] }> {
  if (!requestPages || requestPages.length !== requests.length) return requests.length ? [{ page: null, requests }] : [];
  const groups = new Map<string, RequestItem[]>(pages.map((page) => [page, []]));
  requests.forEach((request, i) => {
    const page = requestPages[i] ?? '';
    const group = groups.get(page) ?? [];
    group.push(request);
    groups.set(page, group);
  });
  return [...groups].filter(([, list]) => list.length).map(([page, list]) => ({ page: page || null, requests: list }));
}

/** The section of one phase. */
export function phaseSection(context: PhaseContext): string {
  const { phase, result, findings } = context;
  const flagged = (kind: Finding['kind'], name: string) => {
    const found = findings.filter((f) => f.kind === kind && f.name === name);
    return found.some((f) => f.severity === 'error') ? 'error' : found.length ? 'warning' : undefined;
  };
  const decided = DECIDED[context.decision];
  const cookies: TableRow[] = result.cookies.map((c) => {
    const expiry = expiryInWords(c.expires, context.cookiesReadAt);
    const expires = expiry.iso
      ? `<time datetime="${h(expiry.iso)}" title="${h(expiry.iso)}">${h(expiry.text)}</time>`
      : `<span title="A session cookie: it has no expiry date">${h(expiry.text)}</span>`;
    const flags = [c.httpOnly ? 'HttpOnly' : '', c.sameSite ? `SameSite=${c.sameSite}` : ''].filter(Boolean).join(' · ');
    return {
      className: flagged('cookie', c.name),
      cells: [
        code(c.name),
        category(c.category, c.service),
        expires,
        `${h(c.domain)}${flags ? `<br><small>${h(flags)}</small>` : ''}`,
        writer(c.setBy, c.via),
      ],
    };
  });
  const storage: TableRow[] = result.storage.map((s) => ({
    className: flagged('storage', s.key),
    cells: [code(s.key), h(s.area), category(s.category, s.service), writer(s.setBy, s.via)],
  }));
  const thirdParty = result.requests.filter((r) => r.thirdParty).length;
  return `<section id="${phase}" aria-labelledby="${phase}-title">
<h2 id="${phase}-title">${h(PHASE_TITLES[phase])} <small><code>${phase}</code></small></h2>
<div class="phase-head"><div class="about">
<p>${h(WHAT_HAPPENED[phase])}</p>
${decided ? `<p><strong>${h(decided)}</strong></p>` : ''}
<p class="muted">${plural(result.cookies.length, 'cookie')} · ${plural(result.storage.length, 'storage key')} · ${plural(result.requests.length, 'request')}, ${thirdParty} third-party · ${plural(findings.length, 'finding')}</p>
</div>
${context.screenshot ? screenshotFigure(phase, context.screenshot) : ''}</div>
<h3>Cookies <span class="count">(${result.cookies.length})</span></h3>
${stackedTable(
  [
    { label: 'Name', className: 'name' },
    { label: 'Category' },
    { label: 'Expires' },
    { label: 'Domain', className: 'long' },
    { label: 'Set by', className: 'writer' },
  ],
  cookies,
  { empty: 'No cookies.' },
)}
<h3>Storage <span class="count">(${result.storage.length})</span></h3>
${stackedTable([{ label: 'Key', className: 'name' }, { label: 'Area' }, { label: 'Category' }, { label: 'Set by', className: 'writer' }], storage, { empty: 'No storage keys.' })}
<h3>Requests <span class="count">(${result.requests.length}, ${thirdParty} third-party)</span></h3>
${requestGroups(context)}
</section>`;
}

/** The screenshot as a thumbnail; opening it (no script: a `<details>`) shows it at the page's full width. */
function screenshotFigure(phase: PhaseName, shot: Buffer): string {
  return `<figure class="shot"><details><summary><img alt="${h(`Screenshot of the start page: ${PHASE_TITLES[phase]}`)}" src="data:image/jpeg;base64,${shot.toString('base64')}"></summary></details>
<figcaption>The start page at the end of this phase. Click it to enlarge or shrink it; full size: <a href="${screenshotFile(phase)}">the image file</a>.</figcaption></figure>`;
}

function requestGroups(context: PhaseContext): string {
  const groups = requestsByPage(context.result.requests, context.requestPages, context.pages);
  if (!groups.length) return '<p class="none">No requests.</p>';
  return groups
    .map(({ page, requests }) => {
      const third = requests.filter((r) => r.thirdParty).length;
      const rows: TableRow[] = requests.map((r) => ({
        className: r.thirdParty ? 'third' : undefined,
        cells: [
          `${code(r.url.length > 300 ? `${r.url.slice(0, 300)}…` : r.url)}${r.thirdParty ? ' <span class="badge third">third-party</span>' : ''}`,
          h(r.type),
          r.initiator ? code(r.initiator) : '',
        ],
      }));
      const title = page ? `<code title="${h(page)}">${h(pageLabel(page, context.siteUrl))}</code>` : 'All pages';
      // Open where something leaves the site: first-party requests are mostly the site's own files.
      return `<details class="page" data-page="${h(page ?? '')}"${third ? ' open' : ''}><summary>${title} <span class="muted">— ${plural(requests.length, 'request')}, ${third} third-party</span></summary>
${stackedTable([{ label: 'URL' }, { label: 'Type' }, { label: 'Initiator' }], rows)}
</details>`;
    })
    .join('\n');
}
