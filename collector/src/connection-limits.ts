/**
 * How long and how many: the HTTP server's limits, so that slow and idle
 * clients cannot hold its sockets. Node's own defaults leave a request that
 * trickles in one byte at a time open for minutes (and Fastify turns its
 * request timeout off), which also keeps a graceful shutdown waiting.
 * @packageDocumentation
 */

import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Limits on client connections; every duration in milliseconds. */
export interface ConnectionLimits {
  /** A request's line and headers must arrive within this time. */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this time. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this time. */
  keepAliveTimeoutMs: number;
  /** Connections beyond this many are closed at once. */
  maxConnections: number;
}

/** The defaults of the command line. */
export const DEFAULT_CONNECTION_LIMITS: Readonly<ConnectionLimits> = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  // Node's own default: a browser's beacons of one page view come within seconds.
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1024,
};

/**
 * How long the requests still arriving when the server starts closing may
 * take to arrive: a client that is sending gets its request in, and answered;
 * one that trickles does not hold the shutdown.
 */
export const CLOSING_GRACE_MS = 2_000;

/** The limits set in `options` (other fields are ignored), defaults filled in; throws a RangeError for values that make no sense. */
export function resolveConnectionLimits(options: Partial<ConnectionLimits>): ConnectionLimits {
  const limits = { ...DEFAULT_CONNECTION_LIMITS };
  for (const name of Object.keys(DEFAULT_CONNECTION_LIMITS) as (keyof ConnectionLimits)[]) {
    const value = options[name];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
    limits[name] = value;
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new RangeError(`headersTimeoutMs (${limits.headersTimeoutMs}) must not exceed requestTimeoutMs (${limits.requestTimeoutMs})`);
  }
  return limits;
}

/**
 * Longest time between two of Node's checks of the header and request
 * timeouts. A request is cut off at its timeout plus at most this (plus any
 * delay of a busy event loop), well within the documented second.
 */
export const MAX_TIMEOUT_CHECK_INTERVAL_MS = 250;

/**
 * How often Node checks the connections still receiving a request against
 * the header and request timeouts. Node does not time each request: by
 * default it looks every 30 s, so a body that stalls would stay open up to
 * 30 s past `--request-timeout`. A quarter of the shorter timeout, at most
 * {@link MAX_TIMEOUT_CHECK_INTERVAL_MS}: each check walks only the
 * connections with a request under way (in C++), never the requests' path.
 */
export function timeoutCheckInterval(limits: ConnectionLimits): number {
  const shorter = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  return Math.max(10, Math.min(MAX_TIMEOUT_CHECK_INTERVAL_MS, Math.floor(shorter / 4)));
}

/** The Fastify server options that set `limits` (all but the connection cap, which is {@link limitConnections}'). */
export function timeoutServerOptions(limits: ConnectionLimits) {
  return {
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      connectionsCheckingInterval: timeoutCheckInterval(limits),
    },
  };
}

/** Cap the connections of `server`. */
export function limitConnections(server: Server, limits: ConnectionLimits): void {
  server.maxConnections = limits.maxConnections;
}

/**
 * Keep track of what each connection of `server` is doing, so that closing can
 * tell a client still sending its request from one waiting for its answer.
 * Node stops checking its header and request timeouts once `close()` is called,
 * so without this a request that never finishes arriving keeps the server open.
 * Returns `closeArriving()`: destroy every connection whose request has not
 * fully arrived (headers or body); answered and answering ones are left alone.
 */
export function trackArrivingRequests(server: Server): () => void {
  // Per connection: the request being received or answered, or null between requests.
  const current = new Map<Socket, IncomingMessage | null>();
  server.on('connection', (socket: Socket) => {
    current.set(socket, null);
    socket.once('close', () => current.delete(socket));
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    current.set(request.socket, request);
    response.once('finish', () => {
      if (current.get(request.socket) === request) current.set(request.socket, null);
    });
  });
  return () => {
    for (const [socket, request] of current) {
      if (!request?.complete) socket.destroy();
    }
  };
}
