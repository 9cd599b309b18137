/**
 * The columns of the `events` table, shared by both stores: their order is the
 * order of the insert parameters, and reading a row back maps them to the
 * fields of {@link StoredEvent}.
 * @packageDocumentation
 */

import type { StoredEvent } from './storage.js';

/** Column name and record field of every stored event attribute, in insert order. */
export const EVENT_COLUMNS = [
  ['type', 'type'],
  ['url', 'url'],
  ['path', 'path'],
  ['title', 'title'],
  ['referrer', 'referrer'],
  ['search', 'search'],
  ['visitor_id', 'visitorId'],
  ['visit_id', 'visitId'],
  ['visit_start', 'visitStart'],
  ['ts', 'ts'],
  ['language', 'language'],
  ['screen', 'screen'],
  ['timezone', 'timezone'],
  ['engaged_ms', 'engagedMs'],
  ['name', 'name'],
  ['props', 'props'],
  ['consent_id', 'consentId'],
  ['consent_revision', 'consentRevision'],
  ['ip', 'ip'],
  ['user_agent', 'userAgent'],
  ['browser', 'browser'],
  ['referrer_host', 'referrerHost'],
  ['utm', 'utm'],
  ['os', 'os'],
  ['device', 'device'],
  ['country', 'country'],
  ['isp', 'isp'],
  ['source', 'source'],
  ['channel', 'channel'],
  ['hostname', 'hostname'],
  ['received_at', 'receivedAt'],
] as const satisfies readonly (readonly [string, keyof StoredEvent])[];

/** A row of `events` as a driver returns it. */
export type EventRow = Record<(typeof EVENT_COLUMNS)[number][0], unknown>;

/** Insert parameters in {@link EVENT_COLUMNS} order, `props` and `utm` as JSON text (written out: this runs for every event). */
export function eventParams(e: StoredEvent): unknown[] {
  return [
    e.type,
    e.url,
    e.path,
    e.title,
    e.referrer,
    e.search,
    e.visitorId,
    e.visitId,
    e.visitStart,
    e.ts,
    e.language,
    e.screen,
    e.timezone,
    e.engagedMs,
    e.name,
    e.props === null ? null : JSON.stringify(e.props),
    e.consentId,
    e.consentRevision,
    e.ip,
    e.userAgent,
    e.browser,
    e.referrerHost,
    e.utm === null ? null : JSON.stringify(e.utm),
    e.os,
    e.device,
    e.country,
    e.isp,
    e.source,
    e.channel,
    e.hostname,
    e.receivedAt,
  ];
}

/** Map a row back to a record; `convert` turns a driver's value into the field's type. */
export function eventFromRow(row: EventRow, convert: (field: keyof StoredEvent, value: unknown) => unknown): StoredEvent {
  const event = {} as Record<keyof StoredEvent, unknown>;
  for (const [column, field] of EVENT_COLUMNS) event[field] = convert(field, row[column]);
  return event as unknown as StoredEvent;
}
