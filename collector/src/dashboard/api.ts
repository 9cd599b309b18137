/**
 * The one way the dashboard talks to the collector: `POST /api/query` (and the
 * consent log's `GET /api/consents`) with the admin token, at most a few
 * requests at a time, each abortable, every failure turned into an
 * {@link ApiError} that says what to do.
 * @packageDocumentation
 */

import type { QueryAnswer, QueryBody } from './queries.js';

/** Why a request failed, which decides what the page says and does. */
export type ApiErrorKind = 'token' | 'throttled' | 'unreachable' | 'unavailable' | 'query' | 'server';

/** A failed request, with a message that tells a person what to do. */
export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What the dashboard needs from the collector. */
export interface Api {
  query(body: QueryBody, signal?: AbortSignal): Promise<QueryAnswer>;
  /** `GET path` as text (JSON or CSV), with the token. */
  get(path: string, signal?: AbortSignal): Promise<{ text: string; type: string }>;
  /**
   * Send one request alone until the collector has answered one with the token
   * accepted: a mistyped token then costs one wrong attempt, not one per panel
   * (the collector blocks an address after 10 wrong tokens a minute).
   */
  tokenFirst(): void;
}

/** Options of {@link createApi}. */
export interface ApiOptions {
  /** The admin token of the tab. */
  token: () => string | null;
  /** The collector's base URL; default the page's own directory. */
  base?: string;
  /** Requests in flight at once (browsers open six connections per host). */
  concurrency?: number;
  fetch?: typeof fetch;
  /** Called after each answered request (2xx): the token is good. */
  onAnswer?: () => void;
}

const seconds = (response: Response): string => {
  const retry = Number(response.headers.get('retry-after'));
  return Number.isFinite(retry) && retry > 0 ? `${retry} s` : 'a minute';
};

/** The error of a non-2xx answer. */
async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as { error?: unknown };
  const detail = typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
  switch (response.status) {
    case 401:
      return new ApiError(
        'token',
        'The admin token was refused. Check the token printed when the collector started, or the CONSENT_GATE_ADMIN_TOKEN environment variable (--admin-token).',
        401,
      );
    case 429:
      return new ApiError(
        'throttled',
        `Too many requests or wrong tokens from this address. Wait ${seconds(response)} and try again.`,
        429,
      );
    case 503:
      return new ApiError(
        'unavailable',
        `The collector's database is not answering; it recovers by itself. Try again in ${seconds(response)}.`,
        503,
      );
    default:
      return response.status >= 400 && response.status < 500
        ? new ApiError('query', `The collector cannot answer this: ${detail}`, response.status)
        : new ApiError('server', `The collector failed (${detail}). Its log says more.`, response.status);
  }
}

/** True for an abort, which is no failure to show. */
export const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';

/** An {@link Api} for the token `token()` returns. */
export function createApi({
  token,
  base = '',
  concurrency = 6,
  fetch: fetcher = globalThis.fetch.bind(globalThis),
  onAnswer,
}: ApiOptions): Api {
  let running = 0;
  let limit = concurrency;
  /** Set by tokenFirst() until an answer tells whether the token is taken. */
  let checkingToken = false;
  const waiting: (() => void)[] = [];

  /** Start waiting tasks while there is room. */
  const pump = (): void => {
    while (running < limit && waiting.length > 0) waiting.shift()!();
  };

  /** Run `task` when fewer than `limit` others run; an abort while waiting rejects without a request. */
  async function scheduled<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    if (running < limit) running += 1;
    else {
      await new Promise<void>((resolve, reject) => {
        const start = () => {
          signal?.removeEventListener('abort', cancel);
          running += 1;
          resolve();
        };
        const cancel = () => {
          waiting.splice(waiting.indexOf(start), 1);
          reject(signal?.reason ?? new DOMException('aborted', 'AbortError'));
        };
        signal?.addEventListener('abort', cancel, { once: true });
        waiting.push(start);
      });
    }
    try {
      return await task();
    } finally {
      running -= 1;
      pump();
    }
  }

  async function send(path: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await fetcher(`${base}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token() ?? ''}` },
      });
    } catch (error) {
      if (isAbort(error) || init.signal?.aborted) throw error;
      throw new ApiError('unreachable', 'The collector could not be reached. Check that it is running and that this page comes from it.');
    }
    if (checkingToken) {
      // A refused token (401, or 429 once throttled) sends nothing more until the next tokenFirst();
      // any other answer means the collector took it, and the others may go.
      const refused = response.status === 401 || response.status === 429;
      limit = refused ? 0 : concurrency;
      checkingToken = refused;
      pump();
    }
    if (!response.ok) throw await errorOf(response);
    onAnswer?.();
    return response;
  }

  return {
    tokenFirst: () => {
      checkingToken = true;
      limit = 1;
    },
    query: (body, signal) =>
      scheduled(async () => {
        const response = await send('api/query', {
          method: 'POST',
          body: JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
          signal,
        });
        const answer = (await response.json().catch(() => null)) as QueryAnswer | null;
        if (!answer || !Array.isArray(answer.results))
          throw new ApiError('server', 'The collector answered something that is not a query result.');
        return answer;
      }, signal),
    get: (path, signal) =>
      scheduled(async () => {
        const response = await send(path, { method: 'GET', signal });
        return { text: await response.text(), type: response.headers.get('content-type') ?? '' };
      }, signal),
  };
}
