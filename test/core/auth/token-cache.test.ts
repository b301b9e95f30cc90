import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { AccessToken, Auth } from '../../../src/core/auth/auth';
import { shareThroughStore } from '../../../src/core/auth/guarded-store';
import { TokenCache } from '../../../src/core/auth/token-cache';
import { MemoryTokenStore, type StoredToken, type TokenStore } from '../../../src/core/auth/token-store';
import { http, HttpResponse } from 'msw';
import { AbortError, apiKey, createClient, KeycardError, TimeoutError, tokenFunction, TokenExchangeError } from '../../../src/index';
import type { paths } from '../../example/things-api.gen';
import { apiUrl } from '../../helpers/fake-oauth';
import { settle, useFakeTime } from '../../helpers/fake-time';
import { useMswServer } from '../../helpers/msw-server';

const minute = 60_000;

/** An Auth whose exchanges the test releases by hand. */
function manualAuth(lifetimeMs = 15 * minute) {
  const pending: { resolve: (token: AccessToken) => void; reject: (error: unknown) => void }[] = [];
  let issued = 0;
  const auth: Auth = {
    header: 'authorization',
    cacheKey: 'test:manual',
    refreshable: true,
    getToken: () => new Promise<AccessToken>((resolve, reject) => pending.push({ resolve, reject })),
  };
  return {
    auth,
    get calls() {
      return pending.length;
    },
    /** Completes the latest exchange with a new token issued now. */
    issue() {
      issued += 1;
      const now = Date.now();
      pending.at(-1)?.resolve({ token: `tok-${issued}`, issuedAt: now, expiresAt: now + lifetimeMs });
    },
    fail(error: unknown) {
      pending.at(-1)?.reject(error);
    },
  };
}

// Any Auth shares through the store, as in a client made by createClient.
const cacheFor = (auth: Auth, store = new MemoryTokenStore()) => new TokenCache(auth, { store, fetch: globalThis.fetch, sharing: shareThroughStore });

/** An Auth that reads a key each time, as apiKey(fn) does. */
const apiKeyLike = (read: () => string): Auth => ({
  header: 'x-api-key',
  cacheKey: 'test:key',
  refreshable: true,
  shareable: false,
  getToken: () => ({ token: read(), issuedAt: Date.now(), expiresAt: Infinity, renewAt: Date.now() + 3_600_000 }),
});

const server = useMswServer();

beforeEach(useFakeTime);
afterEach(() => vi.useRealTimers());

