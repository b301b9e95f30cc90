import { http } from 'msw';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { InvalidClientError } from '../../../src/apis/scrydon/index';
import { settle, start, useFakeTime } from '../../helpers/fake-time';
import { useScrydonSandbox } from './scrydon-test-kit';

const kit = useScrydonSandbox();
const { scrydon } = kit.sandbox.credentials;
const tokenUrl = `${kit.sandbox.urls.scrydonAuth}/api/auth/oauth2/token`;
const minutes = (count: number) => count * 60_000;
const bearerTokens = () => kit.apiRequests().map((request) => request.authorization);
const basicSecret = (authorization: string | null | undefined) => atob(authorization?.replace('Basic ', '') ?? '').split(':')[1];

beforeEach(useFakeTime);
afterEach(() => vi.useRealTimers());

describe('the 15 minute token', () => {
  test('is renewed in the background inside its window while the call goes out with the current token', async () => {
    let releaseRenewal!: () => void;
    const renewal = new Promise<void>((resolve) => (releaseRenewal = resolve));
    let asked = 0;
    // Holds the second token request until the test lets it through: no call may wait for it.
    kit.server.use(http.post(tokenUrl, async () => ((asked += 1) === 2 ? renewal.then(() => undefined) : undefined)));
    const client = kit.client();
    await client.whoami();

    const inWindow = start + minutes(15) - 90_000 + 1_000; // 10% window = 90 s; hard margin = 30 s
    vi.setSystemTime(inWindow);
    expect(await settle(client.whoami())).toMatchObject({ clientId: scrydon.clientId });
    expect(Date.now()).toBe(inWindow); // answered without a timer firing: nothing waited
    expect(asked).toBe(2); // the renewal started…
    expect(kit.control.counts('scrydon').tokenExchanges).toBe(1); // …and is still held
    await client.listWorkflows();
    expect(asked).toBe(2);
    const [first, ...rest] = bearerTokens();
    expect(rest).toEqual([first, first]);

    releaseRenewal();
    await vi.waitFor(() => expect(kit.control.counts('scrydon').tokenExchanges).toBe(2));
    await client.whoami();
    expect(bearerTokens().at(-1)).not.toBe(first);
    expect(kit.control.counts('scrydon').rejected).toBe(0);
  });

  test('steady traffic for an hour: one exchange per renewal, never an expired token', async () => {
    const client = kit.client();
    // Awaiting each call directly (no settle) proves none waited on a timer.
    for (let elapsed = 0; elapsed < minutes(60); elapsed += 30_000) {
      await client.whoami();
      vi.setSystemTime(start + elapsed + 30_000);
    }
    // The first exchange, then one renewal 90 s before each expiry: at 13.5, 27, 40.5 and 54 min.
    expect(kit.control.counts('scrydon').tokenExchanges).toBe(5);
    expect(kit.tokenRequests()).toHaveLength(5);
    expect(new Set(bearerTokens()).size).toBe(5);
    expect(kit.control.counts('scrydon')).toMatchObject({ expiredTokenUses: 0, rejected: 0, requests: 120 });
  });
});

describe('a rotated secret', () => {
  test('the old secret fails at the next exchange with InvalidClientError, without retries', async () => {
    const client = kit.client();
    await client.whoami();
    kit.control.rotateSecret('scrydon');
    // Tokens issued before the rotation stay valid…
    await client.whoami();
    // …but no new one is issued for the old secret.
    kit.control.revokeTokens('scrydon');
    const error = await settle(client.whoami());
    expect(error).toBeInstanceOf(InvalidClientError);
    expect(error).toMatchObject({ error: 'invalid_client', status: 401 });
    expect(kit.tokenRequests()).toHaveLength(2);
    expect(await settle(kit.client().whoami())).toBeInstanceOf(InvalidClientError);
  });

  test('a secret given as a function picks up the new one', async () => {
    let vault = scrydon.clientSecret as string;
    const client = kit.client({ clientSecret: async () => vault });
    await client.whoami();
    vault = kit.control.rotateSecret('scrydon');
    kit.control.revokeTokens('scrydon'); // the next call needs a new token
    expect(await settle(client.whoami())).toMatchObject({ clientId: scrydon.clientId });
    expect(kit.tokenRequests().map((request) => basicSecret(request.authorization))).toEqual([scrydon.clientSecret, vault]);
  });

  test('a function that still returns the old secret is read once more after invalid_client', async () => {
    const rotated = kit.control.rotateSecret('scrydon');
    let reads = 0;
    // A vault that catches up with the rotation only on the second read.
    const client = kit.client({ clientSecret: () => ((reads += 1) === 1 ? scrydon.clientSecret : rotated) });
    expect(await settle(client.whoami())).toMatchObject({ clientId: scrydon.clientId });
    expect(kit.tokenRequests().map((request) => basicSecret(request.authorization))).toEqual([scrydon.clientSecret, rotated]);
  });
});

describe('a disabled account', () => {
  test('gets no new token, while the one it holds keeps working until expiry; then a typed error', async () => {
    const client = kit.client();
    await client.whoami();
    kit.control.disableAccount('scrydon');

    const fresh = await settle(kit.client().whoami());
    expect(fresh).toBeInstanceOf(InvalidClientError);
    expect(fresh).toMatchObject({ errorDescription: 'client is disabled' });

    for (let minute = 1; minute <= 14; minute++) {
      vi.setSystemTime(start + minutes(minute));
      expect(await settle(client.whoami())).toMatchObject({ clientId: scrydon.clientId });
    }
    vi.setSystemTime(start + minutes(15) - 29_000); // inside the last 30 s the client stops sending it
    const error = await settle(client.whoami());
    expect(error).toBeInstanceOf(InvalidClientError);
    expect(error).toMatchObject({ errorDescription: 'client is disabled' });
    expect(new Set(bearerTokens()).size).toBe(1);
    expect(kit.control.counts('scrydon')).toMatchObject({ expiredTokenUses: 0, rejected: 0, tokenExchanges: 1 });
  });
});

describe('a deleted account', () => {
  test('is gone for good: its token is refused and no new one is issued', async () => {
    const client = kit.client();
    await client.whoami();
    kit.control.deleteAccount('scrydon');
    const error = await settle(client.whoami());
    expect(error).toBeInstanceOf(InvalidClientError);
    expect(kit.control.counts('scrydon').rejected).toBe(1);
  });
});
