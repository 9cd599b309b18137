// The dashboard's one fetch helper: the token on every request, errors that say
// what to do, at most a few requests at a time, aborts. node:test with a
// recording fetch (the page's own fetch is the browser's; the browser tests
// drive it against the real collector).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, createApi } from '../src/dashboard/api.ts';

const QUERY = { metrics: ['visitors'], date_range: '7d' } as const;

/** A fetch whose answers the test releases one by one. */
function controlledFetch() {
  const calls: { url: string; init: RequestInit; answer: (response: Response) => void }[] = [];
  const fetch = (url: string | URL | Request, init: RequestInit = {}) =>
    new Promise<Response>((resolve) => calls.push({ url: String(url), init, answer: resolve }));
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('dashboard api', () => {
  it('sends the query as JSON with the token and reads the results', async () => {
    const { calls, fetch } = controlledFetch();
    const api = createApi({ token: () => 'secret-token', fetch });
    const answer = api.query(QUERY);
    await Promise.resolve();
    assert.equal(calls[0]!.url, 'api/query');
    assert.equal(calls[0]!.init.method, 'POST');
    assert.deepEqual(JSON.parse(String(calls[0]!.init.body)), QUERY);
    assert.equal((calls[0]!.init.headers as Record<string, string>).authorization, 'Bearer secret-token');
    calls[0]!.answer(json({ results: [{ dimensions: [], metrics: [3] }] }));
    assert.deepEqual((await answer).results, [{ dimensions: [], metrics: [3] }]);
  });

  it('turns each failure into what to do', async () => {
    const cases: [Response | Error, string, RegExp][] = [
      [json({ error: 'admin token required' }, 401), 'token', /CONSENT_GATE_ADMIN_TOKEN/],
      [json({ error: 'slow down' }, 429, { 'retry-after': '42' }), 'throttled', /Wait 42 s/],
      [json({ error: 'store unavailable' }, 503, { 'retry-after': '5' }), 'unavailable', /Try again in 5 s/],
      [json({ error: 'metrics: unknown metric "cookies"' }, 400), 'query', /unknown metric "cookies"/],
      [new Response('oops', { status: 500 }), 'server', /HTTP 500/],
      [new TypeError('fetch failed'), 'unreachable', /could not be reached/],
    ];
    for (const [outcome, kind, text] of cases) {
      const api = createApi({
        token: () => 't',
        fetch: (async () => {
          if (outcome instanceof Error) throw outcome;
          return outcome;
        }) as typeof globalThis.fetch,
      });
      await assert.rejects(api.query(QUERY), (error: unknown) => {
        assert.ok(error instanceof ApiError);
        assert.equal(error.kind, kind);
        assert.match(error.message, text);
        return true;
      });
    }
  });

  it('keeps at most `concurrency` requests in flight, in call order, and drops aborted waiters unsent', async () => {
    const { calls, fetch } = controlledFetch();
    const api = createApi({ token: () => 't', fetch, concurrency: 2 });
    const controller = new AbortController();
    const answers = [
      api.query(QUERY),
      api.query(QUERY),
      api.query({ ...QUERY, date_range: '30d' }, controller.signal),
      api.query({ ...QUERY, date_range: 'day' }),
    ];
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(calls.length, 2);
    controller.abort();
    await assert.rejects(answers[2]!, { name: 'AbortError' });
    calls[0]!.answer(json({ results: [] }));
    await answers[0];
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(calls.length, 3);
    assert.equal(JSON.parse(String(calls[2]!.init.body)).date_range, 'day', 'the aborted one was never sent');
    calls[1]!.answer(json({ results: [] }));
    calls[2]!.answer(json({ results: [] }));
    await Promise.all([answers[1], answers[3]]);
  });

  it('sends one request alone after tokenFirst(), and the rest once the token is taken', async () => {
    const { calls, fetch } = controlledFetch();
    const api = createApi({ token: () => 't', fetch, concurrency: 4 });
    api.tokenFirst();
    const answers = [api.query(QUERY), api.query(QUERY), api.query(QUERY)];
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(calls.length, 1, 'one request until the token is known good');
    calls[0]!.answer(json({ results: [] }));
    await answers[0];
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(calls.length, 3, 'then the others at once');
    calls.slice(1).forEach((call) => call.answer(json({ results: [] })));
    await Promise.all(answers);
  });

  it('after tokenFirst(), a refused token sends nothing more (one wrong attempt, not one per panel)', async () => {
    const { calls, fetch } = controlledFetch();
    const api = createApi({ token: () => 'wrong', fetch, concurrency: 4 });
    api.tokenFirst();
    const controller = new AbortController();
    const answers = [api.query(QUERY, controller.signal), api.query(QUERY, controller.signal), api.query(QUERY, controller.signal)];
    await new Promise((resolve) => setImmediate(resolve));
    calls[0]!.answer(json({ error: 'admin token required' }, 401));
    await assert.rejects(answers[0]!, { name: 'ApiError' });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(calls.length, 1);
    // The page signs out: what waited is dropped unsent.
    controller.abort();
    await Promise.allSettled(answers);
    assert.equal(calls.length, 1);
  });
});
