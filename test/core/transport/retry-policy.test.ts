import { createServer } from 'node:net';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  AbortError,
  apiKey,
  ApiKeyDeactivatedError,
  AuthenticationError,
  clientCredentials,
  ConnectionError,
  createClient,
  MemoryTokenStore,
  QuotaExceededError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '../../../src/index';
import type { paths } from '../../example/things-api.gen';
import { apiUrl, clientId, clientSecret, fakeOAuth, tokenUrl } from '../../helpers/fake-oauth';
import { settle, useFakeTime } from '../../helpers/fake-time';
import { useMswServer } from '../../helpers/msw-server';

const server = useMswServer();
const oauthClient = (options: Partial<Parameters<typeof createClient>[0]> = {}) =>
  createClient<paths>({ baseUrl: apiUrl, auth: clientCredentials({ tokenUrl, clientId, clientSecret }), ...options });

/** Serves `/things` from a list of responses (the last one repeats) and records every request. */
function scriptedApi(...responses: (() => Response | Promise<Response>)[]) {
  const seen: { at: number; authorization: string | null; idempotencyKey: string | null; body: string }[] = [];
  const handler = async ({ request }: { request: Request }) => {
    seen.push({
      at: Date.now(),
      authorization: request.headers.get('authorization'),
      idempotencyKey: request.headers.get('idempotency-key'),
      body: await request.text(),
    });
    return (responses[seen.length - 1] ?? responses.at(-1)!)();
  };
  server.use(http.get(`${apiUrl}/things`, handler), http.post(`${apiUrl}/things`, handler));
  return seen;
}

const ok = () => HttpResponse.json({ items: [] });
const created = () => HttpResponse.json({ id: '1', name: 'x' }, { status: 201 });
const unavailable = () => HttpResponse.json({ message: 'try later' }, { status: 503 });
const hanging = () => new Promise<Response>(() => {});
const unavailableFor = (seconds: number) => () => HttpResponse.json({}, { status: 503, headers: { 'retry-after': String(seconds) } });

beforeEach(useFakeTime);
afterEach(() => vi.useRealTimers());