describe('TokenCache', () => {
  test('any number of concurrent callers share one exchange', async () => {
    const source = manualAuth();
    const cache = cacheFor(source.auth);
    const waiters = Array.from({ length: 100 }, () => cache.get());
    await vi.advanceTimersByTimeAsync(0);
    expect(source.calls).toBe(1);
    source.issue();
    const entries = await Promise.all(waiters);
    expect(new Set(entries.map((entry) => entry.value))).toEqual(new Set(['Bearer tok-1']));
  });

  test('a fresh token is handed out synchronously', async () => {
    const source = manualAuth();
    const cache = cacheFor(source.auth);
    const first = cache.get();
    await vi.advanceTimersByTimeAsync(0);
    source.issue();
    await first;
    expect(cache.peek()?.value).toBe('Bearer tok-1');
  });

  test('inside the refresh window the current token keeps being served while one renewal runs', async () => {
    const source = manualAuth(15 * minute);
    const cache = cacheFor(source.auth);
    const first = cache.get();
    await vi.advanceTimersByTimeAsync(0);
    source.issue();
    await first;

    vi.advanceTimersByTime(15 * minute - 90_000 + 1); // window of a 15 min token: 90 s
    expect(cache.peek()?.value).toBe('Bearer tok-1');
    expect(cache.peek()?.value).toBe('Bearer tok-1');
    await vi.advanceTimersByTimeAsync(0);
    expect(source.calls).toBe(2);

    source.issue();
    await vi.advanceTimersByTimeAsync(0);
    expect(cache.peek()?.value).toBe('Bearer tok-2');
  });

  test('inside the hard margin callers wait for the new token instead of sending the old one', async () => {
    const source = manualAuth(15 * minute);
    const cache = cacheFor(source.auth);
    const first = cache.get();
    await vi.advanceTimersByTimeAsync(0);
    source.issue();
    await first;

    vi.advanceTimersByTime(15 * minute - 30_000); // hard margin: 30 s
    expect(cache.peek()).toBeUndefined();
    const waiting = cache.get();
    await vi.advanceTimersByTimeAsync(0);
    source.issue();
    expect((await waiting).value).toBe('Bearer tok-2');
  });

  test('a failed background renewal keeps the valid token in service and retries after a backoff', async () => {
    const source = manualAuth(15 * minute);
    const cache = cacheFor(source.auth);
    const first = cache.get();
    await vi.advanceTimersByTimeAsync(0);
    source.issue();
    await first;

    vi.advanceTimersByTime(15 * minute - 80_000);
    expect(cache.peek()?.value).toBe('Bearer tok-1');
    await vi.advanceTimersByTimeAsync(0);
    source.fail(new TokenExchangeError({ error: 'server_error', status: 503, tokenUrl: 'https://auth.example.com/token' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(cache.stats.backgroundFailures).toBe(1);

    expect(cache.peek()?.value).toBe('Bearer tok-1');
    await vi.advanceTimersByTimeAsync(0);
    expect(source.calls).toBe(2); // still backing off

    vi.advanceTimersByTime(1_000); // the first backoff is at most 1 s
    expect(cache.peek()?.value).toBe('Bearer tok-1');
    await vi.advanceTimersByTimeAsync(0);
    expect(source.calls).toBe(3);
    source.issue();
    await vi.advanceTimersByTimeAsync(0);
    expect(cache.peek()?.value).toBe('Bearer tok-2');
  });

  test('without a valid token every waiter gets the same typed error', async () => {
    const source = manualAuth();
    const cache = cacheFor(source.auth);
    const waiters = Array.from({ length: 5 }, () => cache.get().catch((error: unknown) => error));
    await vi.advanceTimersByTimeAsync(0);
    const failure = new TokenExchangeError({ error: 'invalid_client', status: 401, tokenUrl: 'https://auth.example.com/token' });
    source.fail(failure);
    const errors = await Promise.all(waiters);
    expect(errors.every((error) => error === failure)).toBe(true);
  });

  test("an aborted caller stops waiting; the exchange goes on for the others", async () => {
    const source = manualAuth();
    const cache = cacheFor(source.auth);
    const controller = new AbortController();
    const aborted = cache.get(controller.signal).catch((error: unknown) => error);
    const patient = cache.get();
    await vi.advanceTimersByTimeAsync(0);
    controller.abort();
    expect(await aborted).toBeInstanceOf(AbortError);
    source.issue();
    expect((await patient).value).toBe('Bearer tok-1');
    expect(source.calls).toBe(1);
  });

  test('a caller whose signal is already aborted gets an AbortError and starts no exchange', async () => {
    // Nobody would wait for that exchange: its failure would be an unhandled rejection.
    const source = manualAuth();
    const cache = cacheFor(source.auth);
    expect(await cache.get(AbortSignal.abort()).catch((error: unknown) => error)).toBeInstanceOf(AbortError);
    await vi.advanceTimersByTimeAsync(0);
    expect(source.calls).toBe(0);
  });

  test('an exchange that never ends fails at the deadline', async () => {
    const source = manualAuth();
    const cache = new TokenCache(source.auth, { store: new MemoryTokenStore(), fetch: globalThis.fetch, exchangeDeadlineMs: 5_000 });
    const waiting = cache.get().catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await waiting).toBeInstanceOf(TimeoutError);
  });

  test('invalidate drops only the generation that was sent', async () => {
    const source = manualAuth();
    const cache = cacheFor(source.auth);
    const first = cache.get();
    await vi.advanceTimersByTimeAsync(0);
    source.issue();
    await first;

    expect(cache.invalidate('Bearer tok-0')).toBe(false);
    expect(cache.peek()?.value).toBe('Bearer tok-1');
    expect(cache.invalidate('Bearer tok-1')).toBe(true);
    expect(cache.peek()).toBeUndefined();
  });

  test('a token in a shared store is reused instead of exchanged, unless the API rejected it', async () => {
    const store = new MemoryTokenStore();
    const now = Date.now();
    store.set('test:manual', { token: 'shared', issuedAt: now, expiresAt: now + 15 * minute });
    const source = manualAuth();
    const cache = cacheFor(source.auth, store);
    expect((await cache.get()).value).toBe('Bearer shared');
    expect(source.calls).toBe(0);

    cache.invalidate('Bearer shared');
    const next = cache.get();
    await vi.advanceTimersByTimeAsync(0);
    expect(source.calls).toBe(1);
    source.issue();
    expect((await next).value).toBe('Bearer tok-1');
    expect(store.get('test:manual')?.token).toBe('tok-1');
  });

  test('a token in a shared store is adopted inside its refresh window, without waiting for an exchange', async () => {
    // DESIGN.md › Token lifecycle: only inside the hard margin do callers wait; a second client or a
    // restarted process sends the shared token until then, as its first client would.
    const store = new MemoryTokenStore();
    const now = Date.now();
    store.set('test:manual', { token: 'shared', issuedAt: now - 14 * minute, expiresAt: now + minute }); // window 90 s, margin 30 s
    const source = manualAuth();
    const waiting = cacheFor(source.auth, store).get();
    await vi.advanceTimersByTimeAsync(0);
    expect(source.calls).toBe(0);
    expect((await waiting).value).toBe('Bearer shared');
  });

  test('rejects tokens that are empty or already expired', async () => {
    const broken = (token: AccessToken): Auth => ({ header: 'x-api-key', cacheKey: 'k', refreshable: true, getToken: () => token });
    const now = Date.now();
    await expect(cacheFor(broken({ token: '', issuedAt: now, expiresAt: now + 1000 })).get()).rejects.toThrow(/no usable token/);
    await expect(cacheFor(broken({ token: 'a b', issuedAt: now, expiresAt: now + 1000 })).get()).rejects.toThrow(/no usable token/);
    await expect(cacheFor(broken({ token: 'ok', issuedAt: now - 2000, expiresAt: now - 1000 })).get()).rejects.toThrow(/already expired/);
  });

  test.each([
    ['a NUL character', '\u0000'],
    ['a line break', '\r\nx-injected: 1'],
    ['a character outside ASCII', 'é'],
  ])('a token with %s is refused without repeating it in the error', async (_case, tail) => {
    // DESIGN.md › Errors: secrets never appear in an error's message, toJSON() or inspection.
    const secret = 'eyJhbGciOiJSUzI1NiJ9-top-secret';
    const error = await cacheFor(tokenFunction(() => `${secret}${tail}`)).get().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KeycardError);
    expect((error as Error).message).toMatch(/no usable token/);
    expect(`${String(error)} ${JSON.stringify(error)} ${inspect(error, { depth: 5 })}`).not.toContain(secret);
  });
});

describe('caches sharing a store', () => {
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** A store like Redis: every call takes a round trip. */
  function slowStore(latencyMs: number): TokenStore {
    const tokens = new Map<string, StoredToken>();
    return {
      get: async (key) => (await wait(latencyMs), tokens.get(key)),
      set: async (key, token) => void (await wait(latencyMs), tokens.set(key, token)),
      delete: async (key) => void (await wait(latencyMs), tokens.delete(key)),
    };
  }

  /** An Auth whose token requests take `delayMs`, counted. */
  function timedAuth(delayMs: number) {
    const source = { calls: 0, auth: undefined as unknown as Auth };
    source.auth = {
      header: 'authorization',
      cacheKey: 'test:shared',
      refreshable: true,
      getToken: async () => {
        source.calls += 1;
        const issuedAt = Date.now();
        await wait(delayMs);
        return { token: `tok-${source.calls}`, issuedAt, expiresAt: issuedAt + 15 * minute };
      },
    };
    return source;
  }

  test('a cache that reads the store while the fresh token is still being written joins the exchange', async () => {
    const store = slowStore(20);
    const source = timedAuth(100);
    const first = new TokenCache(source.auth, { store, fetch: globalThis.fetch, sharing: shareThroughStore }).get();
    await vi.advanceTimersByTimeAsync(110); // the exchange ends at 120 ms; its write lands at 140 ms
    const second = new TokenCache(source.auth, { store, fetch: globalThis.fetch, sharing: shareThroughStore }).get();
    await vi.advanceTimersByTimeAsync(500);
    expect(await Promise.all([first, second])).toMatchObject([{ value: 'Bearer tok-1' }, { value: 'Bearer tok-1' }]);
    expect(source.calls).toBe(1);
  });

  test('a renewal never joins a finished exchange whose token the API has since rejected', async () => {
    // Issue 11 item 2: the exchange stayed joinable until set() settled, and the refresh got the rejected token back.
    const store = slowStore(300);
    const source = timedAuth(10);
    const cache = new TokenCache(source.auth, { store, fetch: globalThis.fetch, sharing: shareThroughStore });
    const first = cache.get();
    await vi.advanceTimersByTimeAsync(400); // get 300 ms, exchange 10 ms: tok-1 is out, its write in flight
    expect((await first).value).toBe('Bearer tok-1');
    expect(cache.invalidate(await first)).toBe(true);
    const refreshed = cache.get();
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await refreshed).value).toBe('Bearer tok-2');
  });
});

