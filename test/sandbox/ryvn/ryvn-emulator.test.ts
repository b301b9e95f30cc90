import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ryvnViewerRole } from '../../../src/sandbox/ryvn/ryvn-emulator';
import { ryvnState } from '../../../src/sandbox/ryvn/ryvn-state';
import { useFakeTime } from '../../helpers/fake-time';
import { useSandbox } from '../../helpers/use-sandbox';

const { server, sandbox, control } = useSandbox();
const { clientId, clientSecret, orgId } = sandbox.credentials.ryvn;
const api = 'https://api.ryvn.app';
const tokenUrl = 'https://auth.ryvn.app/oauth/v2/token';
const audience = 'urn:zitadel:iam:org:project:id:298766811497774120:aud';
const ryvnScopes = `openid email profile offline_access ${audience}`;

const basic = (id: string, secret: string) => `Basic ${btoa(`${id}:${secret}`)}`;

function requestToken(options: { authorization?: string | undefined; form?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  const authorization = 'authorization' in options ? options.authorization : basic(clientId, clientSecret);
  if (authorization !== undefined) headers.authorization = authorization;
  return fetch(tokenUrl, {
    method: 'POST',
    headers,
    body: new URLSearchParams(options.form ?? { grant_type: 'client_credentials', scope: ryvnScopes }),
  });
}

async function token(id: string = clientId, secret: string = clientSecret, scope = ryvnScopes): Promise<string> {
  const response = await requestToken({ authorization: basic(id, secret), form: { grant_type: 'client_credentials', scope } });
  return ((await response.json()) as { access_token: string }).access_token;
}

const get = (path: string, bearer?: string) => fetch(`${api}${path}`, bearer === undefined ? {} : { headers: { authorization: `Bearer ${bearer}` } });

describe('Zitadel token endpoint', () => {
  test('issues an opaque 12 h Bearer token for Basic client credentials, without a refresh token', async () => {
    const response = await requestToken();
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 43_199 });
    expect(body).not.toHaveProperty('refresh_token');
    expect(String(body.access_token).split('.')).toHaveLength(1); // not a JWT
    expect(control.counts('ryvn').tokenExchanges).toBe(1);
  });

  test('an unknown client gets 400 invalid_client / client not found, as Zitadel answers', async () => {
    const response = await requestToken({ authorization: basic('nobody', 'x') });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_client', error_description: 'client not found' });
  });

  test('no client authentication at all is also client not found', async () => {
    const response = await requestToken({ authorization: undefined });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_client', error_description: 'client not found' });
  });

  test('a wrong secret comes back as invalid_request with a message key, Zitadel’s habit', async () => {
    const response = await requestToken({ authorization: basic(clientId, 'wrong-secret') });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_request', error_description: 'Errors.User.Machine.Secret.Invalid' });
    expect(control.counts('ryvn').tokenExchanges).toBe(0);
  });

  test('a rotated secret stops working at once; the new one works', async () => {
    const fresh = control.rotateSecret('ryvn');
    expect((await requestToken()).status).toBe(400);
    expect((await requestToken({ authorization: basic(clientId, fresh) })).status).toBe(200);
  });

  test('a disabled service user gets no new token, but its issued tokens keep working', async () => {
    const issued = await token();
    control.disableAccount('ryvn');
    const response = await requestToken();
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_request', error_description: 'Errors.User.NotActive' });
    expect((await get('/v1/orgs', issued)).status).toBe(200);
  });

  test('another grant type and an unknown scope are refused', async () => {
    const password = await requestToken({ form: { grant_type: 'password' } });
    expect(password.status).toBe(400);
    expect(await password.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const scope = await requestToken({ form: { grant_type: 'client_credentials', scope: 'openid admin:everything' } });
    expect(scope.status).toBe(400);
    expect(await scope.json()).toMatchObject({ error: 'invalid_scope', error_description: expect.stringContaining('admin:everything') });
  });

  test('injected token-endpoint faults answer in the OAuth style', async () => {
    control.inject('ryvn', { status: 503, tokenEndpoint: true });
    const response = await requestToken();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: 'server_error' });
    expect((await requestToken()).status).toBe(200);
  });
});

