/**
 * The network seen through a DevTools (CDP) session: every request with its
 * initiator (async stacks included), the script that loaded each script, and
 * every Set-Cookie header with the response that carried it.
 * @packageDocumentation
 */
import type { CDPSession } from 'playwright-core';
import { isThirdParty } from '../site.js';
import { initiatorScript, type Initiator } from '../attribution.js';
import type { RequestItem } from '../types.js';

/** A Set-Cookie header line and the response it came with. */
export interface SetCookieRecord {
  /** Cookie name. */
  name: string;
  /** The Domain attribute without a leading dot, else the response's host. */
  domain: string;
  /** The response's URL. */
  url: string;
  /** When it was seen (ms since the epoch). */
  at: number;
}

interface RequestWillBeSent {
  requestId: string;
  documentURL?: string;
  request: { url: string };
  type?: string;
  initiator: Initiator;
}

interface ExtraInfo {
  requestId: string;
  headers: Record<string, string>;
}

/** Records one page's network, in one tab, across its navigations. */
export class NetworkRecorder {
  /** Requests since the last {@link NetworkRecorder.clearRequests}. */
  readonly requests: RequestItem[] = [];
  /** The page each of {@link NetworkRecorder.requests} was made on (same index). */
  readonly requestPages: string[] = [];
  /** Every Set-Cookie header line seen, in order. */
  readonly setCookies: SetCookieRecord[] = [];
  /** Script URL → URL of the script or document that asked for it (first load wins). */
  readonly loaders = new Map<string, string | null>();
  /** URLs of the documents (pages and frames) loaded. */
  readonly documents = new Set<string>();
  private readonly _urls = new Map<string, string>();
  private readonly _initiators = new Map<string, string | null>();
  private readonly _pendingHeaders = new Map<string, Record<string, string>>();
  private readonly _inFlight = new Map<string, number>();
  private _lastActivity = Date.now();
  private _session: CDPSession | null = null;
  private _page = '';
  private readonly _pagesVisited = new Set<string>();

  /** @param siteUrl - the scanned site: requests to another registrable domain are third-party. */
  constructor(private readonly siteUrl: string) {}

  /** Starts recording through `session`, a DevTools session on the page (call before its first navigation). */
  async attach(session: CDPSession): Promise<void> {
    this._session = session;
    session.on('Network.requestWillBeSent', (event: RequestWillBeSent) => this._onRequest(event));
    session.on('Network.responseReceivedExtraInfo', (event: ExtraInfo) => this._onExtraInfo(event));
    const done = (event: { requestId: string }) => {
      this._inFlight.delete(event.requestId);
      this._lastActivity = Date.now();
    };
    session.on('Network.loadingFinished', done);
    session.on('Network.loadingFailed', done);
    await session.send('Network.enable');
    await session.send('Runtime.enable');
    await session.send('Debugger.enable');
    // Async frames: a script injected from a timer or a promise still names its injector.
    await session.send('Debugger.setAsyncCallStackDepth', { maxDepth: 32 });
  }

  /** Says that the tab is about to load `url`: the requests from now on are that page's. */
  visiting(url: string): void {
    this._page = url;
    this._pagesVisited.add(url);
  }

  /** Forgets the requests so far (the decision phases keep only those after their reload). */
  clearRequests(): void {
    this.requests.length = 0;
    this.requestPages.length = 0;
  }

  /**
   * Resolves once no request has been in flight for `quietMs`, or after
   * `maxMs` in any case. A request open for over 2 s (a long poll, a stream, or
   * one whose end DevTools never reports) no longer holds the page back.
   */
  async settle(quietMs: number, maxMs: number): Promise<void> {
    const deadline = Date.now() + maxMs;
    while (Date.now() < deadline) {
      const now = Date.now();
      const open = [...this._inFlight.values()].some((since) => now - since < 2000);
      if (!open && now - this._lastActivity >= quietMs) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The initiator of the first request to `url` (a script or document URL), or `null`. */
  initiatorOf(url: string): string | null {
    return this._initiators.get(url) ?? null;
  }

  /** Stops recording. */
  async detach(): Promise<void> {
    await this._session?.detach().catch(() => undefined);
    this._session = null;
  }

  private _onRequest(event: RequestWillBeSent): void {
    const url = event.request.url;
    this._urls.set(event.requestId, url);
    this._lastActivity = Date.now();
    if (!/^https?:/i.test(url)) return;
    this._inFlight.set(event.requestId, Date.now());
    const pending = this._pendingHeaders.get(event.requestId);
    if (pending) {
      this._pendingHeaders.delete(event.requestId);
      this._recordSetCookies(url, pending);
    }
    const type = event.type ?? 'Other';
    const script = initiatorScript(event.initiator);
    const initiator = script ?? (event.initiator.type === 'parser' ? (event.initiator.url ?? event.documentURL ?? null) : null);
    if (type === 'Document') this.documents.add(url);
    if (!this._initiators.has(url)) this._initiators.set(url, initiator);
    if (type === 'Script' && !this.loaders.has(url)) this.loaders.set(url, initiator);
    this.requests.push({
      url,
      host: new URL(url).hostname,
      thirdParty: isThirdParty(url, this.siteUrl),
      type,
      initiator,
    });
    this.requestPages.push(this._pageOf(event.documentURL));
  }

  /**
   * The visited page a request belongs to: the document that made it when that is a
   * visited page (a beacon sent as the page unloads still counts for it), else the
   * page being loaded (a frame's requests, a redirected page's).
   */
  private _pageOf(documentURL: string | undefined): string {
    const document = documentURL?.split('#')[0];
    return document && this._pagesVisited.has(document) ? document : this._page;
  }

  private _onExtraInfo(event: ExtraInfo): void {
    const url = this._urls.get(event.requestId);
    if (url) this._recordSetCookies(url, event.headers);
    else this._pendingHeaders.set(event.requestId, event.headers);
  }

  private _recordSetCookies(url: string, headers: Record<string, string>): void {
    for (const [header, value] of Object.entries(headers)) {
      if (header.toLowerCase() !== 'set-cookie') continue;
      for (const line of value.split('\n')) {
        const parsed = parseCookieLine(line, new URL(url).hostname);
        if (parsed) this.setCookies.push({ ...parsed, url, at: Date.now() });
      }
    }
  }
}

/**
 * Name and domain of a `Set-Cookie` value or a `document.cookie` write;
 * `null` when it has no name. The domain is the Domain attribute (no leading
 * dot), else `host`.
 */
export function parseCookieLine(line: string, host: string): { name: string; domain: string } | null {
  const [pair = '', ...attributes] = line.split(';');
  const eq = pair.indexOf('=');
  const name = (eq === -1 ? '' : pair.slice(0, eq)).trim();
  if (!name) return null;
  let domain = host;
  for (const attribute of attributes) {
    const [key = '', val = ''] = attribute.split('=');
    if (key.trim().toLowerCase() === 'domain' && val.trim()) domain = val.trim().replace(/^\./, '').toLowerCase();
  }
  return { name, domain };
}
