import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { clientCredentials, ConfigurationError, createClient, TimeoutError, type ClientOptions } from '../../../src/index';
import { apiUrl, clientId, clientSecret, tokenUrl } from '../../helpers/fake-oauth';
import { settle, useFakeTime } from '../../helpers/fake-time';
import { useMswServer } from '../../helpers/msw-server';

type Paths = {
  '/hooks/{path}': { post: { parameters: { path: { path: string } }; responses: { 200: { content: { 'application/json': unknown } } } } };
  '/things': { get: { responses: { 200: { content: { 'application/json': unknown } } } }; post: { responses: { 200: { content: { 'application/json': unknown } } } } };
};

const server = useMswServer();
afterEach(() => vi.useRealTimers());

/** A token endpoint that counts its exchanges, and an API that records the Authorization header of each request. */
function api() {
  const seen = { exchanges: 0, authorization: [] as (string | null)[] };
  server.use(
    http.post(tokenUrl, () => {
      seen.exchanges += 1;
      return HttpResponse.json({ access_token: `tok-${seen.exchanges}`, token_type: 'Bearer', expires_in: 3600 });
    }),
    http.all(`${apiUrl}/*`, ({ request }) => {
      seen.authorization.push(request.headers.get('authorization'));
      return HttpResponse.json({ ok: true });
    }),
  );
  return seen;
}

const auth = () => clientCredentials({ tokenUrl, clientId, clientSecret });

describe('operations singled out by the client options', () => {
  test('an operation marked credential: false is sent without the Authorization header, and fetches no token', async () => {
    const seen = api();
    const client = createClient<Paths>({ baseUrl: apiUrl, auth: auth(), operations: { 'POST /hooks/{path}': { credential: false } } });
    await client.POST('/hooks/{path}', { params: { path: { path: 'orders' } } });
    expect(seen.authorization).toEqual([null]);
    expect(seen.exchanges).toBe(0);
  });

  test('the other operations, and other methods on a marked path, still carry the credential', async () => {
    const seen = api();
    const client = createClient<Paths>({ baseUrl: apiUrl, auth: auth(), operations: { 'POST /hooks/{path}': { credential: false } } });
    await client.GET('/things');
    await client.POST('/things');
    await client.POST('/hooks/{path}', { params: { path: { path: 'orders' } } });
    expect(seen.authorization).toEqual(['Bearer tok-1', 'Bearer tok-1', null]);
  });

  test('a derived client keeps the operations', async () => {
    const seen = api();
    const client = createClient<Paths>({ baseUrl: apiUrl, auth: auth(), operations: { 'POST /hooks/{path}': { credential: false } } });
    await client.withOptions({ maxRetries: 0 }).POST('/hooks/{path}', { params: { path: { path: 'orders' } } });
    expect(seen.authorization).toEqual([null]);
  });

  describe('an operation the server holds open', () => {
    const slowThings = (answerAfterMs: number) =>
      server.use(http.post(`${apiUrl}/things`, async () => {
        await new Promise((resolve) => setTimeout(resolve, answerAfterMs));
        return HttpResponse.json({ ok: true });
      }));
    const options: ClientOptions = { baseUrl: apiUrl, timeoutMs: 1_000, maxRetries: 0 };

    test('gets its timeoutMs as the least attempt timeout of its calls', async () => {
      useFakeTime();
      slowThings(3_000);
      const client = createClient<Paths>({ ...options, operations: { 'POST /things': { timeoutMs: 5_000 } } });
      expect(await settle(client.POST('/things'))).toEqual({ ok: true });
      const unmarked = createClient<Paths>(options);
      expect(await settle(unmarked.POST('/things'))).toBeInstanceOf(TimeoutError);
    });

    test("a call's own timeoutMs still wins", async () => {
      useFakeTime();
      slowThings(3_000);
      const client = createClient<Paths>({ ...options, operations: { 'POST /things': { timeoutMs: 5_000 } } });
      expect(await settle(client.POST('/things', { timeoutMs: 2_000 } as never))).toBeInstanceOf(TimeoutError);
    });
  });

  test.each([
    [[], 'operations', /must map 'METHOD \/path' to \{ credential\?: boolean, timeoutMs\?: number \}/],
    [{ 'SEND /hooks': {} }, 'operations', /`SEND \/hooks` must map 'METHOD \/path'/],
    [{ 'POST /hooks': { credentials: false } }, 'operations', /`POST \/hooks` must map/],
    [{ 'POST /hooks': { credential: 'no' } }, 'operations', /`POST \/hooks` must map/],
    [{ 'POST /hooks': { timeoutMs: -1 } }, 'operations.POST /hooks.timeoutMs', /whole number of milliseconds/],
  ])('%j is refused naming %s', (operations, option, message) => {
    const attempt = () => createClient({ baseUrl: apiUrl, operations } as unknown as ClientOptions);
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(expect.objectContaining({ option, message: expect.stringMatching(message) }));
  });
});
