/**
 * JSON schemas of the wire format (SPEC §7 events, SPEC §3 consent state) and
 * of the collector's answers. Fastify compiles them once (ajv for input,
 * fast-json-stringify for output). Unknown properties are dropped, so a newer
 * SDK sending more fields is not refused.
 * @packageDocumentation
 */

import { MAX_REVISION, NAME_PATTERN } from 'consent-gate/protocol';

/** Most events one `POST /collect` may carry. */
export const MAX_BATCH = 100;

/** Largest accepted request body (SPEC §8: 64 KiB). */
export const BODY_LIMIT = 64 * 1024;

/** Random ids made by the browser (`crypto.randomUUID()` or similar). */
export const ID_PATTERN = '^[A-Za-z0-9_.:-]{1,128}$';

/**
 * Text both stores keep as sent: no U+0000 (PostgreSQL's `text` cannot hold
 * it, SQLite can) and no lone surrogate (each driver replaces it differently:
 * one U+FFFD in PostgreSQL, three in SQLite). Refused alike for both stores;
 * no real title, URL or name has either. ajv compiles patterns with the `u`
 * flag, where a surrogate pair is one code point outside the class.
 */
export const WELL_FORMED_TEXT = '^[^\\u0000\\ud800-\\udfff]*$';

const id = { type: 'string', pattern: ID_PATTERN } as const;
const text = (maxLength: number) => ({ type: 'string', maxLength, pattern: WELL_FORMED_TEXT }) as const;
/** A policy revision both stores hold (PostgreSQL `integer`). */
const revision = { type: 'integer', minimum: 0, maximum: MAX_REVISION } as const;
/** RFC 3339 date-time in the years 1000–9998: both stores can hold it, whatever its offset. */
const isoTime = { type: 'string', format: 'date-time', pattern: '^(?!0|9999)', maxLength: 40 } as const;

const props = {
  type: 'object',
  maxProperties: 32,
  propertyNames: text(64),
  additionalProperties: {
    anyOf: [text(512), { type: 'number' }, { type: 'boolean' }],
  },
} as const;

/** A campaign tag's value, as the SDK cuts it. */
const utmValue = text(256);

/** The page URL's campaign tags: the five `utm_*` parameters (unknown ones are dropped). */
const utm = {
  type: 'object',
  additionalProperties: false,
  properties: { source: utmValue, medium: utmValue, campaign: utmValue, term: utmValue, content: utmValue },
} as const;

/** One analytics event (SPEC §7), plus the optional site-search term `search`. */
export const eventSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'url', 'path', 'visitorId', 'visitId', 'ts'],
  properties: {
    type: { type: 'string', enum: ['pageview', 'engagement', 'event'] },
    url: text(2048),
    path: text(2048),
    title: text(512),
    referrer: text(2048),
    search: text(256),
    utm,
    visitorId: id,
    visitId: id,
    visitStart: isoTime,
    ts: isoTime,
    language: text(35),
    screen: { type: 'string', pattern: '^[0-9]{1,5}x[0-9]{1,5}$' },
    timezone: text(64),
    engagedMs: { type: 'integer', minimum: 0, maximum: 2_592_000_000 },
    name: text(128),
    props,
    // `analytics` is checked by the handler: anything but `true` is a 403, not a 400.
    consent: {
      type: 'object',
      additionalProperties: false,
      properties: { id, revision, analytics: {} },
    },
  },
  if: { properties: { type: { const: 'event' } } },
  then: { required: ['name'] },
} as const;

/** `POST /collect` body after normalisation: a single event is wrapped in an array. */
export const collectBodySchema = {
  type: 'array',
  minItems: 1,
  maxItems: MAX_BATCH,
  items: eventSchema,
} as const;

/** `POST /consent` body: a `ConsentState` (a stored cookie's `v` is tolerated and dropped). */
export const consentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'revision', 'timestamp', 'method', 'categories'],
  properties: {
    id,
    revision,
    timestamp: isoTime,
    method: { type: 'string', enum: ['accept-all', 'reject-all', 'custom', 'gpc'] },
    categories: {
      type: 'object',
      maxProperties: 64,
      // The SDK's category names: anything else was not written by the SDK.
      propertyNames: { pattern: NAME_PATTERN.source },
      additionalProperties: { type: 'boolean' },
    },
  },
} as const;

/** `/visitor/:id` path parameters. */
export const visitorParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id },
} as const;

/** `GET /stats` query string. */
export const statsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
    to: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
  },
} as const;

const ranked = (key: string, count: string) =>
  ({
    type: 'array',
    items: { type: 'object', properties: { [key]: { type: 'string' }, [count]: { type: 'integer' } } },
  }) as const;

/** The per-method consent figures, as integers (counts) or numbers (shares). */
const byMethod = (type: 'integer' | 'number') => ({ acceptAll: { type }, rejectAll: { type }, custom: { type }, gpc: { type } }) as const;

const consentCountProperties = { total: { type: 'integer' }, ...byMethod('integer') } as const;

const consentStatsSchema = {
  type: 'object',
  properties: {
    ...consentCountProperties,
    shares: { type: 'object', properties: byMethod('number') },
    days: {
      type: 'array',
      items: { type: 'object', properties: { date: { type: 'string' }, ...consentCountProperties } },
    },
  },
} as const;

/** `GET /stats` answer. */
export const statsResponseSchema = {
  200: {
    type: 'object',
    properties: {
      from: { type: 'string' },
      to: { type: 'string' },
      pageviews: { type: 'integer' },
      visitors: { type: 'integer' },
      visits: { type: 'integer' },
      avgVisitSeconds: { type: 'integer' },
      topPages: ranked('path', 'pageviews'),
      referrers: ranked('referrer', 'visits'),
      browsers: ranked('browser', 'visitors'),
      days: {
        type: 'array',
        items: {
          type: 'object',
          properties: { date: { type: 'string' }, pageviews: { type: 'integer' }, visitors: { type: 'integer' } },
        },
      },
      consents: consentStatsSchema,
    },
  },
} as const;
