/**
 * The collector as a Fastify application, built from options; `main.ts` only
 * parses the command line and listens.
 * @packageDocumentation
 */

import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { throttleAdminFailures, type AdminThrottle } from './admin-throttle.js';
import { createBearerCheck } from './auth.js';
import {
  CLOSING_GRACE_MS,
  limitConnections,
  resolveConnectionLimits,
  timeoutServerOptions,
  trackArrivingRequests,
  type ConnectionLimits,
} from './connection-limits.js';
import type { CollectorContext } from './context.js';
import { registerCors } from './cors.js';
import { speedUpDateTime } from './date-time-format.js';
import { createEnricher } from './enrichment/index.js';
import type { IpMode } from './ip.js';
import { CollectorMetrics } from './metrics.js';
import { purgeExpired, scheduleRetention } from './retention.js';
import { registerCollect } from './routes/collect.js';
import { registerConsent } from './routes/consent.js';
import { registerConsentLog } from './routes/consents.js';
import { registerDashboard } from './routes/dashboard.js';
import { registerHealth } from './routes/health.js';
import { registerQuery } from './routes/query.js';
import { registerStats } from './routes/stats.js';
import { registerVisitor } from './routes/visitor.js';
import { BODY_LIMIT } from './schemas.js';
import type { Storage } from './storage/storage.js';
import { StoreUnavailableError } from './storage/store-unavailable.js';
import { DEFAULT_TIME_ZONE, isTimeZone } from './query/time-zone.js';
import { RollupMaintainer } from './query/rollup-maintainer.js';
import { createAgentClassifier } from './user-agent.js';
import { limitUserAgent } from './user-agent-limit.js';

/**
 * Everything a collector instance is built from. The {@link ConnectionLimits}
 * (timeouts for slow and idle clients, the connection cap) default to
 * `DEFAULT_CONNECTION_LIMITS`.
 */
export interface AppOptions extends Partial<ConnectionLimits> {
  /** The store; the app owns it and closes it when the app closes. */
  storage: Storage;
  /** Origins allowed to read answers (CORS) and to record consent (`POST /consent`); empty for none. */
  allowOrigins?: readonly string[];
  /** Take the client IP from `X-Forwarded-For` (behind a reverse proxy). */
  trustProxy?: boolean;
  /** Purge events and consent records older than this many days. Default 395. */
  retentionDays?: number;
  /** How much of the client IP is stored with events. Default `full`. */
  ipMode?: IpMode;
  /** Token for `GET /stats`, at least 16 characters; without it `/stats` always answers 401. */
  adminToken?: string;
  /** Wrong admin tokens accepted per address and window before 429. Default 10 a minute. */
  adminThrottle?: AdminThrottle;
  /** Re-issue `cg_consent` for this domain from `POST /consent`. */
  cookieDomain?: string;
  /** Request header holding the visitor's country (e.g. `cf-ipcountry`); only this header is trusted. */
  countryHeader?: string;
  /** IANA name of the reporting time zone of `POST /api/query`. Default `UTC`. */
  timezone?: string;
  /** Time between two passes of the roll-up maintainer, in ms. Default a minute (tests set it out of their way). */
  rollupIntervalMs?: number;
  /** Requests per client address and minute to `GET` and `DELETE /visitor/:id` together, before 429. Default 60. */
  visitorRateLimit?: number;
  /** Server clock. Default `() => new Date()`. */
  clock?: () => Date;
  /** Where unexpected errors are reported. Default `console.error`. */
  logError?: (error: unknown) => void;
  /** The built dashboard's folder. Default `dashboard/` beside the collector's modules. */
  dashboardDirectory?: URL;
}

/** Default of `--retention-days`: 13 months. */
export const DEFAULT_RETENTION_DAYS = 395;

