import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { clientCredentials, TokenExchangeError, type ClientCredentialsOptions } from '../../../src/index';
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

  test('a secret query value of the token URL is redacted', async () => {
    server.use(http.post(tokenUrl, () => HttpResponse.json({ error: 'invalid_scope' }, { status: 400 })));
    expect(await exchangeError({ tokenUrl: `${tokenUrl}?client_secret=qs-secret-888` })).not.toContain('qs-secret-888');
  });
});
