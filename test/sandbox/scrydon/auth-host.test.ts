import { afterEach, describe, expect, test, vi } from 'vitest';
import { start, useFakeTime } from '../../helpers/fake-time';
import { useScrydonHosts } from './scrydon-sandbox-kit';

const { urls, control, scrydon, basic, authPost, token, api } = useScrydonHosts();
const grant = (scope: string) => ({ grant_type: 'client_credentials', scope });

describe('token endpoint', () => {
  test('Basic auth and granted scopes give an opaque 15 minute token, counted once', async () => {
    const response = await authPost('token', grant('workflows:write logs:read'));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: 'workflows:write logs:read' });
    expect(String(body.access_token)).toMatch(/^scrydon_at_[0-9a-f]{32}$/);
    expect(control.counts('scrydon').tokenExchanges).toBe(1);
  });

  test('a write grant covers a request for read on the same resource, not on others', async () => {
    expect((await authPost('token', grant('workflows:read'))).status).toBe(200);
    const refused = await authPost('token', grant('storage:write'));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'invalid_scope', error_description: 'scope not granted: storage:write' });
  });

  test('a resource parameter is refused', async () => {
    const response = await authPost('token', { ...grant('logs:read'), resource: urls.scrydon });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
    expect(control.counts('scrydon').tokenExchanges).toBe(0);
  });

  test('no credentials, an unknown client and a wrong secret are 401 invalid_client', async () => {
    for (const authorization of [null, basic('sa_nobody', 'x'), basic(scrydon.clientId, 'wrong')]) {
      const response = await authPost('token', grant('logs:read'), authorization);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'invalid_client' });
    }
  });

  test('rotating the secret invalidates the old one at once; issued tokens live on', async () => {
    const issued = await token();
    const rotated = control.rotateSecret('scrydon');
    expect((await authPost('token', grant('logs:read'))).status).toBe(401);
    expect(await token('logs:read', rotated)).toMatch(/^scrydon_at_/);
    expect((await api('/api/v1/service-account/whoami', issued)).status).toBe(200);
  });

  test('deleting is permanent: no new tokens, and issued ones stop working', async () => {
    const issued = await token();
    control.deleteAccount('scrydon');
    expect((await authPost('token', grant('logs:read'))).status).toBe(401);
    expect((await api('/api/v1/service-account/whoami', issued)).status).toBe(401);
  });

  describe('under fake time', () => {
    afterEach(() => vi.useRealTimers());

    test('a disabled account gets no new token while the issued one lives out its 15 minutes', async () => {
      useFakeTime();
      const issued = await token();
      control.disableAccount('scrydon');
      const refused = await authPost('token', grant('logs:read'));
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ error: 'invalid_client', error_description: 'client is disabled' });
      vi.setSystemTime(start + 900_000 - 1);
      expect((await api('/api/v1/service-account/whoami', issued)).status).toBe(200);
      vi.setSystemTime(start + 900_000);
      const expired = await api('/api/v1/service-account/whoami', issued);
      expect(expired.status).toBe(401);
      expect(await expired.json()).toMatchObject({ code: 'INVALID_TOKEN', message: 'The access token has expired' });
      expect(control.counts('scrydon').expiredTokenUses).toBe(1);
    });
  });

  test('the lifetime follows control.setTokenLifetime', async () => {
    control.setTokenLifetime('scrydon', 6);
    const response = await authPost('token', grant('logs:read'));
    expect(await response.json()).toMatchObject({ expires_in: 6 });
  });
});

describe('discovery, introspection and revocation', () => {
  test('the discovery document points at the sandbox’s own endpoints', async () => {
    const response = await fetch(`${urls.scrydonAuth}/api/auth/.well-known/openid-configuration`);
    const document = (await response.json()) as Record<string, unknown>;
    expect(document).toMatchObject({
      token_endpoint: `${urls.scrydonAuth}/api/auth/oauth2/token`,
      introspection_endpoint: `${urls.scrydonAuth}/api/auth/oauth2/introspect`,
      revocation_endpoint: `${urls.scrydonAuth}/api/auth/oauth2/revoke`,
      grant_types_supported: ['client_credentials'],
    });
    expect(document.scopes_supported).toHaveLength(14);
  });

  test('introspection reports an active token with its scopes, client and organization', async () => {
    const issued = await token('workflows:read');
    const body = await (await authPost('introspect', { token: issued })).json();
    expect(body).toMatchObject({ active: true, scope: 'workflows:read', client_id: scrydon.clientId, organization_id: 'org_sandbox' });
    expect(body.exp - body.iat).toBe(900);
    expect(await (await authPost('introspect', { token: 'scrydon_at_unknown' })).json()).toEqual({ active: false });
    expect((await authPost('introspect', { token: issued }, basic(scrydon.clientId, 'wrong'))).status).toBe(401);
  });

  test('revocation ends a token at once; unknown tokens are accepted silently', async () => {
    const issued = await token();
    expect((await authPost('revoke', { token: issued })).status).toBe(200);
    const refused = await api('/api/v1/service-account/whoami', issued);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'INVALID_TOKEN', message: 'The access token has been revoked' });
    expect(await (await authPost('introspect', { token: issued })).json()).toEqual({ active: false });
    expect((await authPost('revoke', { token: 'scrydon_at_unknown' })).status).toBe(200);
  });

  test("only the token's owner can revoke it", async () => {
    control.addOAuthClient('scrydon', 'sa_other', 'other-secret', ['logs:read']);
    const issued = await token();
    expect((await authPost('revoke', { token: issued }, basic('sa_other', 'other-secret'))).status).toBe(200);
    expect((await api('/api/v1/service-account/whoami', issued)).status).toBe(200);
  });

  test('injected token-endpoint faults answer in RFC 6749 form and are not counted as API requests', async () => {
    control.inject('scrydon', { status: 503, tokenEndpoint: true });
    const response = await authPost('token', grant('logs:read'));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: 'temporarily_unavailable' });
    expect(control.counts('scrydon')).toMatchObject({ requests: 0, faults: 1 });
  });
});

describe('unknown paths', () => {
  test('404 invalid_request, under /api/auth/ and elsewhere on the auth host, not counted as API requests', async () => {
    for (const path of ['/api/auth/oauth2/nothing', '/nothing']) {
      const response = await fetch(`${urls.scrydonAuth}${path}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: 'invalid_request', error_description: `no such endpoint: GET ${path}` });
    }
    expect(control.counts('scrydon').requests).toBe(0);
  });
});
