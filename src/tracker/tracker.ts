/**
 * The analytics tracker: a {@link ConsentFollower} that runs exactly while
 * the visitor allows `analytics` and a collector is configured. It records
 * page views (on opt-in or load, History API navigation, back/forward-cache
 * restore), visible time and custom events, and sends each as one beacon.
 * @packageDocumentation
 */
import type { ResolvedConfig } from '../core/config-types.js';
import type { ConsentFollower } from '../core/follower.js';
import { attempt } from '../core/safe.js';
import type { ConsentState } from '../core/types.js';
import { sendBeacon } from '../core/beacon.js';
import { visibleTime } from './engagement.js';
import { buildEvent, cleanProps, describePage, type EventProps, type Page, type WireEvent } from './event.js';
import { watchHistory } from './spa.js';
import { createIdentity, type Identity } from './visit.js';
import { requestVisitorData, saveFile } from './visitor-data.js';

/** Options of {@link Tracker}. */
export interface TrackerOptions {
  /** The clock (ms since the epoch); `Date.now` by default, read at every use. */
  now?: () => number;
}

/**
 * Page views, engagement and custom events for the collector, plus the
 * visitor's access to and erasure of what it recorded. Never throws.
 */
export class Tracker implements ConsentFollower {
  private readonly _config: ResolvedConfig;
  private readonly _now: () => number;
  private readonly _identity: Identity;
  /** The consent sent with every event; `null` while stopped. */
  private _consent: WireEvent['consent'] | null = null;
  /** Removes the listeners; `null` while stopped. */
  private _stop: (() => void) | null = null;
  /** The page of the last page view, and its URL without fragment. */
  private _page: Page | null = null;
  private _href = '';
  /** Visible time since the last engagement event. */
  private _visible: () => number = () => 0;

  /** Tracks for `config` (its `collector`, `trackSpa`, `searchParam` and `cookieDomain`). */
  constructor(config: ResolvedConfig, { now = () => Date.now() }: TrackerOptions = {}) {
    this._config = config;
    this._now = now;
    this._identity = createIdentity(config.cookieDomain);
  }

  /**
   * Starts with `analytics` granted (recording the current page once); otherwise stops and deletes `cg_vid`
   * and `cg_visit`. After `reset()` (no decision, where there was one) it forgets the kept visitor id too.
   */
  update(state: ConsentState | null, previous: ConsentState | null = null): void {
    if (state?.categories.analytics !== true || !this._config.collector) {
      this._halt();
      if (!state && previous) this._identity.erase();
      else this._identity.clear();
      return;
    }
    this._consent = { id: state.id, revision: state.revision, analytics: true };
    if (!this._stop) this._begin();
  }

  /** Stops tracking; the cookies stay, as the decision does. */
  destroy(): void {
    this._halt();
  }

  /** Sends a custom `event` named `name` (≤ 128 characters) with `props`. */
  track(name: string, props?: EventProps): void {
    if (typeof name === 'string' && name)
      this._send('event', describePage(location.href, this._config.searchParam), { name: name.slice(0, 128), props: cleanProps(props) });
  }

  /** Sends a `pageview` of `url` (default: the current page). */
  trackPageview(url?: string): void {
    this._pageview(typeof url === 'string' ? url : location.href);
  }

  /** Whether the visitor has data to download or delete: a collector and a visitor id (`cg_vid`, or the one kept after a withdrawal). */
  get hasData(): boolean {
    return !!this._config.collector && !!this._identity.visitorId();
  }

  /** Downloads `GET {collector}/visitor/{cg_vid}` as a JSON file; resolves whether it worked. */
  async downloadData(): Promise<boolean> {
    const data = await this._visitorRequest('GET');
    return data !== null && attempt(() => (saveFile('my-data.json', data), true), false);
  }

  /** Erases the visitor's events (`DELETE {collector}/visitor/{id}`), then deletes `cg_vid`, `cg_visit` and the kept id; resolves whether it worked. */
  async deleteData(): Promise<boolean> {
    const done = (await this._visitorRequest('DELETE')) !== null;
    if (done) this._identity.erase();
    return done;
  }

  private _visitorRequest(method: 'GET' | 'DELETE'): Promise<string | null> {
    const id = this._identity.visitorId();
    return id && this._config.collector
      ? requestVisitorData(`${this._config.collector}/visitor/${encodeURIComponent(id)}`, method)
      : Promise.resolve(null);
  }

  private _begin(): void {
    this._visible = visibleTime(this._now);
    const onVisibility = () => {
      const visible = this._visible();
      if (document.visibilityState === 'hidden') this._engagement(visible);
    };
    const onPageHide = () => this._engagement(this._visible());
    const onPageShow = (event: PageTransitionEvent) => {
      if (!event.persisted) return;
      this._visible();
      this._pageview(location.href);
    };
    const unwatch = this._config.trackSpa ? watchHistory((replaced) => this._navigated(replaced)) : () => {};
    document.addEventListener('visibilitychange', onVisibility);
    addEventListener('pagehide', onPageHide);
    addEventListener('pageshow', onPageShow);
    this._stop = () => {
      unwatch();
      document.removeEventListener('visibilitychange', onVisibility);
      removeEventListener('pagehide', onPageHide);
      removeEventListener('pageshow', onPageShow);
    };
    // The page on which the visitor opted in counts once, even if consent is given again on it.
    if (location.href.split('#')[0] !== this._href) this._pageview(location.href);
  }

  private _halt(): void {
    this._stop?.();
    this._stop = this._consent = null;
  }

  /** A History API navigation: a new page unless only the fragment (or, for `replaceState`, only the query) changed. */
  private _navigated(replaced: boolean): void {
    const href = location.href.split('#')[0]!;
    const samePage = replaced ? location.pathname === this._page?.path : href === this._href;
    this._href = href;
    if (samePage) return;
    this._engagement(this._visible());
    this._pageview(href);
  }

  private _pageview(href: string): void {
    if (!this._consent) return;
    this._page = describePage(href, this._config.searchParam);
    this._href = href.split('#')[0]!;
    this._send('pageview', this._page);
  }

  private _engagement(engagedMs: number): void {
    if (engagedMs > 0 && this._page) this._send('engagement', this._page, { engagedMs });
  }

  private _send(type: WireEvent['type'], page: Page, extra?: Pick<WireEvent, 'engagedMs' | 'name' | 'props'>): void {
    const consent = this._consent;
    if (!consent) return;
    try {
      const now = this._now();
      sendBeacon(
        `${this._config.collector}/collect`,
        JSON.stringify(buildEvent(type, page, this._identity.touch(now), consent, now, extra)),
      );
    } catch (error) {
      console.error('consent-gate: an analytics event could not be sent', error);
    }
  }
}
