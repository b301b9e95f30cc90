import { afterEach, describe, expect, test, vi } from 'vitest';
import { scrydonState } from '../../../src/sandbox/scrydon/scrydon-state';
import { useFakeTime } from '../../helpers/fake-time';
import { useScrydonHosts } from './scrydon-sandbox-kit';

const { control, scrydon, basic, authPost, token, api } = useScrydonHosts();
afterEach(() => vi.useRealTimers());
const workflows = (environmentId: string = scrydon.environmentId) => `/api/v1/workflows?environmentId=${environmentId}`;

describe('tokens are checked on every request', () => {
  test('no token: 401 UNAUTHORIZED with a bearer challenge, counted as rejected', async () => {
    const response = await api('/api/v1/service-account/whoami', undefined);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="scrydon"');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(body.requestId).toBe(response.headers.get('x-request-id'));
    expect(control.counts('scrydon')).toMatchObject({ rejected: 1, requests: 1 });
  });

  test('an unknown token: 401 INVALID_TOKEN, error="invalid_token" in the challenge', async () => {
    const response = await api('/api/v1/service-account/whoami', 'scrydon_at_forged');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    expect(await response.json()).toMatchObject({ code: 'INVALID_TOKEN' });
  });

  test('whoami names the organization, the client and the token’s scopes', async () => {
    const response = await api('/api/v1/service-account/whoami', await token('workflows:read logs:read'));
    expect(await response.json()).toEqual({ organizationId: 'org_sandbox', clientId: scrydon.clientId, scopes: ['workflows:read', 'logs:read'] });
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
  });
});

describe('workspace endpoints', () => {
  test('need environmentId', async () => {
    const response = await api('/api/v1/workflows', await token());
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'environmentId' } });
  });

  test('an environment outside the organization is 404 ENVIRONMENT_NOT_FOUND', async () => {
    const response = await api(workflows('env_elsewhere'), await token());
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'ENVIRONMENT_NOT_FOUND' });
  });

  test('need the scope: 403 INSUFFICIENT_SCOPE names it', async () => {
    const response = await api(workflows(), await token('logs:read'));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'INSUFFICIENT_SCOPE', details: { requiredScope: 'workflows:read' } });
  });

  test('the scope without a role in the environment is 403 WORKSPACE_ACCESS_DENIED', async () => {
    const bearer = await token();
    const unassigned = await api(workflows('env_staging'), bearer);
    expect(unassigned.status).toBe(403);
    expect(await unassigned.json()).toMatchObject({ code: 'WORKSPACE_ACCESS_DENIED', details: { environmentId: 'env_staging' } });
    scrydonState(control).assign(scrydon.clientId, scrydon.environmentId, undefined);
    expect(await (await api(workflows(), bearer)).json()).toMatchObject({ code: 'WORKSPACE_ACCESS_DENIED' });
  });

  test('a new account has no workspace role until assigned', async () => {
    control.addOAuthClient('scrydon', 'sa_new', 'new-secret', ['workflows:read']);
    const issued = await authPost('token', { grant_type: 'client_credentials', scope: 'workflows:read' }, basic('sa_new', 'new-secret'));
    const bearer = ((await issued.json()) as { access_token: string }).access_token;
    expect(await (await api(workflows(), bearer)).json()).toMatchObject({ code: 'WORKSPACE_ACCESS_DENIED' });
    scrydonState(control).assign('sa_new', scrydon.environmentId, 'member');
    expect((await api(workflows(), bearer)).status).toBe(200);
  });

  test('admin actions need the admin role: a member gets WORKSPACE_ROLE_REQUIRED', async () => {
    const bearer = await token();
    const asMember = await api(`/api/v1/workflows/wf_churn_alert?environmentId=${scrydon.environmentId}`, bearer, { method: 'DELETE' });
    expect(asMember.status).toBe(403);
    expect(await asMember.json()).toMatchObject({ code: 'WORKSPACE_ROLE_REQUIRED', details: { requiredRole: 'admin' } });
    scrydonState(control).assign(scrydon.clientId, scrydon.environmentId, 'admin');
    const asAdmin = await api(`/api/v1/workflows/wf_churn_alert?environmentId=${scrydon.environmentId}`, bearer, { method: 'DELETE' });
    expect(asAdmin.status).toBe(204);
    expect((await api(`/api/v1/workflows/wf_churn_alert?environmentId=${scrydon.environmentId}`, bearer)).status).toBe(404);
  });

  test('a read scope never writes, whatever the role', async () => {
    scrydonState(control).assign(scrydon.clientId, scrydon.environmentId, 'admin');
    const readOnly = await token('workflows:read');
    const response = await api(`/api/v1/workflows/wf_onboarding/trigger?environmentId=${scrydon.environmentId}`, readOnly, {
      method: 'POST',
      body: JSON.stringify({ inputs: {} }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'INSUFFICIENT_SCOPE', details: { requiredScope: 'workflows:write' } });
  });
});

