/**
 * The tracker's stand-in: the analytics code is fetched only once it has
 * something to do, so a visitor who has not said yes downloads none of it.
 * @packageDocumentation
 */
import type { ResolvedConfig } from '../core/config-types.js';
import type { ConsentFollower } from '../core/follower.js';
import type { ConsentState } from '../core/types.js';
import type { EventProps } from './event.js';
import type { Tracker } from './tracker.js';
import { identityCookies, type IdentityCookies } from './identity-cookies.js';

/**
 * Stands in for {@link Tracker}, with the same methods. It loads the tracker
 * when analytics are granted with a collector configured, or when the visitor
 * asks for their data; calls made while it loads are replayed in order.
 * Until then it deletes leftover identity cookies itself.
 */
export class LazyTracker implements ConsentFollower {
  private _tracker: Tracker | null = null;
  private _loading: Promise<Tracker | null> | null = null;
  private _latest: ConsentState | null = null;
  private _destroyed = false;
  private readonly _identity: IdentityCookies;

  /** @param _config - the validated configuration (`collector`, …), handed to the tracker */
  constructor(private readonly _config: ResolvedConfig) {
    this._identity = identityCookies(_config.cookieDomain);
  }

  /** See {@link Tracker.update}. */
  update(state: ConsentState | null, previous: ConsentState | null = null): void {
    this._latest = state;
    if (this._tracker) this._tracker.update(state, previous);
    else if (this._granted()) void this._load();
    else if (!state && previous) this._identity.erase();
    else this._identity.clear();
  }

  /** See {@link Tracker.destroy}. */
  destroy(): void {
    this._destroyed = true;
    this._tracker?.destroy();
  }

  /** See {@link Tracker.track}; dropped unless analytics are granted. */
  track(name: string, props?: EventProps): void {
    if (this._granted()) void this._load().then((tracker) => tracker?.track(name, props));
  }

  /** See {@link Tracker.trackPageview}; dropped unless analytics are granted. */
  trackPageview(url?: string): void {
    if (this._granted()) void this._load().then((tracker) => tracker?.trackPageview(url));
  }

  /** See {@link Tracker.hasData}. */
  get hasData(): boolean {
    return this._tracker ? this._tracker.hasData : !!this._config.collector && !!this._identity.visitorId();
  }

  /** See {@link Tracker.downloadData}. */
  async downloadData(): Promise<boolean> {
    return (await this._load())?.downloadData() ?? false;
  }

  /** See {@link Tracker.deleteData}. */
  async deleteData(): Promise<boolean> {
    return (await this._load())?.deleteData() ?? false;
  }

  private _granted(): boolean {
    return this._latest?.categories.analytics === true && !!this._config.collector;
  }

  /** Loads the tracker once and brings it up to date; resolves to `null` if its code could not be fetched. */
  private _load(): Promise<Tracker | null> {
    this._loading ??= import('./tracker.js').then(
      ({ Tracker }) => {
        if (this._destroyed) return null;
        this._tracker = new Tracker(this._config);
        this._tracker.update(this._latest);
        return this._tracker;
      },
      (error: unknown) => {
        console.error('consent-gate: the analytics code could not be loaded; nothing is tracked', error);
        this._loading = null;
        return null;
      },
    );
    return this._loading;
  }
}