describe('bearer tokens on the API', () => {
  test('every request needs a token: none is 401 unauthenticated, counted as rejected', async () => {
    const response = await get('/v1/orgs');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'unauthenticated', message: 'missing bearer token' });
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="ryvn"');
    expect(control.counts('ryvn')).toMatchObject({ requests: 1, rejected: 1 });
  });

  test('an unknown token is 401 invalid_token with a request id in header and body', async () => {
    const response = await get('/v1/orgs', 'ryvn_at_made_up');
    expect(response.status).toBe(401);
    const body = (await response.json()) as { code: string; requestId: string };
    expect(body.code).toBe('invalid_token');
    expect(response.headers.get('x-request-id')).toBe(body.requestId);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  describe('on the sandbox clock', () => {
    beforeEach(useFakeTime);
    afterEach(() => vi.useRealTimers());

    test('a token works until 43 199 s after issue, then is refused and counted as an expired use', async () => {
      const issued = await token();
      control.advanceClock(43_198_000);
      expect((await get('/v1/orgs', issued)).status).toBe(200);
      control.advanceClock(1_000);
      const response = await get('/v1/orgs', issued);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'invalid_token', message: 'token expired' });
      expect(control.counts('ryvn').expiredTokenUses).toBe(1);
    });

    test('a started task is pending for 2 s, running until 30 s, then done, on the sandbox clock', async () => {
      const issued = await token();
      const path = `/v1/orgs/${orgId}/tasks/${ryvnState(control).tasks.find((task) => task.installationName === 'web')!.id}`;
      const status = async () => ((await (await get(path, issued)).json()) as { status: string; finishedAt?: string });
      expect(await status()).toMatchObject({ status: 'pending' }); // the first request seeds it: it starts now
      control.advanceClock(1_999);
      expect(await status()).toMatchObject({ status: 'pending' });
      control.advanceClock(1);
      expect(await status()).toMatchObject({ status: 'running' });
      control.advanceClock(27_999);
      expect(await status()).toMatchObject({ status: 'running' });
      control.advanceClock(1);
      const done = await status();
      expect(done).toMatchObject({ status: 'succeeded' });
      expect(Date.parse(done.finishedAt!)).toBe(control.now());
    });
  });

  test('a token without the Ryvn project audience is refused', async () => {
    const openidOnly = await token(clientId, clientSecret, 'openid profile');
    const response = await get('/v1/orgs', openidOnly);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'invalid_token', message: expect.stringContaining(audience) });
  });

  test('deleting the service user invalidates its tokens', async () => {
    const issued = await token();
    control.deleteAccount('ryvn');
    expect((await get('/v1/orgs', issued)).status).toBe(401);
  });
});