describe('generations of a credential', () => {
  test('a 401 for a generation already replaced does not drop the new one, even when it has the same value', async () => {
    let reads = 0;
    const auth = apiKeyLike(() => {
      reads += 1;
      return 'same-key';
    });
    const cache = cacheFor(auth);
    const sent = await cache.get();
    expect(cache.invalidate(sent)).toBe(true);
    const next = await cache.get();
    expect(next.value).toBe('same-key');
    expect(cache.invalidate(sent)).toBe(false); // another caller's 401 for the first generation
    expect(cache.peek()).toBe(next);
    expect(reads).toBe(2);
  });

  test('a persistent 401 seen by 30 concurrent callers of apiKey(() => key) re-reads the key once', async () => {
    // Issue 11 item 3: the key was re-read 31 times, once per caller.
    const read = vi.fn(() => 'revoked-key');
    server.use(http.get(`${apiUrl}/things`, () => HttpResponse.json({ message: 'invalid key' }, { status: 401 })));
    const api = createClient<paths>({ baseUrl: apiUrl, auth: apiKey(read) });
    const outcomes = await settle(Promise.allSettled(Array.from({ length: 30 }, () => api.GET('/things'))));
    expect((outcomes as PromiseSettledResult<unknown>[]).map((outcome) => outcome.status)).toEqual(Array(30).fill('rejected'));
    expect(read).toHaveBeenCalledTimes(2); // the first read, and one re-read for the generation that failed
  });
});

describe('which credentials share through the store', () => {
  test('a tokenFunction with a cacheKey brings its own store sharing: its token is written to the store without createClient', async () => {
    const store = new MemoryTokenStore();
    const auth = tokenFunction(() => 'fn-token-shared', { cacheKey: 'reports-api' });
    await new TokenCache(auth, { store, fetch: globalThis.fetch }).get();
    await vi.waitFor(async () => expect(await store.get(auth.cacheKey)).toMatchObject({ token: 'fn-token-shared' }));
  });

  test('an API key read from a function never reaches the store, even with the sharing createClient brings', async () => {
    const store = new MemoryTokenStore();
    const set = vi.spyOn(store, 'set');
    const auth = apiKey(() => 'key-from-vault-123');
    expect((await new TokenCache(auth, { store, fetch: globalThis.fetch, sharing: shareThroughStore }).get()).value).toBe('Bearer key-from-vault-123');
    await new Promise((resolve) => setImmediate(resolve));
    expect(set).not.toHaveBeenCalled();
  });
});
