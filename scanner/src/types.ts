/**
 * The shapes of report.json (scanner/README.md describes each field). No runtime code.
 * @packageDocumentation
 */

/** The four phases, each in a fresh browser profile, in the order they run. */
export const PHASES = ['before-consent', 'after-reject', 'after-accept', 'gpc'] as const;

/** One phase name. */
export type PhaseName = (typeof PHASES)[number];

/** A cookie found in the browser's jar at the end of a phase. */
export interface CookieItem {
  /** Cookie name. */
  name: string;
  /** Domain as the browser keeps it (no leading dot). */
  domain: string;
  /** Path. */
  path: string;
  /** Expiry as an ISO 8601 date, or `null` for a session cookie. */
  expires: string | null;
  /** Set with HttpOnly (only a Set-Cookie header can do that). */
  httpOnly: boolean;
  /** `Strict`, `Lax` or `None`. */
  sameSite: string;
  /** URL of the script that wrote it through `document.cookie`, or of the response whose Set-Cookie header set it; `null` when not seen. */
  setBy: string | null;
  /** The scripts that loaded `setBy`, from the first (e.g. a tag manager) to the one that loaded `setBy` itself. */
  via: string[];
  /** Consent category (`necessary`, `preferences`, `analytics`, `marketing`, a site's own, or `unclassified`). */
  category: string;
  /** Service (tool, vendor) or `null` when unclassified. */
  service: string | null;
}

/** The browser storage areas the scanner reads. */
export type StorageArea = 'localStorage' | 'sessionStorage' | 'indexedDB';

/** A storage key (or an IndexedDB database name) found at the end of a phase. */
export interface StorageItem {
  /** Where it lives. */
  area: StorageArea;
  /** The key, or the database name for IndexedDB. */
  key: string;
  /** URL of the script that wrote it, or `null` when not seen. */
  setBy: string | null;
  /** The scripts that loaded `setBy` (see {@link CookieItem.via}). */
  via: string[];
  /** Consent category. */
  category: string;
  /** Service or `null`. */
  service: string | null;
}

/** One request the pages made. */
export interface RequestItem {
  /** Full URL. */
  url: string;
  /** Host name. */
  host: string;
  /** Whether the host's registrable domain (eTLD+1) differs from the page's. */
  thirdParty: boolean;
  /** Resource type as the browser names it (`Script`, `XHR`, `Fetch`, `Image`, `Document`, …). */
  type: string;
  /** URL of the script that made it, else the document that asked for it (parser), else `null`. */
  initiator: string | null;
}

/** What one phase left behind. */
export interface PhaseResult {
  /** Cookies in the jar at the end. */
  cookies: CookieItem[];
  /** Storage keys and IndexedDB databases at the end. */
  storage: StorageItem[];
  /** Requests made (after the decision and its reload, for the decision phases). */
  requests: RequestItem[];
}

/** Finding kinds: an item (`cookie`, `storage`), a tracker `request`, or `banner` when no way to decide was found. */
export type FindingKind = 'cookie' | 'storage' | 'request' | 'banner';

/** One finding. */
export interface Finding {
  /** `error` fails `--fail-on pre-consent`; `warning` never fails. */
  severity: 'error' | 'warning';
  /** The phase it was seen in. */
  phase: PhaseName;
  /** What kind of item. */
  kind: FindingKind;
  /** The item's name (cookie name, storage key, request host). */
  name: string;
  /** One sentence for people. */
  message: string;
}

/** One page visited. */
export interface PageVisit {
  /** Its URL. */
  url: string;
  /** HTTP status of the start page's load in the first phase, or `null`. */
  status: number | null;
}

/** report.json. */
export interface Report {
  /** The start URL. */
  url: string;
  /** When the scan started (ISO 8601). */
  scannedAt: string;
  /** The pages visited in every phase, the start page first. */
  pages: PageVisit[];
  /** What each phase left behind. */
  phases: Record<PhaseName, PhaseResult>;
  /** Findings, errors first. */
  findings: Finding[];
  /** How each phase decided: `consent-gate`, `banner`, `none` (no way found) or `-` (the phase does not decide). */
  decisions: Record<PhaseName, string>;
}
