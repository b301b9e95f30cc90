import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import {
  ApiPromise,
  apiKey,
  clientCredentials,
  ConfigurationError,
  createClient,
  KeycardError,
  NotFoundError,
  type ClientOptions,
} from '../../../src/index';
import type { paths } from '../../example/things-api.gen';
import { apiUrl, clientId, clientSecret, fakeOAuth, tokenUrl } from '../../helpers/fake-oauth';
import { useMswServer } from '../../helpers/msw-server';

const server = useMswServer();

describe('createClient configuration', () => {
  test.each([
    [{}, 'baseUrl', /must be an absolute URL string/],
    [{ baseUrl: 'api.example.com' }, 'baseUrl', /not a valid absolute URL/],
    [{ baseUrl: 'http://api.example.com' }, 'baseUrl', /must use https: credentials are sent over plain http only to loopback hosts/],
    [{ baseUrl: 'https://api.example.com?x=1' }, 'baseUrl', /query or fragment/],
    // Even empty, a query or fragment would swallow every path appended after it.
    [{ baseUrl: 'https://api.example.com/v1?' }, 'baseUrl', /query or fragment/],
    [{ baseUrl: 'https://api.example.com/v1#' }, 'baseUrl', /query or fragment/],
    [{ baseUrl: apiUrl, timeoutMs: 0 }, 'timeoutMs', /whole number of milliseconds ≥ 1, got 0/],
    [{ baseUrl: apiUrl, maxRetries: 11 }, 'maxRetries', /from 0 to 10, got 11/],
    [{ baseUrl: apiUrl, timeout: 5000 }, 'timeout', /not an option of createClient\(\); did you mean `timeoutMs`/],
    // A typo, not only a prefix: the same nearest-name rule as the built-in clients.
    [{ baseUrl: apiUrl, timoutMs: 5000 }, 'timoutMs', /not an option of createClient\(\); did you mean `timeoutMs`/],
    // A misspelt baseUrl is named with its correction, not reported as a missing baseUrl.
    [{ baseURL: apiUrl }, 'baseURL', /not an option of createClient\(\); did you mean `baseUrl`/],
    [{ baseUrl: apiUrl, headers: { Authorization: 'Bearer x' } }, 'headers', /pass credentials as `auth`/],
    // Found when the client is built, not on every call.
    [{ baseUrl: apiUrl, headers: { 'x-trace': 'a\r\nx-injected: 1' } }, 'headers', /line breaks or control characters/],
    [{ baseUrl: apiUrl, headers: { 'bad header': '1' } }, 'headers', /not a valid header name/],
    [{ baseUrl: apiUrl, errorCodes: { E1: Error } }, 'errorCodes', /must map to ApiError/],
    [{ baseUrl: apiUrl, auth: 'my-key' }, 'auth', /must come from clientCredentials\(\), apiKey\(\) or tokenFunction\(\)/],
    [{ baseUrl: apiUrl, tokenStore: { get() {} } }, 'tokenStore', /get, set and delete/],
  ])('%j is refused naming %s', (options, option, message) => {
    const attempt = () => createClient(options as unknown as ClientOptions);
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(message);
    expect(() => attempt()).toThrow(expect.objectContaining({ option }));
  });

  test('a missing client id is refused when the client is built', () => {
    expect(() => createClient({ baseUrl: apiUrl, auth: clientCredentials({ tokenUrl, clientId: undefined as never, clientSecret }) })).toThrow(
      'Invalid option `clientId`: is required',
    );
  });

  test('http is fine for loopback hosts', () => {
    expect(createClient({ baseUrl: 'http://127.0.0.1:8080/v1/' }).baseUrl).toBe('http://127.0.0.1:8080/v1');
    expect(() => createClient({ baseUrl: 'http://localhost:3000' })).not.toThrow();
  });

  test.each(['http://localhost.:8080', 'http://127.0.0.1.nip.io', 'http://[::ffff:7f00:1]', 'http://0.0.0.0'])(
    'plain http to the loopback look-alike %s is refused',
    (baseUrl) => {
      expect(() => createClient({ baseUrl, auth: apiKey('key-1234567') })).toThrow(/must use https/);
    },
  );
});