/**
 * Build the collector (routes, validation, CORS, retention). It does not
 * listen; `ready()` runs the first retention purge.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const logError = options.logError ?? ((error: unknown) => console.error(error));
  const clock = options.clock ?? (() => new Date());
  const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
  const limits = resolveConnectionLimits(options);
  const timezone = options.timezone ?? DEFAULT_TIME_ZONE;
  if (!isTimeZone(timezone)) throw new RangeError(`unknown time zone "${timezone}"`);
  const ctx: CollectorContext = {
    storage: options.storage,
    metrics: new CollectorMetrics(),
    classifyAgent: createAgentClassifier(),
    enricher: await createEnricher({ countryHeader: options.countryHeader }),
    timezone,
    ipMode: options.ipMode ?? 'full',
    isAdmin: createBearerCheck(options.adminToken),
    cookieDomain: options.cookieDomain,
    clock,
  };

  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    // One proxy in front: trust the peer (hop 0) only, so the client is the last address the proxy
    // added to X-Forwarded-For; earlier entries came from the client itself and could be forged.
    trustProxy: options.trustProxy ? (_address: string, hop: number) => hop === 0 : false,
    // Visitor ids may be 128 characters (schemas.ts); longer path parameters get the schema's 400, not a 414.
    routerOptions: { maxParamLength: 512 },
    // In-flight requests finish on close; idle keep-alive sockets are closed.
    forceCloseConnections: 'idle',
    // Slow clients: headers and whole requests must arrive in time, idle keep-alive sockets close.
    ...timeoutServerOptions(limits),
    // No logger, so request ids would never be read: skip generating them.
    genReqId: () => '',
    ajv: {
      customOptions: { coerceTypes: false, removeAdditional: true, allErrors: false },
      onCreate: speedUpDateTime,
    },
  });

  limitConnections(app.server, limits);
  const closeArriving = trackArrivingRequests(app.server);

  // sendBeacon sends JSON as text/plain (no CORS preflight): parse it like JSON,
  // with the same prototype-poisoning protection.
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.validation) {
      return reply.code(400).send({ error: `invalid ${error.validationContext ?? 'request'}: ${error.message}` });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return reply.code(400).send({ error: 'body is not valid JSON' });
    }
    // The store reported its outage once (storage/availability.ts); each request just learns when to retry.
    if (error instanceof StoreUnavailableError) {
      return reply.code(503).header('retry-after', String(error.retryAfterSeconds)).send({ error: error.message });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500 || status < 400) {
      logError(error);
      return reply.code(500).send({ error: 'internal error' });
    }
    return reply.code(status).send({ error: error.message });
  });
  // Before any route reads it: events and consent records store at most 512 characters of it.
  app.addHook('onRequest', limitUserAgent);
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error: `no route ${request.method} ${request.url.split('?', 1)[0]}` });
  });

  await registerCors(app, options.allowOrigins ?? []);
  registerCollect(app, ctx);
  registerConsent(app, ctx, options.allowOrigins ?? []);
  registerVisitor(app, ctx, options.visitorRateLimit);
  // The admin routes in a context of their own, so that the throttle's hook applies to them only.
  await app.register(async (admin) => {
    await throttleAdminFailures(admin, ctx.isAdmin, options.adminThrottle);
    registerStats(admin, ctx);
    registerConsentLog(admin, ctx);
    registerQuery(admin, ctx);
  });
  registerDashboard(app, options.dashboardDirectory);
  registerHealth(app, ctx);

  let stopRetention = (): void => {};
  // The query API's roll-ups, kept up to date in the background (query/rollup-maintainer.ts).
  const rollups = new RollupMaintainer(ctx.storage, timezone, clock, logError, options.rollupIntervalMs);
  app.decorate('rollups', rollups);
  app.addHook('onReady', async () => {
    await purgeExpired(ctx.storage, retentionDays, clock());
    stopRetention = scheduleRetention(ctx.storage, retentionDays, clock, logError);
    rollups.start();
  });
  let closingGrace: NodeJS.Timeout | undefined;
  // Keep-alive sockets of requests still in flight must not hold the shutdown
  // open for the keep-alive timeout: once their answer is sent, they close.
  app.addHook('preClose', async () => {
    app.server.keepAliveTimeout = 1;
    // A client still sending its request (a slow one, or one that never finishes) has a little
    // while to finish; then it is cut off, so that it cannot hold the shutdown.
    closingGrace = setTimeout(closeArriving, CLOSING_GRACE_MS).unref();
  });
  // Runs after in-flight requests were answered: flush pending writes, close the file.
  app.addHook('onClose', async () => {
    clearTimeout(closingGrace);
    stopRetention();
    await rollups.stop();
    await ctx.storage.close();
  });
  return app;
}
