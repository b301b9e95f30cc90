// A TokenStore the user supplies (Redis, a file) is outside keycard's hands: it may fail, hang, or hand
// back entries keycard never wrote. None of that may send a bad token or wedge the client for good.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createClient, KeycardError, MemoryTokenStore, TimeoutError, tokenFunction, type StoredToken, type TokenStore } from '../../../src/index';
import type { paths } from '../../example/things-api.gen';
import { apiUrl, recordingThingsApi } from '../../helpers/fake-oauth';
import { settle, start, useFakeTime } from '../../helpers/fake-time';
import { useMswServer } from '../../helpers/msw-server';

const server = useMswServer();
beforeEach(useFakeTime);
afterEach(() => vi.useRealTimers());

const hour = 3_600_000;

/** A client whose token function answers 'fresh', and counts how often it was asked. */
function clientWith(tokenStore: TokenStore, options: { totalTimeoutMs?: number } = {}) {
  const issue = vi.fn(() => 'fresh');
  return { api: createClient<paths>({ baseUrl: apiUrl, auth: tokenFunction(issue), tokenStore, ...options }), issue };
}

/** A store over a MemoryTokenStore, with some of its methods replaced. */
const storeWith = (methods: Partial<TokenStore>): TokenStore => {
  const inner = new MemoryTokenStore();
  return { get: (key) => inner.get(key), set: (key, token) => inner.set(key, token), delete: (key) => inner.delete(key), ...methods };
};

describe('entries read from a token store', () => {
  test.each([
    ['without a token', { issuedAt: start, expiresAt: start + hour }],
    ['with a token that is not a string', { token: 42, issuedAt: start, expiresAt: start + hour }],
    ['with a line break in the token', { token: 'stored-token\r\nx-injected: 1', issuedAt: start, expiresAt: start + hour }],
    ['without an expiry', { token: 'stored-token', issuedAt: start }],
    ['with an expiry that is not a number', { token: 'stored-token', issuedAt: start, expiresAt: '2099-01-01T00:00:00Z' }],
    ['with an issuedAt that is not finite', { token: 'stored-token', issuedAt: Number.NaN, expiresAt: start + hour }],
    ['that never expires', { token: 'stored-token', issuedAt: start, expiresAt: Infinity }],
  ])('an entry %s is ignored: a fresh token is obtained and sent', async (_case, entry) => {
    const sent = recordingThingsApi(server);
    const { api, issue } = clientWith(storeWith({ get: () => entry as unknown as StoredToken }));
    expect(await settle(api.GET('/things'))).toEqual({ items: [] });
    expect(issue).toHaveBeenCalledOnce();
    expect(sent).toEqual(['Bearer fresh']);
  });
});

describe('a token store that fails', () => {
  test('a get() that fails rejects the call with a KeycardError naming the store, and sends nothing', async () => {
    const sent = recordingThingsApi(server);
    const { api } = clientWith(storeWith({ get: () => Promise.reject(new Error('redis: connection refused')) }));
    const error = await settle(api.GET('/things'));
    expect(error).toBeInstanceOf(KeycardError);
    expect((error as Error).message).toBe("The token store's get() failed: redis: connection refused");
    expect(sent).toEqual([]);
  });

  const diskFull = new Error('disk full');
  test.each([
    ['throws', () => {
      throw diskFull;
    }],
    ['rejects', () => Promise.reject(diskFull)],
  ])('a set() that %s is counted in stats.tokenStoreFailures, and the fresh token is used', async (_case, set) => {
    const sent = recordingThingsApi(server);
    const { api } = clientWith(storeWith({ set }));
    expect(await settle(api.GET('/things'))).toEqual({ items: [] });
    expect(sent).toEqual(['Bearer fresh']);
    expect(api.stats.tokenStoreFailures).toBe(1);
  });
});

describe('a token store that hangs', () => {
  test('a get() that never answers fails that renewal at the exchange deadline, not the calls after it', async () => {
    const sent = recordingThingsApi(server);
    let hang = true;
    const { api } = clientWith(storeWith({ get: () => (hang ? new Promise<never>(() => {}) : undefined) }), { totalTimeoutMs: 5_000 });
    expect(await settle(api.GET('/things'))).toBeInstanceOf(TimeoutError);
    hang = false;
    await vi.advanceTimersByTimeAsync(60_000); // the exchange deadline (60 s) passes, as it would in real time
    expect(await settle(api.GET('/things'))).toEqual({ items: [] });
    expect(sent).toEqual(['Bearer fresh']);
  });

  test('a set() that never answers holds up neither the call nor other clients sharing the store', async () => {
    const sent = recordingThingsApi(server);
    const tokenStore = storeWith({ set: () => new Promise<never>(() => {}) });
    const auth = tokenFunction(() => 'fresh');
    expect(await settle(createClient<paths>({ baseUrl: apiUrl, auth, tokenStore }).GET('/things'))).toEqual({ items: [] });
    expect(await settle(createClient<paths>({ baseUrl: apiUrl, auth, tokenStore }).GET('/things'))).toEqual({ items: [] });
    expect(sent).toEqual(['Bearer fresh', 'Bearer fresh']);
  });
});
