/**
 * JSON schemas of the wire format (SPEC §7 events, SPEC §3 consent state) and
 * of the collector's answers. Fastify compiles them once (ajv for input,
 * fast-json-stringify for output). Unknown properties are dropped, so a newer
 * SDK sending more fields is not refused.
 * @packageDocumentation
 */

import { NAME_PATTERN } from 'consent-gate/protocol';

/** Most events one `POST /collect` may carry. */
export const MAX_BATCH = 100;

/** Largest accepted request body (SPEC §8: 64 KiB). */
export const BODY_LIMIT = 64 * 1024;

/** Random ids made by the browser (`crypto.randomUUID()` or similar). */
export const ID_PATTERN = '^[A-Za-z0-9_.:-]{1,128}$';

const id = { type: 'string', pattern: ID_PATTERN } as const;
const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;
/** RFC 3339 date-time in the years 1000–9998: both stores can hold it, whatever its offset. */
const isoTime = { type: 'string', format: 'date-time', pattern: '^(?!0|9999)', maxLength: 40 } as const;

const props = {
  type: 'object',
  maxProperties: 32,
  propertyNames: { maxLength: 64 },
  additionalProperties: {
    anyOf: [{ type: 'string', maxLength: 512 }, { type: 'number' }, { type: 'boolean' }],
  },
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
      properties: { id, revision: { type: 'integer', minimum: 0 }, analytics: {} },
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
    revision: { type: 'integer', minimum: 0 },
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

const nullable = (type: string) => ({ type: [type, 'null'] }) as const;

/** One event in a data-access answer: the SPEC §7 fields plus `ip`, `userAgent`, `receivedAt`. */
const visitorEventSchema = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    url: nullable('string'),
    path: nullable('string'),
    title: nullable('string'),
    referrer: nullable('string'),
    search: nullable('string'),
    visitorId: { type: 'string' },
    visitId: nullable('string'),
    visitStart: nullable('string'),
    ts: nullable('string'),
    language: nullable('string'),
    screen: nullable('string'),
    timezone: nullable('string'),
    engagedMs: nullable('integer'),
    name: nullable('string'),
    props: { type: ['object', 'null'], additionalProperties: true },
    consent: {
      type: 'object',
      properties: { id: nullable('string'), revision: nullable('integer'), analytics: { type: 'boolean' } },
    },
    ip: nullable('string'),
    userAgent: nullable('string'),
    receivedAt: { type: 'string' },
  },
} as const;

/** `GET /visitor/:id` answer. */
export const visitorResponseSchema = {
  200: {
    type: 'object',
    required: ['visitorId', 'events'],
    properties: { visitorId: { type: 'string' }, events: { type: 'array', items: visitorEventSchema } },
  },
} as const;

const ranked = (key: string, count: string) =>
  ({
    type: 'array',
    items: { type: 'object', properties: { [key]: { type: 'string' }, [count]: { type: 'integer' } } },
  }) as const;

/** The per-method consent figures, as integers (counts) or numbers (shares). */
const byMethod = (type: 'integer' | 'number') =>
  ({ acceptAll: { type }, rejectAll: { type }, custom: { type }, gpc: { type } }) as const;

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
