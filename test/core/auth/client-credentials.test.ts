import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { http, HttpResponse, passthrough } from 'msw';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  AbortError,
  clientCredentials,
  ConfigurationError,
  createClient,
  ConnectionError,
  InvalidClientError,
  InvalidGrantError,
  InvalidScopeError,
  TokenExchangeError,
  UnauthorizedClientError,
  UnsupportedGrantTypeError,
  type ClientCredentialsOptions,
} from '../../../src/index';
import { jwtShapedToken } from '../../../src/sandbox/jwt-shaped-token';
import type { paths } from '../../example/things-api.gen';
import { clientId, clientSecret, fakeOAuth, tokenUrl } from '../../helpers/fake-oauth';
import { settle, start, useFakeTime } from '../../helpers/fake-time';
import { useMswServer } from '../../helpers/msw-server';

const server = useMswServer();
const context = () => ({ signal: new AbortController().signal, fetch: globalThis.fetch, now: () => Date.now() });
const auth = (options: Partial<ClientCredentialsOptions> = {}) => clientCredentials({ tokenUrl, clientId, clientSecret, ...options });

/** A token shaped like an identity provider's JWT (Azure AD, Auth0, Keycloak), `length` characters long. */
const jwt = (length: number) =>
  jwtShapedToken({ issuer: 'https://auth.example.com', subject: clientId, scopes: ['things:read'], issuedAt: start, expiresAt: start + 3_600_000 }, length);

/** Answers token requests from a list, then issues tokens; counts requests. */
function scripted(...responses: (() => Response)[]) {
  const oauth = fakeOAuth({ respond: (_request, attempt) => responses[attempt - 1]?.() });
  server.use(oauth.tokenHandler);
  return oauth.state;
}

beforeEach(useFakeTime);
afterEach(() => vi.useRealTimers());

