import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { apiKey, clientCredentials, ConnectionError, createClient, NotFoundError, tokenFunction } from '../../../src/index';
import { redactHeaders, redactUrl } from '../../../src/core/errors/redact';
import type { paths } from '../../example/things-api.gen';
import { apiUrl, clientId, clientSecret, fakeOAuth, tokenUrl } from '../../helpers/fake-oauth';
import { useMswServer } from '../../helpers/msw-server';

const server = useMswServer();
const key = 'sk_live_known_3c7a91d2e4';

/** Every view of an error a log or a crash report may show. */
const views = (error: unknown) => [(error as Error).message, JSON.stringify(error), inspect(error, { depth: 8 })];

describe('the client’s own secrets never show in an error', () => {
  test('a WWW-Authenticate that echoes the sent key is scrubbed from err.headers and inspect', async () => {
    server.use(
      http.get(`${apiUrl}/things`, () =>
        HttpResponse.json({ code: 'invalid_token' }, { status: 401, headers: { 'www-authenticate': `Bearer error="invalid_token", token="${key}"` } }),
      ),
    );
    const error = await createClient<paths>({ baseUrl: apiUrl, auth: apiKey(key) })
      .GET('/things')
      .catch((caught: unknown) => caught);
    expect((error as { headers: Headers }).headers.get('www-authenticate')).toBe('Bearer error="invalid_token", token="[REDACTED]"');
    for (const view of views(error)) expect(view).not.toContain(key);
  });

  test('the key in a path segment and a query value is redacted from message, toJSON and inspect', async () => {
    server.use(http.get(`${apiUrl}/things/:id`, () => HttpResponse.json({ message: 'no such thing' }, { status: 404 })));
    const error = await createClient<paths>({ baseUrl: apiUrl, auth: apiKey(key) })
      .GET('/things/{id}', { params: { path: { id: key }, query: { copy: key } } } as never)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).url).toBe(`${apiUrl}/things/[REDACTED]?copy=[REDACTED]`);
    for (const view of views(error)) expect(view).not.toContain(key);
  });

  test('the client secret in a query value is redacted from a ConnectionError', async () => {
    const oauth = fakeOAuth();
    server.use(oauth.tokenHandler, http.get(`${apiUrl}/things`, () => HttpResponse.error()));
    const api = createClient<paths>({ baseUrl: apiUrl, auth: clientCredentials({ tokenUrl, clientId, clientSecret }), maxRetries: 0 });
    const error = await api.GET('/things', { params: { query: { note: clientSecret } } } as never).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    for (const view of views(error)) expect(view).not.toContain(clientSecret);
  });

  test('the current token from a token function in a URL sent to another origin is redacted', async () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.known-token.c2lnbmF0dXJl';
    server.use(
      http.get(`${apiUrl}/things`, () => HttpResponse.json({ items: [] })),
      http.get('https://files.example.net/*', () => HttpResponse.json({}, { status: 404 })),
    );
    const api = createClient<paths>({ baseUrl: apiUrl, auth: tokenFunction(() => token) });
    await api.GET('/things');
    const error = await api
      .GET('/things', { baseUrl: `https://files.example.net/${token}` } as never)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    for (const view of views(error)) expect(view).not.toContain(token);
  });
});

describe('generic redaction', () => {
  test.each(['session', 'sessionid', 'session_id', 'jwt', 'auth', 'x-auth', 'credential', 'apikey', 'api_key', 'apiKey', 'subscription-key', 'sid'])(
    'a query parameter named %s is redacted',
    (name) => {
      expect(redactUrl(`https://x.test/a?${name}=v4lue&page=2`)).toBe('https://x.test/a?' + `${name}=%5BREDACTED%5D&page=2`);
    },
  );

  test('known secrets are removed from header values, percent-encoded forms from URLs', () => {
    const secret = 'p@ss word/1+2';
    expect(Object.fromEntries(redactHeaders(new Headers({ link: `<https://x.test/?k=${secret}>` }), [secret]))).toEqual({
      link: '<https://x.test/?k=[REDACTED]>',
    });
    expect(redactUrl(`https://x.test/${encodeURIComponent(secret)}?q=${encodeURIComponent(secret)}`, [secret])).not.toContain('ss');
    // As URL parsing leaves it in a path: the space encoded, `@`, `/` and `+` as they are.
    expect(redactUrl(`https://x.test/a/${secret}`, [secret])).toBe('https://x.test/a/[REDACTED]');
  });
});
