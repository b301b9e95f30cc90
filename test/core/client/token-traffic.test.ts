import { HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { clientCredentials, createClient, MemoryTokenStore, tokenFunction, type TokenStore } from '../../../src/index';
import { jwtShapedToken } from '../../../src/sandbox/jwt-shaped-token';
import type { paths } from '../../example/things-api.gen';
import { apiUrl, clientId, clientSecret, fakeOAuth as fakeOAuthWithShortTokens, type FakeOAuthOptions, tokenUrl } from '../../helpers/fake-oauth';
import { start, useFakeTime } from '../../helpers/fake-time';
import { useMswServer } from '../../helpers/msw-server';

const server = useMswServer();
const client = (options: { tokenStore?: TokenStore; fetch?: typeof globalThis.fetch } = {}) =>
  createClient<paths>({ baseUrl: apiUrl, auth: clientCredentials({ tokenUrl, clientId, clientSecret }), ...options });

// Identity providers issue JWTs of 1–4 kB: short opaque tokens once hid a client that cut them short.
const fakeOAuth = (options: FakeOAuthOptions = {}) => fakeOAuthWithShortTokens({ tokenLength: 3_000, ...options });
/**
 * `settle` for work that touches no socket, msw or thread pool (answered by `oauth.fetch`): a few
 * event-loop turns let it finish what it can before the fake clock jumps to the next timer, with no
 * real quiet time to wait.
 */
async function run<T>(work: Promise<T>): Promise<T | unknown> {
  let done = false;
  const outcome = work.then(
    (value) => value,
    (error: unknown) => error,
  );
  void outcome.finally(() => (done = true));
  for (let round = 0; !done && round < 1000; round++) {
    for (let tick = 0; tick < 10 && !done; tick++) await new Promise<void>((resolve) => setImmediate(resolve));
    if (!done) await vi.advanceTimersToNextTimerAsync();
  }
  return outcome;
}

/** The Authorization header that carries the n-th token issued (1-based). */
const bearer = (oauth: ReturnType<typeof fakeOAuth>, n: number) => `Bearer ${oauth.state.issued[n - 1]}`;

describe('token traffic', () => {
  // Traffic-sized tests answer through `oauth.fetch`, the same endpoints without msw's interception,
  // which costs milliseconds a request and made these tests take seconds on a busy machine.
  // A thousand calls through the whole client are CPU work (0.3–0.8 s on one idle core), not
  // waiting: on a machine running several suites at once they took 4.5 s, so vitest's 5 s default
  // is no bound for them.
  test('1,000 concurrent calls on a cold client make exactly one token request', async () => {
    const oauth = fakeOAuth();
    const api = client({ fetch: oauth.fetch });
    const results = await Promise.all(Array.from({ length: 1000 }, () => api.GET('/things')));
    expect(results).toHaveLength(1000);
    expect(oauth.state.exchanges).toBe(1);
    expect(oauth.state.sent).toHaveLength(1000);
    expect(new Set(oauth.state.sent)).toEqual(new Set([bearer(oauth, 1)]));
  }, 30_000);

  test('a JWT-sized token is sent whole, through msw and a real fetch', async () => {
    const oauth = fakeOAuth({ tokenLength: 4_096 });
    server.use(...oauth.handlers);
    await client().GET('/things');
    expect(oauth.state.sent).toEqual([bearer(oauth, 1)]);
    expect(oauth.state.sent[0]).toHaveLength('Bearer '.length + 4_096);
  });

  test('a 4 kB token from a tokenFunction is sent whole', async () => {
    const token = jwtShapedToken({ issuer: 'https://backend.example.com', subject: 'browser', scopes: [], issuedAt: start, expiresAt: start + 600_000 }, 4_096);
    const oauth = fakeOAuth();
    oauth.state.tokens.set(token, Date.now() + 600_000);
    const api = createClient<paths>({ baseUrl: apiUrl, auth: tokenFunction(() => ({ token, expiresInSeconds: 600 })), fetch: oauth.fetch });
    expect(await api.GET('/things')).toEqual({ items: [{ id: '1', name: 'one' }] });
    expect(oauth.state.sent).toEqual([`Bearer ${token}`]);
  });

  test('clients sharing a token store share one exchange per credential', async () => {
    const oauth = fakeOAuth();
    const tokenStore = new MemoryTokenStore();
    const auth = () => clientCredentials({ tokenUrl, clientId, clientSecret, scopes: ['things:read'] });
    const first = createClient<paths>({ baseUrl: apiUrl, auth: auth(), tokenStore, fetch: oauth.fetch });
    const second = createClient<paths>({ baseUrl: apiUrl, auth: auth(), tokenStore, fetch: oauth.fetch });
    await Promise.all(Array.from({ length: 100 }, (_, index) => (index % 2 ? first : second).GET('/things')));
    expect(oauth.state.exchanges).toBe(1);
  });

  test('clients sharing an asynchronous token store still share one exchange', async () => {
    const oauth = fakeOAuth();
    const inner = new MemoryTokenStore();
    // Each call answers a microtask later, as a store over the network would.
    const tokenStore: TokenStore = {
      get: async (key) => (await Promise.resolve(), inner.get(key)),
      set: async (key, token) => (await Promise.resolve(), inner.set(key, token)),
      delete: async (key) => (await Promise.resolve(), inner.delete(key)),
    };
    const clients = Array.from({ length: 5 }, () => client({ tokenStore, fetch: oauth.fetch }));
    await Promise.all(clients.flatMap((api) => [api.GET('/things'), api.GET('/things')]));
    expect(oauth.state.exchanges).toBe(1);
  });

  describe('under fake time', () => {
    beforeEach(useFakeTime);
    afterEach(() => vi.useRealTimers());

    test('a token crossing its refresh window is renewed in the background without delaying the call', async () => {
      let releaseRenewal!: () => void;
      const renewalGate = new Promise<void>((resolve) => (releaseRenewal = resolve));
      const oauth = fakeOAuth({
        lifetimeSeconds: 900,
        // The renewal hangs until the test releases it: a call must not wait for it.
        respond: async (_request, attempt) => (attempt === 2 ? renewalGate.then(() => undefined) : undefined),
      });
      const api = client({ fetch: oauth.fetch });
      await api.GET('/things');

      vi.setSystemTime(Date.now() + 900_000 - 90_000 + 1_000); // inside the 90 s window, outside the 30 s margin
      expect(await run(api.GET('/things'))).toEqual({ items: [{ id: '1', name: 'one' }] });
      expect(oauth.state.tokenRequests).toHaveLength(2); // the renewal started…
      expect(oauth.state.exchanges).toBe(1); // …and has not answered yet
      expect(oauth.state.sent).toEqual([bearer(oauth, 1), bearer(oauth, 1)]);

      await run(api.GET('/things')); // still served by tok-1, no second renewal
      expect(oauth.state.tokenRequests).toHaveLength(2);

      releaseRenewal();
      await vi.waitFor(() => expect(oauth.state.exchanges).toBe(2));
      await run(api.GET('/things'));
      expect(oauth.state.sent.at(-1)).toBe(bearer(oauth, 2));
    });

    // Each case spans at least one renewal, with a step shorter than the refresh window less the
    // hard margin, so that every renewal starts in the background from a call inside the window.
    test.each([
      ['12 h', 43_200, 13 * 3_600_000, 240_000],
      ['15 min', 900, 1_800_000, 10_000],
      ['10 s', 10, 30_000, 200],
    ])('over steady traffic with %s tokens: one exchange per renewal, never an expired token', async (_label, lifetimeSeconds, horizon, step) => {
      const oauth = fakeOAuth({ lifetimeSeconds });
      const api = client({ fetch: oauth.fetch });
      // No call here retries, so nothing waits on a timer: awaiting directly keeps the clock exact.
      for (let elapsed = 0; elapsed < horizon; elapsed += step) {
        await api.GET('/things');
        vi.setSystemTime(Date.now() + step);
      }
      expect(oauth.state.sent).toHaveLength(horizon / step);
      expect(oauth.state.expiredUses).toBe(0);
      const issued = new Set(oauth.state.issued.map((token) => `Bearer ${token}`));
      expect(oauth.state.sent.filter((header) => !issued.has(header))).toEqual([]);
      // One exchange per renewal: a renewal starts at the first call inside the window, so each
      // token serves its life up to the window, plus at most one step.
      const window = Math.min(Math.max(lifetimeSeconds * 100, 60_000), 300_000, (lifetimeSeconds * 1000) / 2);
      const lower = Math.ceil(horizon / (lifetimeSeconds * 1000 - window + step));
      const upper = Math.ceil(horizon / (lifetimeSeconds * 1000 - window));
      expect(lower).toBeGreaterThanOrEqual(2);
      expect(oauth.state.exchanges).toBeGreaterThanOrEqual(lower);
      expect(oauth.state.exchanges).toBeLessThanOrEqual(upper);
    });

    test('calls inside the hard margin wait for the new token rather than send the old one', async () => {
      const oauth = fakeOAuth({ lifetimeSeconds: 900 });
      const api = client({ fetch: oauth.fetch });
      await run(api.GET('/things'));
      vi.setSystemTime(Date.now() + 900_000 - 10_000); // 10 s before expiry: inside the 30 s margin
      await run(Promise.all([api.GET('/things'), api.GET('/things'), api.GET('/things')]));
      expect(oauth.state.exchanges).toBe(2);
      expect(oauth.state.sent.slice(1)).toEqual([bearer(oauth, 2), bearer(oauth, 2), bearer(oauth, 2)]);
    });

    test('a failing renewal keeps the valid token in use until the margin, then fails typed', async () => {
      const oauth = fakeOAuth({
        lifetimeSeconds: 900,
        respond: (_request, attempt) => (attempt > 1 ? HttpResponse.json({ error: 'server_error' }, { status: 500 }) : undefined),
      });
      const api = client({ fetch: oauth.fetch });
      await run(api.GET('/things'));
      vi.setSystemTime(Date.now() + 900_000 - 80_000);
      for (let index = 0; index < 5; index++) {
        await expect(run(api.GET('/things'))).resolves.toEqual({ items: [{ id: '1', name: 'one' }] });
        vi.setSystemTime(Date.now() + 5_000);
      }
      vi.setSystemTime(Date.now() + 60_000); // past the margin
      const error = await run(api.GET('/things'));
      expect(error).toMatchObject({ name: 'TokenExchangeError', status: 500 });
      expect(oauth.state.expiredUses).toBe(0);
    });
  });
});
