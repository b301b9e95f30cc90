// A TokenStore the user supplies (Redis, a file) is outside keycard's hands: it may fail, hang, or hand
// back entries keycard never wrote. None of that may fail a call, hold one up beyond the store's
// budget, or send a token keycard knows to be rejected or expired (issue 11 item 2).
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  apiKey,
  clientCredentials,
  ConfigurationError,
  createClient,
  MemoryTokenStore,
  tokenFunction,
  type StoredToken,
  type TokenStore,
} from '../../../src/index';
import { RyvnClient } from '../../../src/apis/ryvn/index';
import { ScrydonClient } from '../../../src/apis/scrydon/index';
import type { paths } from '../../example/things-api.gen';
import { apiUrl, clientId, clientSecret, fakeOAuth, recordingThingsApi, tokenUrl } from '../../helpers/fake-oauth';
import { settle, start, useFakeTime } from '../../helpers/fake-time';
import { useMswServer } from '../../helpers/msw-server';

const server = useMswServer();
beforeEach(useFakeTime);
afterEach(() => vi.useRealTimers());

const hour = 3_600_000;

/** A client whose token function answers 'fresh', and counts how often it was asked. */
function clientWith(tokenStore: TokenStore, options: { tokenStoreTimeoutMs?: number } = {}) {
  const issue = vi.fn(() => 'fresh');
  const auth = tokenFunction(issue, { cacheKey: 'things-api' });
  return { api: createClient<paths>({ baseUrl: apiUrl, auth, tokenStore, ...options }), issue };
}

/** A store over a MemoryTokenStore, with some of its methods replaced; `inner` is what it holds. */
const storeWith = (methods: Partial<TokenStore>, inner = new MemoryTokenStore()): TokenStore => ({
  get: (key) => inner.get(key),
  set: (key, token) => inner.set(key, token),
  delete: (key, token) => inner.delete(key, token),
  ...methods,
});

const never = () => new Promise<never>(() => {});

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
  test('a get() that fails costs nothing: the call is sent with a token of its own exchange, and the failure counted', async () => {
    const sent = recordingThingsApi(server);
    const { api, issue } = clientWith(storeWith({ get: () => Promise.reject(new Error('redis: connection refused')) }));
    expect(await settle(api.GET('/things'))).toEqual({ items: [] });
    expect(issue).toHaveBeenCalledOnce();
    expect(sent).toEqual(['Bearer fresh']);
    expect(api.stats.tokenStoreFailures).toBe(1);
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

  test('a store that failed is asked again at the next renewal, and its token used once it answers', async () => {
    const sent = recordingThingsApi(server);
    let down = true;
    const get = vi.fn((): StoredToken | undefined => {
      if (down) throw new Error('redis: connection refused');
      return { token: 'shared', issuedAt: Date.now(), expiresAt: Date.now() + hour };
    });
    const issue = vi.fn(() => ({ token: 'own', expiresInSeconds: 10 }));
    const api = createClient<paths>({ baseUrl: apiUrl, auth: tokenFunction(issue, { cacheKey: 'things-api' }), tokenStore: storeWith({ get }) });
    await settle(api.GET('/things'));
    down = false;
    vi.advanceTimersByTime(8_500); // past the 10 s token's hard margin
    await settle(api.GET('/things'));
    expect(get).toHaveBeenCalledTimes(2);
    expect(issue).toHaveBeenCalledOnce();
    expect(sent).toEqual(['Bearer own', 'Bearer shared']);
  });
});

describe('a token store that hangs', () => {
  test('a get() that never answers holds the call up for the store budget only, then it goes on with its own exchange', async () => {
    const sent = recordingThingsApi(server);
    const { api } = clientWith(storeWith({ get: never }), { tokenStoreTimeoutMs: 300 });
    const startedAt = Date.now();
    expect(await settle(api.GET('/things'))).toEqual({ items: [] });
    expect(Date.now() - startedAt).toBe(300); // fake time: exactly the budget, nothing else waited
    expect(sent).toEqual(['Bearer fresh']);
    expect(api.stats.tokenStoreFailures).toBe(1);
  });

  test('a set() that never answers holds up neither the call nor other clients sharing the store', async () => {
    const sent = recordingThingsApi(server);
    const tokenStore = storeWith({ set: never });
    const auth = tokenFunction(() => 'fresh', { cacheKey: 'things-api' });
    expect(await settle(createClient<paths>({ baseUrl: apiUrl, auth, tokenStore }).GET('/things'))).toEqual({ items: [] });
    expect(await settle(createClient<paths>({ baseUrl: apiUrl, auth, tokenStore }).GET('/things'))).toEqual({ items: [] });
    expect(sent).toEqual(['Bearer fresh', 'Bearer fresh']);
  });

  test('with 2 s tokens and a set() that never settles, 60 calls over 3 s send no expired token and none fails', async () => {
    // The figures of issue 11 item 2: 28 expired tokens were sent and 14 of 60 calls failed.
    const oauth = fakeOAuth({ lifetimeSeconds: 2 });
    server.use(...oauth.handlers);
    const tokenStore = storeWith({ set: never });
    const api = createClient<paths>({ baseUrl: apiUrl, auth: clientCredentials({ tokenUrl, clientId, clientSecret }), tokenStore });
    const outcomes: unknown[] = [];
    for (let call = 0; call < 60; call++) {
      outcomes.push(await settle(api.GET('/things')));
      vi.advanceTimersByTime(50);
    }
    expect(outcomes.filter((outcome) => outcome instanceof Error)).toEqual([]);
    expect(oauth.state.expiredUses).toBe(0);
    expect(oauth.state.exchanges).toBeGreaterThanOrEqual(3);
  });

  test('with a set() taking 300 ms, the refresh after a 401 returns a new token, not the revoked one', async () => {
    const oauth = fakeOAuth({ lifetimeSeconds: 900 });
    server.use(...oauth.handlers);
    const slowSet = new MemoryTokenStore();
    const tokenStore = storeWith({ set: (key, token) => new Promise<void>((resolve) => setTimeout(() => resolve(slowSet.set(key, token)), 300)) }, slowSet);
    const api = createClient<paths>({ baseUrl: apiUrl, auth: clientCredentials({ tokenUrl, clientId, clientSecret }), tokenStore });
    const first = api.GET('/things');
    await vi.waitFor(() => expect(oauth.state.sent).toEqual(['Bearer tok-1']));
    oauth.revoke('tok-1');
    // The first token's write is still in flight while the API rejects it.
    expect(await settle(api.GET('/things'))).toEqual({ items: [{ id: '1', name: 'one' }] });
    await settle(first);
    expect(oauth.state.sent).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
  });
});