describe('resources', () => {
  let bearer: string;
  beforeEach(async () => {
    bearer = await token();
  });
  const read = async (path: string) => {
    const response = await get(path, bearer);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  test('the service user sees its one organization, with its environments and services', async () => {
    expect((await read('/v1/orgs')).body).toEqual({ items: [expect.objectContaining({ id: orgId })] });
    expect((await read(`/v1/orgs/${orgId}/environments`)).body.items).toHaveLength(2);
    expect((await read(`/v1/orgs/${orgId}/environments/staging`)).body).toMatchObject({ name: 'staging', provider: 'aws' });
    expect((await read(`/v1/orgs/${orgId}/services/api`)).body).toMatchObject({ name: 'api', type: 'server' });
  });

  test('another organization, environment or service is a 404 in Ryvn’s error body', async () => {
    for (const path of ['/v1/orgs/org_other/services', `/v1/orgs/${orgId}/environments/qa`, `/v1/orgs/${orgId}/services/nope`]) {
      const { status, body } = await read(path);
      expect(status).toBe(404);
      expect(body).toMatchObject({ code: 'not_found', requestId: expect.stringMatching(/^req_/) });
    }
  });

  test('installations are listed per environment; their tasks newest first, filtered by status', async () => {
    expect((await read(`/v1/orgs/${orgId}/environments/staging/installations`)).body.items).toEqual([expect.objectContaining({ name: 'worker' })]);
    const tasks = (await read(`/v1/orgs/${orgId}/environments/production/installations/api/tasks`)).body.items as { status: string }[];
    expect(tasks.map((task) => task.status)).toEqual(['pending_approval', 'succeeded']);
    const failed = (await read(`/v1/orgs/${orgId}/environments/staging/installations/worker/tasks?status=failed`)).body.items;
    expect(failed).toEqual([expect.objectContaining({ type: 'deploy', version: '0.9.0', message: expect.any(String) })]);
    expect((await read(`/v1/orgs/${orgId}/environments/staging/installations/worker/tasks?status=done`)).status).toBe(400);
    expect((await read(`/v1/orgs/${orgId}/environments/staging/installations/api`)).status).toBe(404);
  });

  test('the resource schema names all nine kinds', async () => {
    const { body } = await read('/v1/schemas/resources.json');
    expect(Object.keys(body.$defs as object)).toEqual([
      'Service',
      'Environment',
      'Blueprint',
      'ServiceInstallation',
      'BlueprintInstallation',
      'Preview',
      'PromotionPipeline',
      'ReleaseChannel',
      'MaintenanceWindow',
    ]);
  });

  test('an unknown path is a 404 not_found', async () => {
    const { status, body } = await read('/v2/anything');
    expect(status).toBe(404);
    expect(body).toMatchObject({ code: 'not_found' });
  });

  test('injected faults answer with Ryvn’s error body and are counted', async () => {
    control.inject('ryvn', { status: 429, headers: { 'retry-after': '3' } });
    const response = await get('/v1/orgs', bearer);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(await response.json()).toMatchObject({ code: 'rate_limited' });
    expect(control.counts('ryvn').faults).toBe(1);
  });
});

describe('secrets', () => {
  const patch = async (name: string, body: unknown, bearer: string) => {
    const response = await fetch(`${api}/v1/orgs/${orgId}/secrets/${name}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  test('an update sets and deletes keys, bumps the version and never returns a value', async () => {
    const { status, body } = await patch('app-secrets', { add: { API_KEY: 'value-that-must-not-leak' }, remove: ['SESSION_KEY'] }, await token());
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: 'app-secrets', version: 4, keys: ['API_KEY', 'DATABASE_URL'] });
    expect(JSON.stringify(body)).not.toContain('value-that-must-not-leak');
    expect(ryvnState(control).secrets.get('app-secrets')?.values.get('API_KEY')).toBe('value-that-must-not-leak');
  });

  test.each([
    ['a key in both add and remove', { add: { A: '1' }, remove: ['A'] }, 'key A cannot be both added and removed'],
    ['a missing remove', { add: { A: '1' } }, 'remove is required and must be an array of strings'],
    ['a value that is not a string', { add: { A: 1 }, remove: [] }, 'add must map non-empty keys to strings'],
  ])('%s is a 400 invalid_argument', async (_case, update, message) => {
    const { status, body } = await patch('app-secrets', update, await token());
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'invalid_argument', message });
  });

  test('a name over 63 characters is a 400; an unknown secret a 404', async () => {
    const bearer = await token();
    expect((await patch('x'.repeat(64), { add: {}, remove: [] }, bearer)).status).toBe(400);
    expect((await patch('nope', { add: {}, remove: [] }, bearer)).body).toMatchObject({ code: 'not_found' });
  });

  test('a read-only service user may read but not change secrets', async () => {
    control.addOAuthClient('ryvn', 'viewer', 'viewer-secret', [ryvnViewerRole]);
    const bearer = await token('viewer', 'viewer-secret');
    expect((await get('/v1/orgs', bearer)).status).toBe(200);
    const { status, body } = await patch('app-secrets', { add: { A: '1' }, remove: [] }, bearer);
    expect(status).toBe(403);
    expect(body).toMatchObject({ code: 'permission_denied' });
  });

  test('a read-only service user may not approve, cancel or retry a task', async () => {
    control.addOAuthClient('ryvn', 'viewer', 'viewer-secret', [ryvnViewerRole]);
    const bearer = await token('viewer', 'viewer-secret');
    const plan = ryvnState(control).tasks.find((task) => task.type === 'dry_run')!;
    const response = await fetch(`${api}/v1/orgs/${orgId}/tasks/${plan.id}/approve`, { method: 'POST', headers: { authorization: `Bearer ${bearer}` } });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'permission_denied' });
    expect(plan.startedAt).toBeUndefined();
  });

  test('reset() restores the seeded secrets', async () => {
    await patch('app-secrets', { add: { A: '1' }, remove: [] }, await token());
    control.reset();
    expect(ryvnState(control).secrets.get('app-secrets')?.version).toBe(3);
  });
});
