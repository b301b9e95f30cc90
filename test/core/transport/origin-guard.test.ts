import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { apiKey, ConnectionError, createClient } from '../../../src/index';
import { redactHeaders } from '../../../src/core/errors/redact';
import { credentialHeaders } from '../../../src/core/transport/origin-guard';
import { redirectRequest } from '../../../src/core/transport/redirect-request';
import type { paths } from '../../example/things-api.gen';
import { apiUrl } from '../../helpers/fake-oauth';
import { useMswServer } from '../../helpers/msw-server';

const server = useMswServer();
const elsewhere = 'https://files.example.net';

/** Records the credential-bearing headers of every request to another origin. */
function otherOrigin() {
  const seen: Record<string, string | null>[] = [];
  server.use(
    http.all(`${elsewhere}/*`, async ({ request }) => {
      seen.push({
        method: request.method,
        authorization: request.headers.get('authorization'),
        apiKey: request.headers.get('x-api-key'),
        cookie: request.headers.get('cookie'),
        body: await request.text(),
      });
      return HttpResponse.json({ id: 'f', name: 'file' });
    }),
  );
  return seen;
}

const redirect = (status: number, location: string) => () => new HttpResponse(null, { status, headers: { location } });

describe.each([
  ['Authorization', 'authorization' as const],
  ['X-API-Key', 'x-api-key' as const],
])('%s', (_label, header) => {
  const client = () => createClient<paths>({ baseUrl: apiUrl, auth: apiKey('secret-key-123456', { header }) });

  test('is sent to the API origin', async () => {
    let received: string | null = null;
    server.use(
      http.get(`${apiUrl}/things`, ({ request }) => {
        received = request.headers.get(header);
        return HttpResponse.json({ items: [] });
      }),
    );
    await client().GET('/things');
    expect(received).toBe(header === 'authorization' ? 'Bearer secret-key-123456' : 'secret-key-123456');
  });

  test('never reaches another origin named by a per-call baseUrl', async () => {
    const seen = otherOrigin();
    await client().GET('/things', { baseUrl: elsewhere });
    expect(seen).toEqual([{ method: 'GET', authorization: null, apiKey: null, cookie: null, body: '' }]);
  });

  test('never reaches another origin through a redirect', async () => {
    const seen = otherOrigin();
    server.use(http.get(`${apiUrl}/things/:id`, redirect(302, `${elsewhere}/download/1?sig=abc`)));
    await expect(client().GET('/things/{id}', { params: { path: { id: '1' } } })).resolves.toEqual({ id: 'f', name: 'file' });
    expect(seen).toEqual([{ method: 'GET', authorization: null, apiKey: null, cookie: null, body: '' }]);
  });

  test('never reaches the same host over plain http after a downgrade redirect', async () => {
    let received: string | null = 'not reached';
    server.use(
      http.get(`${apiUrl}/things/:id`, redirect(301, 'http://api.example.com/things/2')),
      http.get('http://api.example.com/things/2', ({ request }) => {
        received = request.headers.get(header);
        return HttpResponse.json({ id: '2', name: 'x' });
      }),
    );
    await client().GET('/things/{id}', { params: { path: { id: '1' } } });
    expect(received).toBeNull();
  });
});

