/**
 * Command-line options of `consent-gate-collector` (SPEC §8), parsed with
 * `node:util` parseArgs and checked before anything starts.
 * @packageDocumentation
 */

import { parseArgs } from 'node:util';
import { DEFAULT_ADMIN_THROTTLE } from './admin-throttle.js';
import { DEFAULT_RETENTION_DAYS } from './app.js';
import { MIN_ADMIN_TOKEN_LENGTH } from './auth.js';
import { DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './connection-limits.js';
import { IP_MODES, type IpMode } from './ip.js';
import { DEFAULT_TIME_ZONE, isTimeZone } from './query/time-zone.js';

/** Environment variable read when `--admin-token` is not given (keeps the token out of `ps`). */
export const ADMIN_TOKEN_ENV = 'CONSENT_GATE_ADMIN_TOKEN';

/** Default of `--db`. */
const DEFAULT_DB = './consent-gate.db';

/** Longest accepted timeout: an hour. */
const MAX_TIMEOUT_SECONDS = 3600;

const seconds = (ms: number): number => ms / 1000;

/** The validated command line; the slow-client limits in the app's milliseconds. */
export interface CliOptions extends ConnectionLimits {
  port: number;
  host: string;
  /** SQLite file; unused when `databaseUrl` is set. */
  db: string;
  /** `postgres://…` URL of the PostgreSQL store, or undefined for SQLite. */
  databaseUrl: string | undefined;
  allowOrigins: string[];
  trustProxy: boolean;
  retentionDays: number;
  ipMode: IpMode;
  adminToken: string | undefined;
  cookieDomain: string | undefined;
  /** Request header holding the visitor's country, set by a proxy the operator trusts. */
  countryHeader: string | undefined;
  /** IANA name of the reporting time zone. */
  timezone: string;
}

/** A bad command line: printed on stderr, exit code 2. */
export class UsageError extends Error {}

/** The `--help` text; lists every option. */
export const HELP = `Usage: consent-gate-collector [options]

Collector for consent-gate: stores analytics events and proof of consent in an
embedded SQLite file or a PostgreSQL database, answers visitors' access and
erasure requests and gives the site owner statistics and a dashboard.

Options:
  --port PORT             TCP port to listen on (0 = any free port)    [8787]
  --host HOST             address to bind                              [127.0.0.1]
  --db FILE               SQLite database file (created if missing)    [./consent-gate.db]
  --database-url URL      PostgreSQL store instead of SQLite, e.g.
                          postgres://user@db.example.com:5432/analytics
                          (password from PGPASSWORD or ~/.pgpass)
  --allow-origin LIST     comma-separated origins allowed by CORS, e.g.
                          https://example.com,https://www.example.com  [none]
  --trust-proxy           take the client IP from X-Forwarded-For      [off]
  --retention-days DAYS   purge events and consent records older than  [${DEFAULT_RETENTION_DAYS}]
  --ip MODE               full | truncated | none: IP stored with events [full]
  --admin-token TOKEN     bearer token for GET /stats and the dashboard (or env
                          ${ADMIN_TOKEN_ENV}), at least ${MIN_ADMIN_TOKEN_LENGTH} characters, e.g.
                          from \`openssl rand -hex 32\`; without one /stats always
                          answers 401. After ${DEFAULT_ADMIN_THROTTLE.maxFailures} wrong tokens from one address
                          within ${seconds(DEFAULT_ADMIN_THROTTLE.windowMs)} s, it gets 429 until those ${seconds(DEFAULT_ADMIN_THROTTLE.windowMs)} s are over
  --cookie-domain DOMAIN  re-issue the cg_consent cookie for DOMAIN from POST /consent
  --country-header NAME   take the visitor's country from this request header,
                          set by a proxy you trust (e.g. cf-ipcountry); without
                          it, from the offline IP database. Never trusted unnamed
  --timezone ZONE         reporting time zone of POST /api/query (days,  [${DEFAULT_TIME_ZONE}]
                          hours, weekdays), an IANA name, e.g. Europe/Berlin
  --headers-timeout SEC   a request's line and headers must arrive     [${seconds(DEFAULT_CONNECTION_LIMITS.headersTimeoutMs)}]
                          within SEC seconds, else 408 and closed
  --request-timeout SEC   the whole request, body included, within     [${seconds(DEFAULT_CONNECTION_LIMITS.requestTimeoutMs)}]
                          SEC seconds, else 408 and closed
  --keep-alive-timeout SEC
                          close an idle keep-alive connection after    [${seconds(DEFAULT_CONNECTION_LIMITS.keepAliveTimeoutMs)}]
                          SEC seconds (behind a load balancer: longer
                          than the balancer's own idle timeout)
  --max-connections N     close connections beyond N at once           [${DEFAULT_CONNECTION_LIMITS.maxConnections}]
  -h, --help              show this help

Endpoints: POST /collect, POST /consent, GET|DELETE /visitor/:id, GET /stats,
POST /api/query, GET /dashboard, GET /health
`;

/**
 * Parse `argv` (without node and script). Returns `'help'` for `--help`;
 * throws {@link UsageError} for unknown options or invalid values.
 */
export function parseCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        db: { type: 'string' },
        'database-url': { type: 'string' },
        'allow-origin': { type: 'string', multiple: true, default: [] },
        'trust-proxy': { type: 'boolean', default: false },
        'retention-days': { type: 'string', default: String(DEFAULT_RETENTION_DAYS) },
        ip: { type: 'string', default: 'full' },
        'admin-token': { type: 'string' },
        'cookie-domain': { type: 'string' },
        'country-header': { type: 'string' },
        timezone: { type: 'string', default: DEFAULT_TIME_ZONE },
        'headers-timeout': { type: 'string', default: String(seconds(DEFAULT_CONNECTION_LIMITS.headersTimeoutMs)) },
        'request-timeout': { type: 'string', default: String(seconds(DEFAULT_CONNECTION_LIMITS.requestTimeoutMs)) },
        'keep-alive-timeout': { type: 'string', default: String(seconds(DEFAULT_CONNECTION_LIMITS.keepAliveTimeoutMs)) },
        'max-connections': { type: 'string', default: String(DEFAULT_CONNECTION_LIMITS.maxConnections) },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const databaseUrl = values['database-url'];
  if (databaseUrl !== undefined) {
    checkDatabaseUrl(databaseUrl);
    if (values.db !== undefined) throw new UsageError('give either --db (SQLite) or --database-url (PostgreSQL), not both');
  }
  const headersTimeout = integer(values['headers-timeout'], '--headers-timeout', 1, MAX_TIMEOUT_SECONDS);
  const requestTimeout = integer(values['request-timeout'], '--request-timeout', 1, MAX_TIMEOUT_SECONDS);
  if (headersTimeout > requestTimeout) {
    throw new UsageError(
      `--headers-timeout (${headersTimeout}) must not exceed --request-timeout (${requestTimeout}): the headers are part of the request`,
    );
  }
  return {
    port: integer(values.port, '--port', 0, 65535),
    host: nonEmpty(values.host, '--host'),
    db: nonEmpty(values.db ?? DEFAULT_DB, '--db'),
    databaseUrl,
    allowOrigins: values['allow-origin'].flatMap((list) => list.split(',')).map(origin),
    trustProxy: values['trust-proxy'],
    retentionDays: integer(values['retention-days'], '--retention-days', 1, 36500),
    ipMode: ipMode(values.ip),
    adminToken: adminToken(values['admin-token'], env[ADMIN_TOKEN_ENV]),
    cookieDomain: cookieDomain(values['cookie-domain']),
    countryHeader: countryHeader(values['country-header']),
    timezone: timeZone(values.timezone),
    headersTimeoutMs: headersTimeout * 1000,
    requestTimeoutMs: requestTimeout * 1000,
    keepAliveTimeoutMs: integer(values['keep-alive-timeout'], '--keep-alive-timeout', 1, MAX_TIMEOUT_SECONDS) * 1000,
    maxConnections: integer(values['max-connections'], '--max-connections', 1, 1_000_000),
  };
}

