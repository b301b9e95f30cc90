import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { clientCredentials, createClient, MemoryTokenStore, type TokenStore } from '../../../src/index';
import type { paths } from '../../example/things-api.gen';
import { apiUrl, clientId, clientSecret, fakeOAuth, tokenUrl } from '../../helpers/fake-oauth';
import { settle, useFakeTime } from '../../helpers/fake-time';
import { useMswServer } from '../../helpers/msw-server';

const server = useMswServer();
const client = (options: { tokenStore?: TokenStore } = {}) =>
  createClient<paths>({ baseUrl: apiUrl, auth: clientCredentials({ tokenUrl, clientId, clientSecret }), ...options });

describe('token traffic', () => {
  test('1,000 concurrent calls on a cold client make exactly one token request', async () => {
    const oauth = fakeOAuth();
    server.use(...oauth.handlers);
    const api = client();
    const results = await Promise.all(Array.from({ length: 1000 }, () => api.GET('/things')));
    expect(results).toHaveLength(1000);
    expect(oauth.state.exchanges).toBe(1);
    expect(new Set(oauth.state.sent)).toEqual(new Set(['Bearer tok-1']));
  });

  test('clients sharing a token store share one exchange per credential', async () => {
    const oauth = fakeOAuth();
    server.use(...oauth.handlers);
    const tokenStore = new MemoryTokenStore();
    const auth = () => clientCredentials({ tokenUrl, clientId, clientSecret, scopes: ['things:read'] });
    const first = createClient<paths>({ baseUrl: apiUrl, auth: auth(), tokenStore });
    const second = createClient<paths>({ baseUrl: apiUrl, auth: auth(), tokenStore });
    await Promise.all(Array.from({ length: 100 }, (_, index) => (index % 2 ? first : second).GET('/things')));
    expect(oauth.state.exchanges).toBe(1);
  });

  test('clients sharing an asynchronous token store still share one exchange', async () => {
    const oauth = fakeOAuth();
    server.use(...oauth.handlers);
    const inner = new MemoryTokenStore();
    // Each call answers a microtask later, as a store over the network would.
    const tokenStore: TokenStore = {
      get: async (key) => (await Promise.resolve(), inner.get(key)),
      set: async (key, token) => (await Promise.resolve(), inner.set(key, token)),
      delete: async (key) => (await Promise.resolve(), inner.delete(key)),
    };
    const clients = Array.from({ length: 5 }, () => client({ tokenStore }));
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
      server.use(...oauth.handlers);
      const api = client();
      await api.GET('/things');

      vi.setSystemTime(Date.now() + 900_000 - 90_000 + 1_000); // inside the 90 s window, outside the 30 s margin
      expect(await settle(api.GET('/things'))).toEqual({ items: [{ id: '1', name: 'one' }] });
      expect(oauth.state.tokenRequests).toHaveLength(2); // the renewal started…
      expect(oauth.state.exchanges).toBe(1); // …and has not answered yet
      expect(oauth.state.sent).toEqual(['Bearer tok-1', 'Bearer tok-1']);

      await settle(api.GET('/things')); // still served by tok-1, no second renewal
      expect(oauth.state.tokenRequests).toHaveLength(2);

      releaseRenewal();
      await vi.waitFor(() => expect(oauth.state.exchanges).toBe(2));
      await settle(api.GET('/things'));
      expect(oauth.state.sent.at(-1)).toBe('Bearer tok-2');
    });

    test.each([
      ['12 h', 43_200],
      ['15 min', 900],
      ['10 s', 10],
    ])('over steady traffic with %s tokens: one exchange per renewal, never an expired token', async (_label, lifetimeSeconds) => {
      const oauth = fakeOAuth({ lifetimeSeconds });
      server.use(...oauth.handlers);
      const api = client();
      const horizon = lifetimeSeconds >= 900 ? 2 * 3_600_000 : 100_000; // 2 h, or 100 s for 10 s tokens
      const step = lifetimeSeconds >= 900 ? 5_000 : 100;
      // No call here retries, so nothing waits on a timer: awaiting directly keeps the clock exact.
      for (let elapsed = 0; elapsed < horizon; elapsed += step) {
        await api.GET('/things');
        vi.setSystemTime(Date.now() + step);
      }
      expect(oauth.state.expiredUses).toBe(0);
      expect(oauth.state.sent.filter((header) => !header.startsWith('Bearer tok-'))).toEqual([]);
      // One exchange per renewal: a renewal starts at the first call inside the window, so each
      // token serves its life up to the window, plus at most one step.
      const window = Math.min(Math.max(lifetimeSeconds * 100, 60_000), 300_000, (lifetimeSeconds * 1000) / 2);
      const lower = Math.ceil(horizon / (lifetimeSeconds * 1000 - window + step));
      const upper = Math.ceil(horizon / (lifetimeSeconds * 1000 - window));
      expect(oauth.state.exchanges).toBeGreaterThanOrEqual(lower);
      expect(oauth.state.exchanges).toBeLessThanOrEqual(upper);
    });

    test('calls inside the hard margin wait for the new token rather than send the old one', async () => {
      const oauth = fakeOAuth({ lifetimeSeconds: 900 });
      server.use(...oauth.handlers);
      const api = client();
      await settle(api.GET('/things'));
      vi.setSystemTime(Date.now() + 900_000 - 10_000); // 10 s before expiry: inside the 30 s margin
      await settle(Promise.all([api.GET('/things'), api.GET('/things'), api.GET('/things')]));
      expect(oauth.state.exchanges).toBe(2);
      expect(oauth.state.sent.slice(1)).toEqual(['Bearer tok-2', 'Bearer tok-2', 'Bearer tok-2']);
    });

    test('a failing renewal keeps the valid token in use until the margin, then fails typed', async () => {
      const oauth = fakeOAuth({
        lifetimeSeconds: 900,
        respond: (_request, attempt) => (attempt > 1 ? HttpResponse.json({ error: 'server_error' }, { status: 500 }) : undefined),
      });
      server.use(...oauth.handlers, http.get(`${apiUrl}/health`, () => HttpResponse.json({})));
      const api = client();
      await settle(api.GET('/things'));
      vi.setSystemTime(Date.now() + 900_000 - 80_000);
      for (let index = 0; index < 5; index++) {
        await expect(settle(api.GET('/things'))).resolves.toEqual({ items: [{ id: '1', name: 'one' }] });
        vi.setSystemTime(Date.now() + 5_000);
      }
      vi.setSystemTime(Date.now() + 60_000); // past the margin
      const error = await settle(api.GET('/things'));
      expect(error).toMatchObject({ name: 'TokenExchangeError', status: 500 });
      expect(oauth.state.expiredUses).toBe(0);
    });
  });
});