describe('redirects', () => {
  const client = () => createClient<paths>({ baseUrl: apiUrl, auth: apiKey('secret-key-123456') });

  test('a same-origin redirect keeps the credential', async () => {
    let received: string | null = null;
    server.use(
      http.get(`${apiUrl}/things/:id`, ({ request, params }) => {
        if (params.id === 'old') return redirect(301, '/things/new')();
        received = request.headers.get('authorization');
        return HttpResponse.json({ id: 'new', name: 'x' });
      }),
    );
    const api = client();
    await api.GET('/things/{id}', { params: { path: { id: 'old' } } });
    expect(received).toBe('Bearer secret-key-123456');
    expect(api.stats.redirects).toBe(1);
  });

  test('307 resends method and body; a cross-origin 307 drops the credential', async () => {
    const seen = otherOrigin();
    server.use(http.post(`${apiUrl}/things`, redirect(307, `${elsewhere}/things`)));
    await client().POST('/things', { body: { name: 'moved' } });
    expect(seen).toEqual([{ method: 'POST', authorization: null, apiKey: null, cookie: null, body: '{"name":"moved"}' }]);
  });

  test('303 after a POST becomes a GET without body', async () => {
    const seen = otherOrigin();
    server.use(http.post(`${apiUrl}/things`, redirect(303, `${elsewhere}/result`)));
    await client().POST('/things', { body: { name: 'x' } });
    expect(seen).toEqual([{ method: 'GET', authorization: null, apiKey: null, cookie: null, body: '' }]);
  });

  test('a redirect loop ends with a ConnectionError', async () => {
    let hops = 0;
    server.use(
      http.get(`${apiUrl}/things`, () => {
        hops += 1;
        return redirect(302, '/things')();
      }),
    );
    const error = await client().GET('/things').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/redirected more than 20 times/);
    expect(hops).toBe(21);
  });

  test('a redirect to a non-http scheme is refused', async () => {
    server.use(http.get(`${apiUrl}/things`, redirect(302, 'file:///etc/passwd')));
    await expect(client().GET('/things')).rejects.toThrow(/redirected to a file: URL/);
  });
});

describe('look-alike origins', () => {
  const client = (baseUrl = apiUrl) => createClient<paths>({ baseUrl, auth: apiKey('secret-key-123456') });

  /** Records the credential that reached `origin`'s /things; 'not reached' until a request arrives. */
  function credentialAt(origin: string) {
    const seen = { credential: 'not reached' as string | null };
    server.use(
      http.get(`${origin}/things`, ({ request }) => {
        seen.credential = request.headers.get('authorization') ?? request.headers.get('x-api-key');
        return HttpResponse.json({ items: [] });
      }),
    );
    return seen;
  }

  test('a baseUrl with an uppercase host and an explicit :443 is the same origin, so it gets the credential', async () => {
    const seen = credentialAt(apiUrl);
    await client('https://API.Example.COM:443').GET('/things');
    expect(seen.credential).toBe('Bearer secret-key-123456');
  });

  test.each(['https://api.example.com.evil.com', 'https://api.example.com.', 'http://api.example.com', 'https://api.example.com:8443'])(
    'no credential reaches the look-alike origin %s',
    async (other) => {
      const seen = credentialAt(other);
      await client().GET('/things', { baseUrl: other });
      expect(seen.credential).toBeNull();
    },
  );
});

describe('one rule for credential headers', () => {
  const vendorHeaders = ['x-api-key', 'X-Auth-Token', 'x-amz-security-token', 'x-scrydon-secret', 'x-webhook-secret', 'ocp-apim-subscription-key', 'x-session-token', 'apikey'];

  test.each([...credentialHeaders, ...vendorHeaders])('%s is dropped by a cross-origin redirect and redacted from errors', (name) => {
    const request = new Request(`${apiUrl}/a`, { headers: { [name]: 'secret-value-42', 'x-trace': '1' } });
    const next = redirectRequest(request, 302, `${elsewhere}/b`, apiUrl, `GET ${apiUrl}/a`);
    expect(next.headers.has(name)).toBe(false);
    expect(next.headers.get('x-trace')).toBe('1');
    expect(redactHeaders(new Headers({ [name]: 'secret-value-42' })).get(name)).toBe('[REDACTED]');
  });

  test.each(['x-trace', 'x-request-id', 'content-type', 'idempotency-key', 'x-tokenizer-version', 'accept'])('%s is an ordinary header: it follows a redirect and keeps its value in errors', (name) => {
    const request = new Request(`${apiUrl}/a`, { headers: { [name]: 'value-1' } });
    expect(redirectRequest(request, 302, `${elsewhere}/b`, apiUrl, `GET ${apiUrl}/a`).headers.get(name)).toBe('value-1');
    expect(redactHeaders(new Headers({ [name]: 'value-1' })).get(name)).toBe('value-1');
  });
});
