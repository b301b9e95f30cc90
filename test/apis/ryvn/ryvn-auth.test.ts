import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  InvalidClientError,
  InvalidRequestError,
  InvalidTokenError,
  RyvnClient,
  TokenExchangeError,
  type RyvnClientOptions,
} from '../../../src/apis/ryvn/index';
import { settle, useFakeTime } from '../../helpers/fake-time';
import { useSandbox } from '../../helpers/use-sandbox';

const { server, sandbox, control } = useSandbox();
const { clientId, clientSecret, orgId } = sandbox.credentials.ryvn;
const counts = () => control.counts('ryvn');

/** Every request to the token endpoint, answered or not (the sandbox counts only issued tokens). */
let tokenRequests = 0;
beforeEach(() => {
  tokenRequests = 0;
  server.events.on('request:start', ({ request }) => {
    if (request.url === 'https://auth.ryvn.app/oauth/v2/token') tokenRequests += 1;
  });
});
afterEach(() => server.events.removeAllListeners());

const ryvn = (options: RyvnClientOptions = {}) => new RyvnClient({ clientId, clientSecret, orgId, ...options });

describe('the 12-hour token', () => {
  beforeEach(useFakeTime);
  afterEach(() => vi.useRealTimers());

  test('serves every call for almost 12 h with one exchange, then is renewed once before it expires', async () => {
    const client = ryvn();
    // A call every 10 minutes for 11 h 50 min: still outside the 5-minute refresh window.
    for (let minute = 0; minute <= 710; minute += 10) {
      await client.listServices();
      vi.setSystemTime(Date.now() + 600_000);
    }
    expect(counts().tokenExchanges).toBe(1);
    expect(Object.values(counts().byCredential)).toEqual([72]);

    vi.setSystemTime(Date.now() + 180_000); // 12 h − 4 min: inside the window
    await settle(client.listServices());
    await vi.waitFor(() => expect(counts().tokenExchanges).toBe(2));
    for (let index = 0; index < 5; index++) await client.listServices();
    expect(counts().tokenExchanges).toBe(2);
    expect(counts().expiredTokenUses).toBe(0);
    expect(counts().rejected).toBe(0);
    // 78 calls through msw: CPU-bound, so a busy machine gets a wider bound than vitest's 5 s.
  }, 30_000);

  test('a token endpoint outage is retried with backoff', async () => {
    control.inject('ryvn', { status: 503, tokenEndpoint: true, times: 2 });
    expect(await settle(ryvn().listOrganizations())).toHaveLength(1);
    expect(tokenRequests).toBe(3);
  });
});

test('50 concurrent calls on a cold client share one token', async () => {
  const client = ryvn({ environment: 'production' });
  const calls = Array.from({ length: 50 }, (_, index) =>
    [() => client.listServices(), () => client.getEnvironment(), () => client.listInstallations(), () => client.getOrganization()][index % 4]!(),
  );
  await Promise.all(calls);
  expect(counts().tokenExchanges).toBe(1);
  expect(tokenRequests).toBe(1);
  expect(Object.values(counts().byCredential)).toEqual([50]);
});

test('a revoked token costs one 401, one exchange and one resend', async () => {
  const client = ryvn();
  await client.listServices();
  control.revokeTokens('ryvn');
  expect(await client.listServices()).toHaveLength(3);
  expect(counts()).toMatchObject({ tokenExchanges: 2, rejected: 1, requests: 3 });
});

describe('secret rotation', () => {
  test('a secret given as an async function is read again when a new token is needed', async () => {
    let current: string = clientSecret;
    const client = ryvn({ clientSecret: async () => current });
    await client.listServices();
    current = control.rotateSecret('ryvn');
    control.revokeTokens('ryvn');
    expect(await client.listServices()).toHaveLength(3);
    expect(counts().tokenExchanges).toBe(2);
  });

  test('a function still returning the old secret once is read again after Zitadel refuses it', async () => {
    const rotated = control.rotateSecret('ryvn');
    const reads: string[] = [];
    // A vault cache that is one read behind the rotation.
    const client = ryvn({ clientSecret: async () => (reads.push('read'), reads.length === 1 ? clientSecret : rotated) });
    expect(await client.listOrganizations()).toHaveLength(1);
    expect(reads).toHaveLength(2);
    expect(tokenRequests).toBe(2);
  });
});

describe('failed exchanges', () => {
  test('a wrong secret is an InvalidClientError at once, although Zitadel says invalid_request', async () => {
    const error = await ryvn({ clientSecret: 'not-the-secret' }).listServices().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidClientError);
    expect(error).toMatchObject({ error: 'invalid_request', errorDescription: 'Errors.User.Machine.Secret.Invalid', status: 400 });
    expect(tokenRequests).toBe(1);
    expect(counts().requests).toBe(0);
    expect(JSON.stringify(error) + String(error)).not.toContain('not-the-secret');
  });

  test('an unknown client is an InvalidClientError: client not found', async () => {
    const error = await ryvn({ clientId: 'someone-else' }).listServices().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidClientError);
    expect(error).toMatchObject({ error: 'invalid_client', errorDescription: 'client not found' });
    expect(tokenRequests).toBe(1);
  });

  test('a disabled service user fails at once with what Zitadel said', async () => {
    control.disableAccount('ryvn');
    const error = await ryvn().listServices().catch((caught: unknown) => caught);
    // Zitadel says invalid_request; a user that is no longer active has failed to authenticate.
    expect(error).toBeInstanceOf(InvalidClientError);
    expect(error).toBeInstanceOf(TokenExchangeError);
    expect(error).toMatchObject({ error: 'invalid_request', errorDescription: 'Errors.User.NotActive' });
    expect(tokenRequests).toBe(1);
  });

  test('a token without the Ryvn audience is refused after one renewal', async () => {
    const error = await ryvn({ scopes: ['openid'] }).listServices().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidTokenError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_token' });
    expect(counts()).toMatchObject({ tokenExchanges: 2, rejected: 2 });
  });
});
