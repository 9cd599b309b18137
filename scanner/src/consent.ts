/**
 * Making the decision on a page: through `window.ConsentGate` where the page
 * has consent-gate, else by clicking the banner's Accept or Reject button.
 * Also reads the page's own consent-gate declaration.
 * @packageDocumentation
 */
import type { Frame, Locator, Page } from 'playwright-core';

/** The choice a phase makes. */
export type Choice = 'accept' | 'reject';

/** How a decision was made: `consent-gate`, `banner`, or `none` when no way was found. */
export type DecisionMethod = 'consent-gate' | 'banner' | 'none';

const HAS_GATE = `(() => { const g = window.ConsentGate; return typeof g === 'object' && g !== null && typeof g.acceptAll === 'function' && typeof g.rejectAll === 'function'; })()`;

/** Accessible names of accept buttons in common banners (English, German, French, Spanish, Italian, Dutch). */
export const ACCEPT_LABEL =
  /^\s*(accept( all)?( cookies)?|allow( all)?( cookies)?|agree( and close)?|i agree|i accept|ok(ay)?|got it|yes,? i agree|alle akzeptieren|akzeptieren|zustimmen|alle erlauben|tout accepter|accepter( et fermer)?|j'accepte|aceptar( todo| todas)?|accetta( tutto| tutti)?|alles accepteren|accepteren)\s*$/i;
/** Accessible names of reject buttons. */
export const REJECT_LABEL =
  /^\s*(reject( all)?( cookies)?|decline( all)?( cookies)?|deny( all)?|refuse( all)?|necessary only|only necessary|essential only|use necessary cookies only|continue without accepting|alle ablehnen|ablehnen|nur notwendige|tout refuser|refuser|continuer sans accepter|rechazar( todo| todas)?|rifiuta( tutto| tutti)?|alles weigeren|weigeren)\s*$/i;

/** Selectors of well-known consent platforms' buttons. */
const SELECTORS: Record<Choice, string[]> = {
  accept: [
    '#onetrust-accept-btn-handler',
    '#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll',
    '#CybotCookiebotDialogBodyButtonAccept',
    '.cc-allow',
    '.cky-btn-accept',
    '[data-cookiefirst-action="accept"]',
    '#didomi-notice-agree-button',
    '.fc-cta-consent',
    '[data-testid="uc-accept-all-button"]',
  ],
  reject: [
    '#onetrust-reject-all-handler',
    '#CybotCookiebotDialogBodyButtonDecline',
    '.cc-deny',
    '.cky-btn-reject',
    '[data-cookiefirst-action="reject"]',
    '#didomi-notice-disagree-button',
    '.fc-cta-do-not-consent',
    '[data-testid="uc-deny-all-button"]',
  ],
};

/** Whether the page has consent-gate (waits up to `waitMs` for its deferred script). */
export async function hasConsentGate(page: Page, waitMs: number): Promise<boolean> {
  try {
    await page.waitForFunction(HAS_GATE, undefined, { timeout: waitMs, polling: 100 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Accepts or rejects everything on `page`: `window.ConsentGate.acceptAll()` /
 * `rejectAll()` when the page has consent-gate (`gate`, see
 * {@link hasConsentGate}), else a click on the first visible banner button
 * found (in any frame). Returns how it decided.
 */
export async function decide(page: Page, choice: Choice, gate: boolean): Promise<DecisionMethod> {
  if (gate) {
    const ok = await page
      .evaluate(choice === 'accept' ? 'window.ConsentGate.acceptAll(), true' : 'window.ConsentGate.rejectAll(), true')
      .catch(() => false);
    if (ok) return 'consent-gate';
  }
  const button = await findBannerButton(page, choice);
  if (!button) return 'none';
  try {
    await button.click({ timeout: 5000 });
    return 'banner';
  } catch {
    return 'none';
  }
}

/** The first visible button for `choice` in any frame of `page`, or `null`. */
export async function findBannerButton(page: Page, choice: Choice): Promise<Locator | null> {
  const label = choice === 'accept' ? ACCEPT_LABEL : REJECT_LABEL;
  for (const frame of [page.mainFrame(), ...page.frames().filter((f) => f !== page.mainFrame())]) {
    for (const candidate of candidates(frame, choice, label)) {
      const count = await candidate.count().catch(() => 0);
      for (let i = 0; i < Math.min(count, 5); i++) {
        const one = candidate.nth(i);
        if (await one.isVisible().catch(() => false)) return one;
      }
    }
  }
  return null;
}

function candidates(frame: Frame, choice: Choice, label: RegExp): Locator[] {
  return [
    ...SELECTORS[choice].map((selector) => frame.locator(selector)),
    frame.getByRole('button', { name: label }),
    frame.getByRole('link', { name: label }),
  ];
}

/** A cookie or storage matcher of a declaration: an exact name or a regular-expression source. */
export interface DeclaredMatcher {
  /** Exact name. */
  name?: string;
  /** Regular-expression source. */
  pattern?: string;
  /** Human-readable lifetime. */
  duration?: string;
  /** What it is for. */
  purpose?: string;
}

/** A service of a site's declaration. */
export interface DeclaredService {
  /** Service name. */
  name: string;
  /** Who operates it. */
  provider?: string;
  /** Why the site uses it. */
  purpose?: string;
  /** Its cookies. */
  cookies: DeclaredMatcher[];
  /** Its localStorage / sessionStorage keys (the configuration's `storage`). */
  storage: DeclaredMatcher[];
}

/** A category of a site's declaration. */
export interface DeclaredCategory {
  /** Category key. */
  name: string;
  /** Label. */
  label: string;
  /** Description. */
  description: string;
  /** Always granted. */
  required: boolean;
  /** Services. */
  services: DeclaredService[];
}

/** What a page's consent-gate says about itself. */
export interface SiteDeclaration {
  /** The consent cookie's name (`cookieName`). */
  cookieName: string;
  /** The resolved categories. */
  categories: DeclaredCategory[];
}

// Read as JSON text so nothing but data crosses from the (untrusted) page.
const READ_CONFIG = `(() => { try { const c = window.ConsentGate && window.ConsentGate.config; return c ? JSON.stringify({ cookieName: c.cookieName, categories: c.categories }) : null; } catch { return null; } })()`;

/** The page's resolved consent-gate configuration, or `null` where there is none (checked and trimmed: the page is untrusted). */
export async function readDeclaration(page: Page): Promise<SiteDeclaration | null> {
  const text = await page.evaluate(READ_CONFIG).catch(() => null);
  if (typeof text !== 'string' || text.length > 2_000_000) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  return checkDeclaration(raw);
}

/** Keeps only well-formed parts of a declaration read from a page. */
export function checkDeclaration(raw: unknown): SiteDeclaration | null {
  const record = (v: unknown): Record<string, unknown> | null =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  const str = (v: unknown, max = 500): string | undefined => (typeof v === 'string' ? v.slice(0, max) : undefined);
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v.slice(0, 500) : []);
  const matchers = (v: unknown): DeclaredMatcher[] =>
    list(v).flatMap((m) => {
      const r = record(m);
      if (!r) return [];
      const name = str(r.name, 200);
      const pattern = str(r.pattern, 200);
      if (name === undefined && pattern === undefined) return [];
      return [{ ...(name !== undefined ? { name } : { pattern }), duration: str(r.duration), purpose: str(r.purpose) }];
    });
  const top = record(raw);
  if (!top) return null;
  const categories = list(top.categories).flatMap((c): DeclaredCategory[] => {
    const r = record(c);
    const name = str(r?.name, 100);
    if (!r || !name) return [];
    return [
      {
        name,
        label: str(r.label) ?? name,
        description: str(r.description, 2000) ?? '',
        required: r.required === true,
        services: list(r.services).flatMap((s): DeclaredService[] => {
          const sr = record(s);
          const serviceName = str(sr?.name, 200);
          if (!sr || !serviceName) return [];
          return [
            {
              name: serviceName,
              provider: str(sr.provider),
              purpose: str(sr.purpose, 2000),
              cookies: matchers(sr.cookies),
              storage: matchers(sr.storage),
            },
          ];
        }),
      },
    ];
  });
  return { cookieName: str(top.cookieName, 100) ?? 'cg_consent', categories };
}