describe('what goes into a shared store', () => {
  /** A store that records every write. */
  function recordingStore() {
    const writes: [string, StoredToken][] = [];
    return { writes, store: storeWith({ set: (key, token) => void writes.push([key, token]) }) };
  }

  test('a key read from a function is never written to a shared store', async () => {
    // Issue 11 item 5: the plaintext key used to be stored under a per-instance key.
    recordingThingsApi(server);
    const { writes, store } = recordingStore();
    const api = createClient<paths>({ baseUrl: apiUrl, auth: apiKey(() => 'key-from-vault'), tokenStore: store });
    expect(await settle(api.GET('/things'))).toEqual({ items: [] });
    expect(writes).toEqual([]);
  });

  test('a token function without a cacheKey keeps its tokens in the process; with one, they are stored under a hash of it', async () => {
    recordingThingsApi(server);
    const { writes, store } = recordingStore();
    await settle(createClient<paths>({ baseUrl: apiUrl, auth: tokenFunction(() => 'private'), tokenStore: store }).GET('/things'));
    expect(writes).toEqual([]);
    await settle(createClient<paths>({ baseUrl: apiUrl, auth: tokenFunction(() => 'shared', { cacheKey: 'reports@prod' }), tokenStore: store }).GET('/things'));
    expect(writes).toHaveLength(1);
    expect(writes[0]![0]).toMatch(/^fn:[0-9a-z]+$/);
    expect(writes[0]![0]).not.toContain('reports');
    expect(writes[0]![1]).toEqual({ token: 'shared', issuedAt: start, expiresAt: start + hour, renewAt: expect.any(Number) });
  });

  test('a client id given as a function is shared only under an explicit cacheKey', async () => {
    const oauth = fakeOAuth();
    server.use(...oauth.handlers);
    const { writes, store } = recordingStore();
    const credentials = { tokenUrl, clientId: () => clientId, clientSecret };
    await settle(createClient<paths>({ baseUrl: apiUrl, auth: clientCredentials(credentials), tokenStore: store }).GET('/things'));
    expect(writes).toEqual([]);
    await settle(createClient<paths>({ baseUrl: apiUrl, auth: clientCredentials({ ...credentials, cacheKey: 'svc' }), tokenStore: store }).GET('/things'));
    expect(writes.map(([key, token]) => [key.slice(0, 6), token.token])).toEqual([['oauth:', 'tok-2']]);
  });

  test('a fixed API key refuses a tokenStore: there is nothing to share', () => {
    const create = () => createClient<paths>({ baseUrl: apiUrl, auth: apiKey('fixed-key'), tokenStore: new MemoryTokenStore() });
    expect(create).toThrow(ConfigurationError);
    expect(create).toThrow(/`tokenStore`: has nothing to keep/);
  });

  test.each([
    ['RyvnClient', () => new RyvnClient({ clientId: 'id', clientSecret: 'secret', tokenStoreTimeoutMs: 0 })],
    ['ScrydonClient', () => new ScrydonClient({ baseUrl: 'https://acme.scrydon.example', clientId: 'id', clientSecret: 'secret', scopes: ['workflows:read'], tokenStoreTimeoutMs: 0 })],
  ])('%s takes tokenStoreTimeoutMs and checks it', (_name, create) => {
    expect(create).toThrow(/`tokenStoreTimeoutMs`: must be a whole number of milliseconds ≥ 1/);
  });

  test.each([0, 1.5, -1, '1000'])('tokenStoreTimeoutMs %j is refused, naming the option', (value) => {
    const create = () => createClient<paths>({ baseUrl: apiUrl, auth: tokenFunction(() => 't'), tokenStoreTimeoutMs: value as number });
    expect(create).toThrow(/`tokenStoreTimeoutMs`: must be a whole number of milliseconds/);
  });
});