describe('401: refresh once, resend once', () => {
  test('a revoked token is replaced and the call resent, once', async () => {
    const oauth = fakeOAuth();
    server.use(...oauth.handlers);
    const api = oauthClient();
    await api.GET('/things');
    oauth.revoke('tok-1');
    expect(await settle(api.GET('/things'))).toEqual({ items: [{ id: '1', name: 'one' }] });
    expect(oauth.state.exchanges).toBe(2);
    expect(oauth.state.sent).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
    expect(api.stats).toEqual({ tokenExchanges: 2, renewalFailures: 0, tokenStoreFailures: 0, retries: 0, refreshes: 1, redirects: 0 });
  });

  test('a second 401 is an AuthenticationError, after exactly one refresh', async () => {
    const oauth = fakeOAuth();
    server.use(oauth.tokenHandler, http.get(`${apiUrl}/things`, () => HttpResponse.json({ code: 'nope' }, { status: 401 })));
    const error = await settle(oauthClient().GET('/things'));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(oauth.state.exchanges).toBe(2);
  });

  test('a POST body arrives intact on the resend, without an Idempotency-Key', async () => {
    const oauth = fakeOAuth();
    server.use(...oauth.handlers);
    const api = oauthClient();
    await api.GET('/things');
    oauth.revoke('tok-1');
    await settle(api.POST('/things', { body: { name: 'büro ✓', tags: ['a'] } }));
    expect(oauth.state.bodies).toEqual(['{"name":"büro ✓","tags":["a"]}', '{"name":"büro ✓","tags":["a"]}']);
  });

  test('a 401 for an older token does not cause a second refresh', async () => {
    const oauth = fakeOAuth();
    let releaseSlow!: () => void;
    const slowGate = new Promise<void>((resolve) => (releaseSlow = resolve));
    server.use(
      oauth.tokenHandler,
      http.get(`${apiUrl}/things/:id`, async ({ request, params }) => {
        if (params.id === 'slow') await slowGate;
        return oauth.check(request) ?? HttpResponse.json({ id: String(params.id), name: 'x' });
      }),
    );
    const api = oauthClient();
    const slow = api.GET('/things/{id}', { params: { path: { id: 'slow' } } }); // sent with tok-1, held
    await vi.waitFor(() => expect(oauth.state.exchanges).toBe(1));
    oauth.revoke('tok-1');
    await settle(api.GET('/things/{id}', { params: { path: { id: 'fast' } } })); // 401 → refresh to tok-2
    expect(oauth.state.exchanges).toBe(2);
    releaseSlow(); // now the held request answers 401 for tok-1
    expect(await settle(slow)).toMatchObject({ id: 'slow' });
    expect(oauth.state.exchanges).toBe(2);
    expect(oauth.state.sent.at(-1)).toBe('Bearer tok-2');
    expect(api.stats.refreshes).toBe(1); // the held request reused tok-2: no refresh of its own
  });

  test('concurrent calls rejected with the same token share one refresh', async () => {
    const oauth = fakeOAuth();
    server.use(...oauth.handlers);
    const api = oauthClient();
    await settle(api.GET('/things'));
    oauth.revoke('tok-1');
    await settle(Promise.all(Array.from({ length: 20 }, () => api.GET('/things'))));
    expect(oauth.state.exchanges).toBe(2);
    expect(oauth.state.sent.filter((sent) => sent === 'Bearer tok-2')).toHaveLength(20);
    expect(api.stats.refreshes).toBe(1);
  });

  test('clients sharing a token store, rejected with the same token, share one refresh', async () => {
    const oauth = fakeOAuth();
    server.use(...oauth.handlers);
    const tokenStore = new MemoryTokenStore();
    const [a, b] = [oauthClient({ tokenStore }), oauthClient({ tokenStore })];
    await settle(Promise.all([a.GET('/things'), b.GET('/things')]));
    oauth.revoke('tok-1');
    await settle(Promise.all(Array.from({ length: 10 }, (_, index) => (index % 2 ? a : b).GET('/things'))));
    expect(oauth.state.exchanges).toBe(2);
  });

  test('a fixed API key cannot be refreshed: its 401 becomes the typed error at once', async () => {
    const seen = scriptedApi(() => HttpResponse.json({ statusCode: 401, code: 'ERR_AKEY_003', message: 'deactivated' }, { status: 401 }));
    const api = createClient<paths>({ baseUrl: apiUrl, auth: apiKey('fm_key_123456'), errorCodes: { ERR_AKEY_003: ApiKeyDeactivatedError } });
    const error = await settle(api.GET('/things'));
    expect(error).toBeInstanceOf(ApiKeyDeactivatedError);
    expect(seen).toHaveLength(1);
  });

  test('a key given as a function is read again after a 401, picking up a rotation', async () => {
    let current = 'key-old-123';
    server.use(
      http.get(`${apiUrl}/things`, ({ request }) =>
        request.headers.get('x-api-key') === 'key-new-456' ? ok() : HttpResponse.json({}, { status: 401 }),
      ),
    );
    const api = createClient<paths>({ baseUrl: apiUrl, auth: apiKey(() => current, { header: 'x-api-key' }) });
    const first = await settle(api.GET('/things'));
    expect(first).toBeInstanceOf(AuthenticationError);
    current = 'key-new-456';
    expect(await settle(api.GET('/things'))).toEqual({ items: [] });
  });
});