describe('calls', () => {
  test('resolve to the typed body and keep the response reachable', async () => {
    server.use(
      http.get(`${apiUrl}/things`, ({ request }) =>
        HttpResponse.json({ items: [{ id: new URL(request.url).searchParams.get('limit') ?? '', name: 'n' }] }, { headers: { 'x-ratelimit-remaining': '41' } }),
      ),
    );
    const api = createClient<paths>({ baseUrl: apiUrl });
    const call = api.GET('/things', { params: { query: { limit: 3 } } });
    expect(call).toBeInstanceOf(ApiPromise);
    expect(await call).toEqual({ items: [{ id: '3', name: 'n' }] });
    const { data, response } = await api.GET('/things').withResponse();
    expect(data.items).toHaveLength(1);
    expect(response.headers.get('x-ratelimit-remaining')).toBe('41');
  });

  test('an operation without a body resolves to undefined', async () => {
    server.use(http.delete(`${apiUrl}/things/:id`, () => new HttpResponse(null, { status: 204 })));
    await expect(createClient<paths>({ baseUrl: apiUrl }).DELETE('/things/{id}', { params: { path: { id: '1' } } })).resolves.toBeUndefined();
  });

  test('a non-2xx rejects with the typed error', async () => {
    server.use(http.get(`${apiUrl}/things/:id`, () => HttpResponse.json({ message: 'no such thing' }, { status: 404 })));
    const error = await createClient<paths>({ baseUrl: apiUrl })
      .GET('/things/{id}', { params: { path: { id: 'x' } } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, detail: 'no such thing', method: 'GET', url: `${apiUrl}/things/x` });
  });

  test('withResponse() alone rejects once, with the typed error', async () => {
    server.use(http.get(`${apiUrl}/things`, () => HttpResponse.json({}, { status: 404 })));
    await expect(createClient<paths>({ baseUrl: apiUrl }).GET('/things').withResponse()).rejects.toBeInstanceOf(NotFoundError);
  });

  test('a 2xx body that is not JSON is a KeycardError, not a bare SyntaxError', async () => {
    server.use(http.get(`${apiUrl}/things`, () => new HttpResponse('<html>', { headers: { 'content-type': 'application/json' } })));
    const error = await createClient<paths>({ baseUrl: apiUrl }).GET('/things').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KeycardError);
    expect((error as Error).message).toMatch(/Reading the response failed/);
  });

  test('default headers are sent; credentials come only from auth', async () => {
    let headers: Headers | undefined;
    server.use(
      http.get(`${apiUrl}/things`, ({ request }) => {
        headers = request.headers;
        return HttpResponse.json({ items: [] });
      }),
    );
    await createClient<paths>({ baseUrl: apiUrl, headers: { 'user-agent': 'my-app/1.0' }, auth: apiKey('k-123456') }).GET('/things');
    expect(headers?.get('user-agent')).toBe('my-app/1.0');
    expect(headers?.get('authorization')).toBe('Bearer k-123456');
  });

  test('withOptions derives a client that shares the token cache', async () => {
    const oauth = fakeOAuth();
    server.use(...oauth.handlers);
    const api = createClient<paths>({ baseUrl: apiUrl, auth: clientCredentials({ tokenUrl, clientId, clientSecret }) });
    await api.GET('/things');
    const patient = api.withOptions({ timeoutMs: 60_000, headers: { 'x-trace': '1' } });
    await patient.GET('/things');
    expect(oauth.state.exchanges).toBe(1);
    expect(() => api.withOptions({ baseUrl: 'https://elsewhere.example' } as never)).toThrow(/not an option of withOptions/);
  });

  test("withOptions({ fetch }): the derived client's fetch makes the token requests its calls start", async () => {
    const oauth = fakeOAuth();
    server.use(...oauth.handlers);
    const api = createClient<paths>({ baseUrl: apiUrl, auth: clientCredentials({ tokenUrl, clientId, clientSecret }) });
    const fetched: string[] = [];
    const derived = api.withOptions({
      fetch: (input, init) => {
        fetched.push(input instanceof Request ? input.url : String(input));
        return globalThis.fetch(input, init);
      },
    });
    await derived.GET('/things');
    expect(fetched).toEqual([tokenUrl, `${apiUrl}/things`]);
    expect(oauth.state.exchanges).toBe(1);
  });
});

describe('path parameters', () => {
  /** Every request that reaches the network, as `METHOD path`. */
  function recordAll() {
    const sent: string[] = [];
    server.use(
      http.all('*', ({ request }) => {
        sent.push(`${request.method} ${new URL(request.url).pathname}`);
        return HttpResponse.json({ id: 'x', name: 'n' });
      }),
    );
    return sent;
  }

  // Each would change the endpoint: `/things/..` is `/`; `/things/.` and `/things/` are the collection, not one thing.
  test.each([
    ['..', /got "\.\."/],
    ['.', /got "\."/],
    ['', /got an empty string/],
  ])('%j is refused by name as a rejected call, and nothing is sent', async (id, message) => {
    const sent = recordAll();
    const call = createClient<paths>({ baseUrl: apiUrl }).DELETE('/things/{id}', { params: { path: { id } } });
    const error = await call.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ option: 'params.path.id', message: expect.stringMatching(message) });
    expect(sent).toEqual([]);
  });

  test.each(['..x', 'a.b', '...'])('an id with dots such as %j is sent as given', async (id) => {
    const sent = recordAll();
    await createClient<paths>({ baseUrl: apiUrl }).GET('/things/{id}', { params: { path: { id } } });
    expect(sent).toEqual([`GET /things/${id}`]);
  });
});