function checkDatabaseUrl(url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !/^postgres(ql)?:$/i.test(parsed.protocol)) {
    throw new UsageError(`--database-url must be a postgres:// URL, got "${redactUrl(url)}"`);
  }
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

function integer(text: string, name: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

function nonEmpty(text: string, name: string): string {
  if (text.trim() === '') throw new UsageError(`${name} must not be empty`);
  return text;
}

/**
 * The admin token from `--admin-token`, else from the environment: long enough
 * not to be guessed, and without spaces, which `Authorization: Bearer TOKEN`
 * could not carry. Errors name where the token came from.
 */
function adminToken(option: string | undefined, fromEnv: string | undefined): string | undefined {
  const [text, name] = option !== undefined ? [option, '--admin-token'] : [fromEnv, ADMIN_TOKEN_ENV];
  if (text === undefined) return undefined;
  nonEmpty(text, name);
  if (/\s/.test(text)) throw new UsageError(`${name} must not contain spaces: it travels as "Authorization: Bearer TOKEN"`);
  if (text.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new UsageError(
      `${name} must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters (got ${text.length}); make one with \`openssl rand -hex 32\``,
    );
  }
  return text;
}

function origin(text: string): string {
  const trimmed = text.trim();
  let parsed: URL | undefined;
  try {
    parsed = new URL(trimmed);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== trimmed) {
    throw new UsageError(`--allow-origin takes origins like https://example.com (no path), got "${trimmed}"`);
  }
  return trimmed;
}

function ipMode(text: string): IpMode {
  if (!(IP_MODES as readonly string[]).includes(text)) {
    throw new UsageError(`--ip must be one of ${IP_MODES.join(', ')}, got "${text}"`);
  }
  return text as IpMode;
}

function cookieDomain(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!/^\.?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(text)) {
    throw new UsageError(`--cookie-domain must be a domain name like example.com, got "${text}"`);
  }
  return text;
}

/** A request header name (an HTTP token), as the operator's proxy sets it. */
function countryHeader(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(text)) {
    throw new UsageError(`--country-header must be a request header name like cf-ipcountry, got "${text}"`);
  }
  return text.toLowerCase();
}

function timeZone(text: string): string {
  if (!isTimeZone(text)) throw new UsageError(`--timezone must be an IANA time zone like Europe/Berlin or UTC, got "${text}"`);
  return text;
}