describe('transient failures', () => {
  test('GET: 503, 503, 200 succeeds after two retries', async () => {
    const seen = scriptedApi(unavailable, unavailable, ok);
    const api = createClient<paths>({ baseUrl: apiUrl });
    expect(await settle(api.GET('/things'))).toEqual({ items: [] });
    expect(seen).toHaveLength(3);
    expect(api.stats).toMatchObject({ retries: 2, refreshes: 0 });
  });

  test('GET: the retries are bounded by maxRetries', async () => {
    const seen = scriptedApi(unavailable);
    const error = await settle(createClient<paths>({ baseUrl: apiUrl, maxRetries: 1 }).GET('/things'));
    expect(error).toBeInstanceOf(ServerError);
    expect(seen).toHaveLength(2);
  });

  test('POST without an Idempotency-Key is not retried on 503', async () => {
    const seen = scriptedApi(unavailable, created);
    const error = await settle(createClient<paths>({ baseUrl: apiUrl }).POST('/things', { body: { name: 'x' } }));
    expect(error).toBeInstanceOf(ServerError);
    expect(seen).toHaveLength(1);
  });

  test('POST with an Idempotency-Key is retried with the same key and body', async () => {
    const seen = scriptedApi(unavailable, created);
    await settle(createClient<paths>({ baseUrl: apiUrl }).POST('/things', { body: { name: 'x' }, headers: { 'Idempotency-Key': 'k-1' } }));
    expect(seen.map((request) => [request.idempotencyKey, request.body])).toEqual([
      ['k-1', '{"name":"x"}'],
      ['k-1', '{"name":"x"}'],
    ]);
  });

  test('429 with Retry-After: 2 waits at least 2 s', async () => {
    const seen = scriptedApi(() => HttpResponse.json({}, { status: 429, headers: { 'retry-after': '2' } }), ok);
    await settle(createClient<paths>({ baseUrl: apiUrl }).GET('/things'));
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(2_000);
  });

  test('429 with Retry-After: 3600 fails at once with retryAfterMs', async () => {
    const seen = scriptedApi(() => HttpResponse.json({}, { status: 429, headers: { 'retry-after': '3600' } }), ok);
    const before = Date.now();
    const error = await settle(createClient<paths>({ baseUrl: apiUrl }).GET('/things'));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect(seen).toHaveLength(1);
    expect(Date.now() - before).toBeLessThan(1_000);
  });

  test('maxRetryAfterMs raises the limit', async () => {
    const seen = scriptedApi(() => HttpResponse.json({}, { status: 429, headers: { 'retry-after': '90' } }), ok);
    await settle(createClient<paths>({ baseUrl: apiUrl, maxRetryAfterMs: 120_000, totalTimeoutMs: false }).GET('/things'));
    expect(seen[1]!.at - seen[0]!.at).toBe(90_000);
  });

  test('quota exhaustion is not retried', async () => {
    const seen = scriptedApi(() => HttpResponse.json({ code: 'ERR_QUOTA_001', message: 'monthly quota used' }, { status: 429, headers: { 'retry-after': '1' } }));
    const api = createClient<paths>({ baseUrl: apiUrl, errorCodes: { ERR_QUOTA_001: QuotaExceededError } });
    expect(await settle(api.GET('/things'))).toBeInstanceOf(QuotaExceededError);
    expect(seen).toHaveLength(1);
  });

  test('GET network errors are retried, then surface as ConnectionError', async () => {
    let attempts = 0;
    server.use(
      http.get(`${apiUrl}/things`, () => {
        attempts += 1;
        return HttpResponse.error();
      }),
    );
    expect(await settle(createClient<paths>({ baseUrl: apiUrl }).GET('/things'))).toBeInstanceOf(ConnectionError);
    expect(attempts).toBe(3);
  });

  test('POST network errors are not retried when the request may have left', async () => {
    let attempts = 0;
    server.use(
      http.post(`${apiUrl}/things`, () => {
        attempts += 1;
        return HttpResponse.error();
      }),
    );
    expect(await settle(createClient<paths>({ baseUrl: apiUrl }).POST('/things', { body: { name: 'x' } }))).toBeInstanceOf(ConnectionError);
    expect(attempts).toBe(1);
  });

  test('a POST refused at connect provably never left, so it is retried', async () => {
    // A port that was just closed: connections to it are refused (ECONNREFUSED).
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    let attempts = 0;
    const counting: typeof fetch = (input, init) => {
      attempts += 1;
      return globalThis.fetch(input, init);
    };
    server.use(http.post(`http://127.0.0.1:${port}/things`, ({ request }) => fetch(request.url, { method: 'POST' })));
    const api = createClient<paths>({ baseUrl: `http://127.0.0.1:${port}`, fetch: counting });
    server.close(); // real sockets for this test
    try {
      const error = await settle(api.POST('/things', { body: { name: 'x' } }));
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as Error).message).toContain('ECONNREFUSED');
      expect(attempts).toBe(3);
    } finally {
      server.listen({ onUnhandledFrame: 'error' });
    }
  });

  test('a slow attempt times out and a GET is retried', async () => {
    let attempts = 0;
    server.use(
      http.get(`${apiUrl}/things`, async () => {
        attempts += 1;
        if (attempts < 3) await new Promise(() => {});
        return ok();
      }),
    );
    expect(await settle(createClient<paths>({ baseUrl: apiUrl, timeoutMs: 1_000 }).GET('/things'))).toEqual({ items: [] });
    expect(attempts).toBe(3);
  });

  test('every attempt timing out ends in TimeoutError after maxRetries', async () => {
    const seen = scriptedApi(hanging);
    expect(await settle(createClient<paths>({ baseUrl: apiUrl, timeoutMs: 1_000 }).GET('/things'))).toBeInstanceOf(TimeoutError);
    expect(seen).toHaveLength(3);
  });

  test('a POST attempt that timed out may have arrived, so it is not resent', async () => {
    const seen = scriptedApi(hanging);
    const call = createClient<paths>({ baseUrl: apiUrl, timeoutMs: 1_000 }).POST('/things', { body: { name: 'x' } });
    expect(await settle(call)).toBeInstanceOf(TimeoutError);
    expect(seen).toHaveLength(1);
  });

  test('a retry whose wait crosses the token’s hard margin is sent with a new token', async () => {
    const oauth = fakeOAuth({ lifetimeSeconds: 60 }); // window 30 s, hard margin 15 s
    let calls = 0;
    server.use(
      oauth.tokenHandler,
      http.get(`${apiUrl}/things`, ({ request }) => {
        calls += 1;
        const denied = oauth.check(request);
        return calls === 1 ? unavailableFor(50)() : (denied ?? ok());
      }),
    );
    expect(await settle(oauthClient().GET('/things'))).toEqual({ items: [] });
    expect(oauth.state.sent).toEqual(['Bearer tok-1', 'Bearer tok-2']);
  });

  test('the overall deadline ends a call whatever its retries', async () => {
    scriptedApi(unavailableFor(30));
    const api = createClient<paths>({ baseUrl: apiUrl, maxRetries: 5, totalTimeoutMs: 45_000 });
    const before = Date.now();
    const error = await settle(api.GET('/things'));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - before).toBeLessThanOrEqual(45_000);
  });

  test('per-call options override the client’s', async () => {
    const seen = scriptedApi(unavailable);
    await settle(createClient<paths>({ baseUrl: apiUrl }).GET('/things', { maxRetries: 0 }));
    expect(seen).toHaveLength(1);
  });
});

