import { beforeEach, describe, expect, test } from 'vitest';
import { createSandbox } from '../../../src/sandbox/index';
import { useScrydonHosts } from './scrydon-sandbox-kit';

const { server, control, scrydon, basic } = useScrydonHosts();

// A tenant that serves its API on the host that issues its tokens, sharing the sandbox's state.
const host = 'https://acme.scrydon.example';
beforeEach(() => server.use(...createSandbox({ urls: { scrydon: host, scrydonAuth: host }, control }).handlers));

const requestToken = () =>
  fetch(`${host}/api/auth/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(scrydon.clientId, scrydon.clientSecret) },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
const whoami = (bearer: string) => fetch(`${host}/api/v1/service-account/whoami`, { headers: { authorization: `Bearer ${bearer}` } });

describe('a Scrydon tenant whose auth host is its API host', () => {
  test('the API answers on the host that issues the tokens; token exchanges and API requests are counted apart', async () => {
    const response = await requestToken();
    expect(response.status).toBe(200);
    const { access_token: accessToken } = (await response.json()) as { access_token: string };
    const answer = await whoami(accessToken);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ clientId: scrydon.clientId });
    expect(control.counts('scrydon')).toMatchObject({ tokenExchanges: 1, requests: 1 });
  });

  test('token-endpoint faults and API faults each reach only their own requests', async () => {
    control.inject('scrydon', { status: 503, tokenEndpoint: true });
    control.inject('scrydon', { status: 500 });
    const refused = await requestToken();
    expect([refused.status, await refused.json()]).toEqual([503, { error: 'temporarily_unavailable', error_description: 'try again later' }]);
    const { access_token: accessToken } = (await (await requestToken()).json()) as { access_token: string };
    const failed = await whoami(accessToken);
    expect([failed.status, await failed.json()]).toEqual([500, expect.objectContaining({ code: 'INTERNAL_ERROR' })]);
    expect((await whoami(accessToken)).status).toBe(200);
    expect(control.counts('scrydon')).toMatchObject({ tokenExchanges: 1, requests: 2, faults: 2 });
  });

  test('unknown paths answer as the part of the host they fall in: the auth server under /api/auth/, the API elsewhere', async () => {
    const auth = await fetch(`${host}/api/auth/oauth2/nothing`);
    expect([auth.status, await auth.json()]).toEqual([404, expect.objectContaining({ error: 'invalid_request' })]);
    const api = await fetch(`${host}/api/v1/nothing`);
    expect([api.status, await api.json()]).toEqual([404, expect.objectContaining({ code: 'NOT_FOUND' })]);
  });
});
