import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { clientCredentials, ConnectionError, TokenExchangeError, type ClientCredentialsOptions } from '../../../src/index';
import { clientId, clientSecret, tokenUrl } from '../../helpers/fake-oauth';
import { settle, useFakeTime } from '../../helpers/fake-time';
import { useMswServer } from '../../helpers/msw-server';

const server = useMswServer();
const context = () => ({ signal: new AbortController().signal, fetch: globalThis.fetch, now: () => Date.now() });

/** The token exchange's error, with everything it shows: message, JSON form and util.inspect output. */
async function exchangeError(options: Partial<ClientCredentialsOptions> = {}) {
  const error = await settle(clientCredentials({ tokenUrl, clientId, clientSecret, ...options }).getToken(context()));
  expect(error).toBeInstanceOf(TokenExchangeError);
  return [(error as Error).message, JSON.stringify(error), inspect(error, { depth: 10 })].join('\n');
}

beforeEach(useFakeTime);
afterEach(() => vi.useRealTimers());

// DESIGN.md › Errors: secrets never appear in an error's message, toJSON(), util.inspect output or
// cause; client_secret is redacted, also when the token endpoint echoes it.
describe('token endpoint errors never carry secrets', () => {
  test('a client secret echoed in error_description is scrubbed', async () => {
    server.use(
      http.post(tokenUrl, () =>
        HttpResponse.json({ error: 'invalid_client', error_description: `client secret ${clientSecret} is not valid` }, { status: 401 }),
      ),
    );
    expect(await exchangeError()).not.toContain(clientSecret);
  });

  test('a client_secret_post form echoed in a text body is scrubbed', async () => {
    server.use(http.post(tokenUrl, async ({ request }) => new HttpResponse(`Bad Request: ${await request.text()}`, { status: 400 })));
    expect(await exchangeError({ authMethod: 'client_secret_post' })).not.toContain(clientSecret);
  });

  test('an `error` code echoing the client secret is scrubbed', async () => {
    server.use(http.post(tokenUrl, () => HttpResponse.json({ error: `bad_secret:${clientSecret}` }, { status: 400 })));
    expect(await exchangeError()).not.toContain(clientSecret);
  });

  test('a 5xx `error` code echoing the client secret is scrubbed too', async () => {
    server.use(http.post(tokenUrl, () => HttpResponse.json({ error: clientSecret }, { status: 503 })));
    expect(await exchangeError({ tokenMaxRetries: 0 })).not.toContain(clientSecret);
  });

  test('error_uri is kept on the error, with an echoed secret scrubbed', async () => {
    server.use(
      http.post(tokenUrl, () =>
        HttpResponse.json({ error: 'invalid_client', error_uri: `https://auth.example.com/help?client=${clientId}&secret=${clientSecret}` }, { status: 401 }),
      ),
    );
    const error = await settle(clientCredentials({ tokenUrl, clientId, clientSecret }).getToken(context()));
    expect(error).toMatchObject({ errorUri: expect.stringMatching(/^https:\/\/auth\.example\.com\/help\?client=client-id&secret=/) });
    expect((error as Error).message).toContain('(see https://auth.example.com/help');
    expect(await exchangeError()).not.toContain(clientSecret);
  });

  test('the id-secret pair Base64-encoded unescaped, as other clients send it, is scrubbed', async () => {
    const id = 'svc:reporting';
    const pair = btoa(`${id}:${clientSecret}`);
    server.use(http.post(tokenUrl, () => HttpResponse.json({ error: 'invalid_client', error_description: `rejected Basic ${pair}` }, { status: 401 })));
    expect(await exchangeError({ clientId: id })).not.toContain(pair);
  });

  test('a secret echoed URL-encoded or JSON-escaped in a text body is scrubbed', async () => {
    const secret = 'pass word "quoted" 42';
    server.use(
      http.post(tokenUrl, () => new HttpResponse(`denied ${encodeURIComponent(secret)} ${JSON.stringify(secret)}`, { status: 400 })),
    );
    const shown = await exchangeError({ clientSecret: secret });
    expect(shown).not.toContain(encodeURIComponent(secret));
    expect(shown).not.toContain(JSON.stringify(secret).slice(1, -1));
  });

  test.each([
    ['token_type', { access_token: 'a', token_type: clientSecret }],
    ['expires_in', { access_token: 'a', expires_in: clientSecret }],
  ])('a 200 whose %s echoes the client secret fails without showing it', async (_field, body) => {
    server.use(http.post(tokenUrl, () => HttpResponse.json(body)));
    expect(await exchangeError()).not.toContain(clientSecret);
  });

  test('a fetch failure that repeats the Basic credential leaves it out of the message and the cause', async () => {
    const basic = btoa(`${clientId}:${clientSecret}`);
    const failing: typeof globalThis.fetch = async () => {
      throw new TypeError(`proxy refused Authorization: Basic ${basic}`, { cause: new Error(`secret was ${clientSecret}`) });
    };
    const source = clientCredentials({ tokenUrl, clientId, clientSecret, tokenMaxRetries: 0 });
    const error = await settle(source.getToken({ ...context(), fetch: failing }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).cause).toBeInstanceOf(Error);
    for (const view of [(error as Error).message, JSON.stringify(error), inspect(error, { depth: 10 })]) {
      expect(view).not.toContain(basic);
      expect(view).not.toContain(clientSecret);
    }
  });

  test('a secret query value of the token URL is redacted', async () => {
    server.use(http.post(tokenUrl, () => HttpResponse.json({ error: 'invalid_scope' }, { status: 400 })));
    expect(await exchangeError({ tokenUrl: `${tokenUrl}?client_secret=qs-secret-888` })).not.toContain('qs-secret-888');
  });
});