describe('abort', () => {
  test('an aborted signal ends a call that is waiting for a token', async () => {
    server.use(http.post(tokenUrl, hanging));
    const controller = new AbortController();
    const call = oauthClient().GET('/things', { signal: controller.signal }).catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort();
    expect(await call).toBeInstanceOf(AbortError);
  });

  test('an aborted signal ends a call that is waiting out a retry delay', async () => {
    const seen = scriptedApi(unavailableFor(30), ok);
    const controller = new AbortController();
    const call = createClient<paths>({ baseUrl: apiUrl }).GET('/things', { signal: controller.signal }).catch((caught: unknown) => caught);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    await vi.advanceTimersByTimeAsync(5_000);
    controller.abort();
    expect(await call).toBeInstanceOf(AbortError);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(seen).toHaveLength(1);
  });

  test('an abort during an attempt is an AbortError, not a TimeoutError', async () => {
    scriptedApi(hanging);
    const controller = new AbortController();
    const call = createClient<paths>({ baseUrl: apiUrl }).GET('/things', { signal: controller.signal }).catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort();
    const error = await call;
    expect(error).toBeInstanceOf(AbortError);
    expect(error).not.toBeInstanceOf(TimeoutError);
  });

  test('an abort during the backoff after an attempt timed out is an AbortError', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.99);
    const seen = scriptedApi(hanging);
    const controller = new AbortController();
    const call = createClient<paths>({ baseUrl: apiUrl, timeoutMs: 1_000 }).GET('/things', { signal: controller.signal }).catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(1_100); // the attempt timed out at 1 s; the backoff runs to about 1.5 s
    controller.abort();
    expect(await call).toBeInstanceOf(AbortError);
    expect(seen).toHaveLength(1);
  });

  test('the abort reason is kept as the cause', async () => {
    const controller = new AbortController();
    controller.abort(new Error('user left the page'));
    scriptedApi(ok);
    const error = await createClient<paths>({ baseUrl: apiUrl }).GET('/things', { signal: controller.signal }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as Error).cause).toMatchObject({ message: 'user left the page' });
  });
});
