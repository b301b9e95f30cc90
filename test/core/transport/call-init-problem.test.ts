import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { apiKey, ConfigurationError, createClient } from '../../../src/index';
import type { paths } from '../../example/things-api.gen';
import { apiUrl } from '../../helpers/fake-oauth';
import { useMswServer } from '../../helpers/msw-server';

const server = useMswServer();
const key = 'sk_live_percall_8d2e5b1f';

/** Serves `/things` and counts the requests that reached it. */
function countingApi() {
  const seen = { requests: 0, authorization: [] as (string | null)[] };
  server.use(
    http.get(`${apiUrl}/things`, ({ request }) => {
      seen.requests += 1;
      seen.authorization.push(request.headers.get('authorization'));
      return HttpResponse.json({ items: [] });
    }),
  );
  return seen;
}

const api = () => createClient<paths>({ baseUrl: apiUrl, auth: apiKey(key) });

describe('a per-call fetch or middleware is refused, since it would bypass the credential and retries', () => {
  test('a per-call fetch is a ConfigurationError naming `fetch`, and nothing is sent', async () => {
    const seen = countingApi();
    const fetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init);
    const error = await api()
      .GET('/things', { fetch } as never)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ option: 'fetch' });
    expect((error as Error).message).toContain('withOptions({ fetch })');
    expect(seen.requests).toBe(0);
  });

  test('a per-call middleware is a ConfigurationError naming `middleware`, and nothing is sent', async () => {
    const seen = countingApi();
    const error = await api()
      .GET('/things', { middleware: [{ onRequest: () => undefined }] } as never)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ConfigurationError', option: 'middleware' });
    expect(seen.requests).toBe(0);
  });

  test('the same fetch given with withOptions sends the credential', async () => {
    const seen = countingApi();
    const fetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init);
    await api().withOptions({ fetch }).GET('/things');
    expect(seen.authorization).toEqual([`Bearer ${key}`]);
  });
});

describe('a per-call header value with CR/LF is refused before sending', () => {
  test.each([
    ['headers', { headers: { 'x-trace': `a\r\nx-injected: ${key}` } }, 'headers.x-trace'],
    ['a Headers object', { headers: new Headers([['x-ok', '1']]) }, undefined],
    ['params.header', { params: { header: { 'x-tenant': `t\nx-injected: ${key}` } } }, 'params.header.x-tenant'],
  ])('%s', async (_where, init, option) => {
    const seen = countingApi();
    const outcome = await api()
      .GET('/things', init as never)
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    if (option === undefined) {
      expect(outcome).toBeUndefined();
      expect(seen.requests).toBe(1);
      return;
    }
    expect(outcome).toBeInstanceOf(ConfigurationError);
    expect(outcome).toMatchObject({ option });
    // Named, never quoted: not in the message, the JSON view, inspect, nor a cause.
    expect(inspect(outcome, { depth: 5 })).not.toContain('x-injected');
    expect(JSON.stringify(outcome)).not.toContain('x-injected');
    expect((outcome as Error).cause).toBeUndefined();
    expect(seen.requests).toBe(0);
  });
});
