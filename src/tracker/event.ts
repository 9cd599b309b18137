/**
 * The wire format (SPEC §7): one JSON object per event. Query strings and
 * fragments are never sent (they can hold tokens, e-mail addresses, …); the
 * site-search term travels on its own in `search`, and the campaign tags
 * (`utm_*` parameters) in `utm`. Values are cut to the collector's limits so
 * that one long title cannot get an event refused.
 * @packageDocumentation
 */
import type { EventProps, Page, WireEvent } from '../core/types.js';
import type { Visit } from './visit.js';

export type { EventProps, Page, WireEvent };

/** The campaign tags of a page URL: its `utm_*` parameters, only those present. */
export interface Utm {
  source?: string;
  medium?: string;
  campaign?: string;
  term?: string;
  content?: string;
}

/** A page with its campaign tags, when its URL has any. */
export type TaggedPage = Page & { utm?: Utm };

/** The five campaign parameters, each read as `utm_` + the key. */
const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;

/** `href` resolved against the page, or `null` when it is not a URL. */
const parseUrl = (href: string): URL | null => {
  try {
    return new URL(href, location.href);
  } catch {
    return null;
  }
};

/** `name`'s value in `url`'s query, trimmed and cut to the collector's 256 characters; empty is none. */
const param = (url: URL, name: string): string | undefined => url.searchParams.get(name)?.trim().slice(0, 256) || undefined;

/**
 * Describes the page at `href`: the term of the query parameter `searchParam`
 * becomes `search`, the non-empty `utm_*` parameters become `utm`; nothing
 * else of the query is kept.
 */
export function describePage(href: string, searchParam: string): TaggedPage {
  const url = parseUrl(href) ?? new URL(location.href);
  const search = param(url, searchParam);
  const utm: Utm = {};
  for (const key of UTM_KEYS) {
    const value = param(url, `utm_${key}`);
    if (value) utm[key] = value;
  }
  return {
    url: (url.origin + url.pathname).slice(0, 2048),
    path: url.pathname.slice(0, 2048),
    title: document.title.slice(0, 512),
    ...(search ? { search } : {}),
    ...(Object.keys(utm).length ? { utm } : {}),
  };
}

/** Keeps what the collector accepts of `props`: 32 entries, names ≤ 64 characters, strings ≤ 512, finite numbers. */
export function cleanProps(props: unknown): EventProps {
  const kept: EventProps = {};
  for (const [key, value] of Object.entries(props ?? {}).slice(0, 32)) {
    if (key.length > 64) continue;
    if (typeof value === 'string') kept[key] = value.slice(0, 512);
    else if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) kept[key] = value;
  }
  return kept;
}

/** Builds one event of `type` on `page` for `visit` at `now`, with `extra` fields (`engagedMs`, `name`, `props`). */
export function buildEvent(
  type: WireEvent['type'],
  page: Page,
  visit: Visit,
  consent: WireEvent['consent'],
  now: number,
  extra?: Pick<WireEvent, 'engagedMs' | 'name' | 'props'>,
): WireEvent {
  const referrer = parseUrl(document.referrer);
  return {
    type,
    ...page,
    referrer: document.referrer && referrer ? (referrer.origin + referrer.pathname).slice(0, 2048) : '',
    ...visit,
    visitStart: new Date(visit.visitStart).toISOString(),
    ts: new Date(now).toISOString(),
    language: navigator.language,
    screen: `${screen.width}x${screen.height}`,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    ...extra,
    consent,
  };
}