describe('clientCredentials', () => {
  test('sends a client-credentials form with HTTP Basic auth, form-encoded first (RFC 6749 §2.3.1)', async () => {
    const state = scripted(() => HttpResponse.json({ access_token: 'a', token_type: 'bearer', expires_in: 60 }));
    const token = await settle(
      clientCredentials({ tokenUrl, clientId: 'svc:1', clientSecret: 'p@ss+w/rd', scopes: ['a:read', 'b:write'] }).getToken(context()),
    );
    expect(token).toMatchObject({ token: 'a', issuedAt: start, expiresAt: start + 60_000 });
    const [request] = state.tokenRequests;
    expect(request?.authorization).toBe(`Basic ${btoa('svc%3A1:p%40ss%2Bw%2Frd')}`);
    expect(Object.fromEntries(request?.form ?? [])).toEqual({ grant_type: 'client_credentials', scope: 'a:read b:write' });
  });

  test('a client secret with inner spaces (RFC 6749 Appendix A: VSCHAR) is accepted and form-encoded', async () => {
    const state = scripted(() => HttpResponse.json({ access_token: 'a', expires_in: 60 }));
    expect(await settle(auth({ clientSecret: 'pass word' }).getToken(context()))).toMatchObject({ token: 'a' });
    expect(state.tokenRequests[0]?.authorization).toBe(`Basic ${btoa(`${clientId}:pass+word`)}`);
  });

  test('client_secret_post puts the credentials in the form instead of a header', async () => {
    const state = scripted(() => HttpResponse.json({ access_token: 'a', expires_in: 60 }));
    await settle(auth({ authMethod: 'client_secret_post', tokenParams: { audience: 'api' } }).getToken(context()));
    expect(state.tokenRequests[0]?.authorization).toBeNull();
    expect(Object.fromEntries(state.tokenRequests[0]?.form ?? [])).toEqual({
      grant_type: 'client_credentials',
      audience: 'api',
      client_id: clientId,
      client_secret: clientSecret,
    });
  });

  test('expiry is measured from when the request was sent, not when the answer arrived', async () => {
    const sentAt = start;
    server.use(
      http.post(tokenUrl, async () => {
        vi.setSystemTime(sentAt + 5_000); // the answer takes 5 s
        return HttpResponse.json({ access_token: 'a', expires_in: 60 });
      }),
    );
    expect(await settle(auth().getToken(context()))).toMatchObject({ issuedAt: sentAt, expiresAt: sentAt + 60_000 });
  });

  test('after a retry, expiry is measured from when the successful attempt was sent', async () => {
    const state = scripted(() => HttpResponse.json({ error: 'temporarily_unavailable' }, { status: 503, headers: { 'retry-after': '3' } }));
    const token = (await settle(auth().getToken(context()))) as { issuedAt: number; expiresAt: number };
    expect(token.issuedAt).toBe(state.tokenRequests[1]!.at);
    expect(token.expiresAt).toBe(token.issuedAt + 3_600_000);
  });

  test('without expires_in the default lifetime applies, never forever', async () => {
    scripted(() => HttpResponse.json({ access_token: 'a' }), () => HttpResponse.json({ access_token: 'b' }));
    expect(await settle(auth().getToken(context()))).toMatchObject({ issuedAt: start, expiresAt: start + 3_600_000 });
    expect(await settle(auth({ defaultTokenLifetimeMs: 600_000 }).getToken(context()))).toMatchObject({ expiresAt: start + 600_000 });
  });

  test('invalid_client fails at once, typed, and the secret appears nowhere in the error', async () => {
    const state = scripted(() => HttpResponse.json({ error: 'invalid_client', error_description: 'client not found' }, { status: 401 }));
    const error = await settle(auth().getToken(context()));
    expect(error).toBeInstanceOf(InvalidClientError);
    expect(error).toMatchObject({ error: 'invalid_client', errorDescription: 'client not found', status: 401 });
    expect(state.tokenRequests).toHaveLength(1);
    for (const view of [(error as Error).message, JSON.stringify(error), inspect(error, { depth: 10 })]) {
      expect(view).not.toContain(clientSecret);
      expect(view).not.toContain(btoa(`${clientId}:${clientSecret}`));
    }
  });

  test('503, 503, 200 succeeds on the third attempt', async () => {
    const unavailable = () => HttpResponse.json({ error: 'temporarily_unavailable' }, { status: 503 });
    const state = scripted(unavailable, unavailable);
    expect(await settle(auth().getToken(context()))).toMatchObject({ token: 'tok-1' });
    expect(state.tokenRequests).toHaveLength(3);
  });

  test('transient failures are retried a bounded number of times', async () => {
    const state = scripted(...Array.from({ length: 10 }, () => () => new HttpResponse('upstream down', { status: 502 })));
    const error = await settle(auth({ tokenMaxRetries: 2 }).getToken(context()));
    expect(error).toBeInstanceOf(TokenExchangeError);
    expect(error).toMatchObject({ status: 502, error: 'server_error', errorDescription: 'upstream down' });
    expect(state.tokenRequests).toHaveLength(3);
  });

  test('temporarily_unavailable with a 400 is retried too', async () => {
    const state = scripted(() => HttpResponse.json({ error: 'temporarily_unavailable' }, { status: 400 }));
    expect(await settle(auth().getToken(context()))).toMatchObject({ token: 'tok-1' });
    expect(state.tokenRequests).toHaveLength(2);
  });

  test('a 429 with Retry-After is waited out', async () => {
    const state = scripted(() => HttpResponse.json({ error: 'slow_down' }, { status: 429, headers: { 'retry-after': '4' } }));
    expect(await settle(auth().getToken(context()))).toMatchObject({ token: 'tok-1' });
    const [first, second] = state.tokenRequests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(4_000);
    expect(second!.at - first!.at).toBeLessThan(4_100);
  });

  test('a Retry-After beyond maxRetryAfterMs fails at once with the wait on the error', async () => {
    const state = scripted(() => HttpResponse.json({}, { status: 429, headers: { 'retry-after': '3600' } }));
    const error = await settle(auth().getToken(context()));
    expect(error).toBeInstanceOf(TokenExchangeError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 3_600_000 });
    expect(state.tokenRequests).toHaveLength(1);
  });

  test('an exchange waiting out a Retry-After is abortable, and sends nothing more', async () => {
    const state = scripted(...Array.from({ length: 5 }, () => () => HttpResponse.json({}, { status: 429, headers: { 'retry-after': '30' } })));
    const controller = new AbortController();
    const pending = Promise.resolve(auth().getToken({ ...context(), signal: controller.signal })).catch((caught: unknown) => caught);
    await vi.waitFor(() => expect(state.tokenRequests).toHaveLength(1));
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortError);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(state.tokenRequests).toHaveLength(1);
  });

  test('network failures are retried, then reported as ConnectionError', async () => {
    let attempts = 0;
    server.use(
      http.post(tokenUrl, () => {
        attempts += 1;
        return HttpResponse.error();
      }),
    );
    const error = await settle(auth({ tokenMaxRetries: 1 }).getToken(context()));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(attempts).toBe(2);
  });

  test.each([
    ['Zitadel invalid_request naming the client', 400, { error: 'invalid_request', error_description: 'Errors.App.NotFound: client not found' }, InvalidClientError],
    ['invalid_request for a user that is no longer active', 400, { error: 'invalid_request', error_description: 'Errors.User.NotActive' }, InvalidClientError],
    ['Zitadel invalid_request naming a scope', 400, { error: 'invalid_request', error_description: 'invalid scope requested' }, InvalidScopeError],
    ['invalid_scope', 400, { error: 'invalid_scope' }, InvalidScopeError],
    ['a 401 whatever the code', 401, { error: 'invalid_request' }, InvalidClientError],
    ['unauthorized_client', 400, { error: 'unauthorized_client' }, UnauthorizedClientError],
    ['invalid_grant', 400, { error: 'invalid_grant' }, InvalidGrantError],
    ['unsupported_grant_type', 400, { error: 'unsupported_grant_type' }, UnsupportedGrantTypeError],
    ['an unknown code', 400, { error: 'mystery' }, TokenExchangeError],
    // Codes come from the server: one that names an Object.prototype member is just unknown.
    ['an unknown code named `constructor`', 400, { error: 'constructor' }, TokenExchangeError],
    ['an unknown code named `toString`', 400, { error: 'toString' }, TokenExchangeError],
  ])('%s is permanent and typed', async (_label, status, body, ErrorClass) => {
    const state = scripted(() => HttpResponse.json(body, { status }));
    const error = await settle(auth().getToken(context()));
    expect((error as Error).constructor).toBe(ErrorClass);
    expect(state.tokenRequests).toHaveLength(1);
  });

  test.each([
    ['no access_token', { token_type: 'Bearer' }, /no access_token/],
    ['a token type other than Bearer', { access_token: 'a', token_type: 'mac' }, /not Bearer/],
    ['expires_in 0', { access_token: 'a', expires_in: 0 }, /not a positive number/],
  ])('a 200 with %s is rejected', async (_label, body, message) => {
    scripted(() => HttpResponse.json(body));
    const error = await settle(auth().getToken(context()));
    expect(error).toBeInstanceOf(TokenExchangeError);
    expect((error as Error).message).toMatch(message);
  });

  test('an expires_in too large to count in milliseconds is refused, not taken as forever', async () => {
    scripted(() => HttpResponse.json({ access_token: 'a', expires_in: 1e306 }));
    const error = await settle(auth().getToken(context()));
    expect(error).toBeInstanceOf(TokenExchangeError);
    expect(error).toMatchObject({ error: 'invalid_response' });
  });

  test('a redirect from the token endpoint is not followed', async () => {
    let followed = false;
    server.use(
      http.post(tokenUrl, () => new HttpResponse(null, { status: 302, headers: { location: 'https://evil.example.net/steal' } })),
      http.all('https://evil.example.net/*', () => {
        followed = true;
        return HttpResponse.json({});
      }),
    );
    const error = await settle(auth().getToken(context()));
    expect(error).toBeInstanceOf(TokenExchangeError);
    expect((error as Error).message).toMatch(/redirect/);
    expect(followed).toBe(false);
  });

  // Issue 11: every field was cut to 500 characters, the access token too, so every call with a
  // 1–4 kB JWT was sent a truncated token and failed with a 401.
  describe('long access tokens', () => {
    test.each([1_024, 2_048, 4_096, 16_384])('a %i-character JWT is returned whole', async (length) => {
      const token = jwt(length);
      scripted(() => HttpResponse.json({ access_token: token, token_type: 'Bearer', expires_in: 3600 }));
      const issued = (await settle(auth().getToken(context()))) as { token: string };
      expect(issued.token).toHaveLength(token.length);
      expect(issued.token).toBe(token);
    });

    test('an access token over 64 kB is refused at once, saying so without the token', async () => {
      const token = `${jwt(4_096)}${'A'.repeat(64 * 1024)}`;
      const state = scripted(() => HttpResponse.json({ access_token: token, token_type: 'Bearer', expires_in: 3600 }));
      const error = await settle(auth().getToken(context()));
      expect(error).toBeInstanceOf(TokenExchangeError);
      expect(error).toMatchObject({ error: 'invalid_response' });
      expect((error as Error).message).toMatch(/access_token is \d+ characters long, over the 65536/);
      for (const view of [(error as Error).message, JSON.stringify(error), inspect(error, { depth: 10 })]) {
        expect(view).not.toContain(token.slice(0, 64));
      }
      expect(state.tokenRequests).toHaveLength(1);
    });

    test('a 4 kB JWT from a loopback node:http token endpoint reaches a loopback API whole', async () => {
      vi.useRealTimers();
      const token = jwt(4_096);
      const seen: (string | undefined)[] = [];
      const reply = (status: number, body: unknown) => ({ status, body: JSON.stringify(body) });
      const route = (request: IncomingMessage) => {
        if (request.method === 'POST' && request.url === '/oauth/token') return reply(200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
        seen.push(request.headers.authorization);
        return request.headers.authorization === `Bearer ${token}` ? reply(200, { items: [] }) : reply(401, { error: 'invalid_token' });
      };
      const loopback: Server = createServer((request, response) => {
        request.resume().on('end', () => {
          const { status, body } = route(request);
          response.writeHead(status, { 'content-type': 'application/json' }).end(body);
        });
      });
      await new Promise<void>((resolve) => loopback.listen(0, '127.0.0.1', resolve));
      try {
        const origin = `http://127.0.0.1:${(loopback.address() as AddressInfo).port}`;
        // Real sockets: msw lets this origin through to the server.
        server.use(http.all(`${origin}/*`, () => passthrough()));
        const api = createClient<paths>({ baseUrl: origin, auth: clientCredentials({ tokenUrl: `${origin}/oauth/token`, clientId, clientSecret }) });
        expect(await api.GET('/things')).toEqual({ items: [] });
        expect(seen).toEqual([`Bearer ${token}`]);
      } finally {
        loopback.closeAllConnections();
        await new Promise((resolve) => loopback.close(resolve));
      }
    });
  });

  test('credentials given as functions are read at each exchange', async () => {
    let secret = clientSecret;
    const oauth = fakeOAuth({ secrets: () => secret });
    server.use(oauth.tokenHandler);
    const source = auth({ clientSecret: async () => secret });
    await settle(source.getToken(context()));
    secret = 'rotated-secret-2';
    expect(await settle(source.getToken(context()))).toMatchObject({ token: 'tok-2' });
    expect(oauth.state.tokenRequests.map((request) => request.authorization)).toEqual([
      `Basic ${btoa(`${clientId}:${clientSecret}`)}`,
      `Basic ${btoa(`${clientId}:rotated-secret-2`)}`,
    ]);
  });

  test('invalid_client re-reads a function-given secret once before failing', async () => {
    let stored = 'old-secret-1';
    const oauth = fakeOAuth({ secrets: () => 'new-secret-2' });
    server.use(oauth.tokenHandler);
    // The secret store is updated after the first read: the re-read picks up the rotation.
    const source = auth({
      clientSecret: () => {
        const value = stored;
        stored = 'new-secret-2';
        return value;
      },
    });
    expect(await settle(source.getToken(context()))).toMatchObject({ token: 'tok-1' });
    expect(oauth.state.tokenRequests).toHaveLength(2);
  });

  test('invalid_client with an unchanged secret is not sent again', async () => {
    const oauth = fakeOAuth({ secrets: () => 'other' });
    server.use(oauth.tokenHandler);
    const error = await settle(auth({ clientSecret: () => clientSecret }).getToken(context()));
    expect(error).toBeInstanceOf(InvalidClientError);
    expect(oauth.state.tokenRequests).toHaveLength(1);
  });

  test('the cache key depends on token URL, client id, sorted scopes and token parameters, never on the secret', () => {
    const a = auth({ scopes: ['b', 'a'] }).cacheKey;
    expect(auth({ scopes: ['a', 'b'], clientSecret: 'different' }).cacheKey).toBe(a);
    expect(auth({ scopes: ['a'] }).cacheKey).not.toBe(a);
    expect(auth({ clientId: 'other', scopes: ['a', 'b'] }).cacheKey).not.toBe(a);
    expect(a).not.toContain(clientSecret);
  });

  test('tokens for another audience never share a cache key', () => {
    const forA = auth({ tokenParams: { audience: 'https://a.example.com', resource: 'r' } }).cacheKey;
    expect(auth({ tokenParams: { resource: 'r', audience: 'https://a.example.com' } }).cacheKey).toBe(forA);
    expect(auth({ tokenParams: { audience: 'https://b.example.com', resource: 'r' } }).cacheKey).not.toBe(forA);
    expect(auth().cacheKey).not.toBe(forA);
  });

  describe('configuration', () => {
    test.each([
      [{ clientId: undefined }, 'clientId', /is required/],
      [{ clientId: '' }, 'clientId', /is required/],
      [{ clientSecret: 'ends with a space ' }, 'clientSecret', /ends with whitespace/],
      [{ clientSecret: 'line\nbreak' }, 'clientSecret', /visible ASCII/],
      [{ clientSecret: ' starts with a space' }, 'clientSecret', /starts or ends with whitespace/],
      [{ clientId: 'svc\t1' }, 'clientId', /visible ASCII/],
      [{ tokenUrl: 'not a url' }, 'tokenUrl', /not a valid absolute URL/],
      [{ tokenUrl: 'http://auth.example.com/token' }, 'tokenUrl', /must use https/],
      [{ tokenUrl: 'ftp://auth.example.com/token' }, 'tokenUrl', /must use https/],
      [{ scopes: 'a b' }, 'scopes', /array/],
      [{ scopes: ['a b'] }, 'scopes', /not a valid scope/],
      [{ authMethod: 'private_key_jwt' }, 'authMethod', /client_secret_basic/],
      [{ tokenParams: { grant_type: 'password' } }, 'tokenParams', /must not set `grant_type`/],
      [{ tokenTimeoutMs: -1 }, 'tokenTimeoutMs', /whole number/],
      [{ clientSecretFile: 'x' }, 'clientSecretFile', /not an option of clientCredentials\(\); did you mean `clientSecret`/],
    ])('%j is refused naming %s', (override, option, message) => {
      const attempt = () => clientCredentials({ tokenUrl, clientId, clientSecret, ...override } as ClientCredentialsOptions);
      expect(attempt).toThrow(ConfigurationError);
      expect(attempt).toThrow(message);
      try {
        attempt();
      } catch (error) {
        expect((error as ConfigurationError).option).toBe(option);
        expect((error as Error).message).not.toContain(clientSecret);
      }
    });

    test('http is accepted for loopback token endpoints', () => {
      for (const url of ['http://localhost:8080/token', 'http://127.0.0.1:1/token', 'http://[::1]:9/token']) {
        expect(() => auth({ tokenUrl: url })).not.toThrow();
      }
    });

    test('a client secret is refused in a browser unless explicitly allowed', () => {
      vi.stubGlobal('window', { document: {} });
      expect(() => auth()).toThrow(/must not be used in a browser/);
      expect(() => auth({ dangerouslyAllowBrowser: true })).not.toThrow();
    });
  });
});