describe('executions and pages', () => {
  test('an execution that outlasts the 30 s wait answers 202, runs until its time is up on the sandbox clock, then completes', async () => {
    useFakeTime(); // the real clock would add the milliseconds each request takes
    const bearer = await token();
    const started = await api('/api/v1/workflows/wf_invoice_triage/trigger', bearer, { method: 'POST', body: JSON.stringify({ inputs: { n: 1 } }) });
    expect(started.status).toBe(202);
    const { executionId, status } = (await started.json()) as { executionId: string; status: string };
    expect(status).toBe('running');
    const read = async () => (await (await api(`/api/v1/executions/${executionId}`, bearer)).json()) as { status: string; outputs: unknown };
    control.advanceClock(89_999);
    expect(await read()).toMatchObject({ status: 'running', outputs: null });
    control.advanceClock(1);
    expect(await read()).toMatchObject({ status: 'completed', outputs: { response: { ok: true, echo: { n: 1 } } } });
  });

  test('an execution is read only by an account with a role in its environment', async () => {
    const bearer = await token();
    const { executionId } = (await (await api('/api/v1/workflows/wf_onboarding/trigger', bearer, { method: 'POST', body: '{}' })).json()) as { executionId: string };
    scrydonState(control).assign(scrydon.clientId, scrydon.environmentId, undefined);
    const response = await api(`/api/v1/executions/${executionId}`, bearer);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'WORKSPACE_ACCESS_DENIED' });
    expect((await api('/api/v1/executions/exec_unknown', bearer)).status).toBe(404);
  });

  test('inputs must be an object', async () => {
    const response = await api('/api/v1/workflows/wf_onboarding/trigger', await token(), { method: 'POST', body: JSON.stringify({ inputs: [1, 2] }) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'inputs' } });
  });

  test('a webhook with a secret answers 401 to a wrong one, and no webhook at a path is 404', async () => {
    const wrong = await api('/api/webhooks/trigger/invoice-received', undefined, { method: 'POST', body: '{}', headers: { 'x-scrydon-secret': 'nope' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: 'INVALID_WEBHOOK_SECRET' });
    expect((await api('/api/webhooks/trigger/nowhere', undefined, { method: 'POST', body: '{}' })).status).toBe(404);
    expect(scrydonState(control).executions.size).toBe(0);
  });

  test('pages are bounded and their cursors opaque; a forged cursor or a bad limit is 400', async () => {
    const bearer = await token();
    const first = (await (await api(`${workflows()}&limit=4`, bearer)).json()) as { data: unknown[]; nextCursor: string };
    expect(first.data).toHaveLength(4);
    const second = (await (await api(`${workflows()}&limit=4&cursor=${encodeURIComponent(first.nextCursor)}`, bearer)).json()) as {
      data: unknown[];
      nextCursor: string | null;
    };
    expect(second).toMatchObject({ nextCursor: null });
    expect(second.data).toHaveLength(1);
    for (const query of ['&limit=101', '&limit=abc', '&cursor=forged']) {
      expect((await api(`${workflows()}${query}`, bearer)).status).toBe(400);
    }
  });

  test('unknown routes answer 404 NOT_FOUND in Scrydon’s body', async () => {
    const response = await api('/api/v1/nothing', await token());
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('faults and counters', () => {
  test('injected faults answer with Scrydon’s error body and are counted', async () => {
    const bearer = await token();
    control.inject('scrydon', { status: 500, path: '/whoami' });
    const response = await api('/api/v1/service-account/whoami', bearer);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ code: 'INTERNAL_ERROR' });
    expect((await api('/api/v1/service-account/whoami', bearer)).status).toBe(200);
    expect(control.counts('scrydon')).toMatchObject({ requests: 2, faults: 1 });
  });

  test('reset restores the seeded workspaces', async () => {
    scrydonState(control).assign(scrydon.clientId, 'env_staging', 'admin');
    control.reset();
    expect(scrydonState(control).role(scrydon.clientId, 'env_staging')).toBeUndefined();
    expect(scrydonState(control).role(scrydon.clientId, scrydon.environmentId)).toBe('member');
  });
});
