import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { AccessToken, Auth } from '../../../src/core/auth/auth';
import { TokenCache } from '../../../src/core/auth/token-cache';
import { MemoryTokenStore } from '../../../src/core/auth/token-store';
import { AbortError, KeycardError, TimeoutError, tokenFunction, TokenExchangeError } from '../../../src/index';
import { useFakeTime } from '../../helpers/fake-time';

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

const cacheFor = (auth: Auth, store = new MemoryTokenStore()) => new TokenCache(auth, { store, fetch: globalThis.fetch });

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
