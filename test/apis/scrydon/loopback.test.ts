import { afterAll, beforeAll, expect, test } from 'vitest';
import { ScrydonClient, WorkspaceAccessError } from '../../../src/apis/scrydon/index';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/index';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

test('over real HTTP on 127.0.0.1: exchange, workspace calls, a trigger, typed 403, discovery', async () => {
  const { scrydon } = sandbox.credentials;
  const client = new ScrydonClient({
    baseUrl: sandbox.urls.scrydon,
    authUrl: sandbox.urls.scrydonAuth,
    clientId: scrydon.clientId,
    clientSecret: scrydon.clientSecret,
    scopes: ['workflows:write', 'logs:read'],
    environmentId: scrydon.environmentId,
  });
  expect(client.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scrydon$/);

  const [me, workflows] = await Promise.all([client.whoami(), client.listWorkflows()]);
  expect(me).toEqual({ organizationId: 'org_sandbox', clientId: scrydon.clientId, scopes: ['workflows:write', 'logs:read'] });
  const execution = await client.triggerWorkflow(workflows.data[0]!.id, { via: 'loopback' });
  expect(execution).toMatchObject({ status: 'completed', outputs: { response: { ok: true, echo: { via: 'loopback' } } } });
  await expect(client.listWorkflows({ environmentId: 'env_staging' })).rejects.toBeInstanceOf(WorkspaceAccessError);
  expect((await client.discovery()).token_endpoint).toBe(`${sandbox.urls.scrydonAuth}/api/auth/oauth2/token`);

  const webhook = await client.triggerWebhook('invoice-received', { invoice: 142 }, { secret: scrydon.webhookSecret });
  expect(webhook).toMatchObject({ executionId: expect.stringMatching(/^exec_/) });

  expect(sandbox.control.counts('scrydon')).toMatchObject({ tokenExchanges: 1, requests: 5, rejected: 0 });
});
