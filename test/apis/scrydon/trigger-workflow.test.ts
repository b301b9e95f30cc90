import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError, AuthenticationError, ConfigurationError, ExecutionFailedError, ServerError, TimeoutError, type Execution } from '../../../src/apis/scrydon/index';
import { scrydonState } from '../../../src/sandbox/scrydon/scrydon-state';
import { settle, useFakeTime } from '../../helpers/fake-time';
import { useScrydonSandbox } from './scrydon-test-kit';

const kit = useScrydonSandbox();
const { scrydon } = kit.sandbox.credentials;
afterEach(() => vi.useRealTimers());

describe('triggerWorkflow', () => {
  test('a workflow that ends within the 30 s wait answers completed with its outputs', async () => {
    const answer = await kit.client().triggerWorkflow('wf_onboarding', { customerId: 'c_42' });
    expect(answer).toEqual({ executionId: expect.stringMatching(/^exec_/), status: 'completed', outputs: { response: { ok: true, echo: { customerId: 'c_42' } } } });
    const [sent] = kit.apiRequests();
    expect(sent!.url.pathname).toBe('/api/v1/workflows/wf_onboarding/trigger');
    expect(Object.fromEntries(sent!.url.searchParams)).toEqual({ environmentId: scrydon.environmentId });
    expect(JSON.parse(sent!.body)).toEqual({ inputs: { customerId: 'c_42' } });
  });

  test('a workflow that outlasts the wait answers 202 running, and waitForExecution follows it to completed on the sandbox clock', async () => {
    const client = kit.client();
    const { data: answer, response } = await client.triggerWorkflow('wf_invoice_triage', { invoice: 142 }).withResponse();
    expect(response.status).toBe(202);
    expect(answer).toEqual({ executionId: expect.any(String), status: 'running' });
    const seen: Execution['status'][] = [];
    const done = await client.waitForExecution(answer, {
      intervalMs: 1,
      // Each new status moves the sandbox clock past the 90 s the workflow takes.
      onProgress: (execution) => {
        seen.push(execution.status);
        kit.control.advanceClock(100_000);
      },
    });
    expect(seen).toEqual(['running', 'completed']);
    expect(done).toMatchObject({ executionId: answer.executionId, workflowId: 'wf_invoice_triage', status: 'completed', outputs: { response: { ok: true, echo: { invoice: 142 } } }, error: null });
    expect(kit.apiRequests().at(-1)!.url.pathname).toBe(`/api/v1/executions/${answer.executionId}`);
  });

  test('async: true answers running at once, even for a workflow that would end within the wait', async () => {
    const { data, response } = await kit.client().triggerWorkflow('wf_onboarding', {}, { async: true }).withResponse();
    expect(response.status).toBe(202);
    expect(data.status).toBe('running');
    expect(kit.apiRequests()[0]!.url.searchParams.get('async')).toBe('true');
  });

  test('without any environmentId the trigger sends none, as the documented example does, and runs in the workflow’s environment', async () => {
    const answer = await kit.client({ environmentId: undefined }).triggerWorkflow('wf_onboarding');
    expect(answer.status).toBe('completed');
    expect(kit.apiRequests()[0]!.url.searchParams.has('environmentId')).toBe(false);
  });

  test('waitForExecution rejects with ExecutionFailedError when the execution fails', async () => {
    const client = kit.client();
    const answer = await client.triggerWorkflow('wf_onboarding', { fail: true });
    expect(answer.status).toBe('running');
    kit.control.advanceClock(5_000);
    const error = await client.waitForExecution(answer.executionId).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExecutionFailedError);
    expect(error).toMatchObject({ executionId: answer.executionId, status: 'failed', reason: expect.stringContaining('call-webhook') });
  });

  test('a failed trigger is not resent: it may have started an execution', async () => {
    kit.control.inject('scrydon', { status: 503, path: '/trigger' });
    await expect(kit.client().triggerWorkflow('wf_onboarding')).rejects.toBeInstanceOf(ServerError);
    expect(kit.apiRequests()).toHaveLength(1);
  });

  test('a trigger that times out is not resent', async () => {
    useFakeTime();
    kit.control.inject('scrydon', { latencyMs: 40_000, path: '/trigger' });
    expect(await settle(kit.client().triggerWorkflow('wf_onboarding'))).toBeInstanceOf(TimeoutError);
    expect(kit.apiRequests()).toHaveLength(1);
  });

  test("each attempt may take 35 s by default, longer than Scrydon's 30 s wait; other calls keep 30 s", async () => {
    useFakeTime();
    const client = kit.client();
    kit.control.inject('scrydon', { latencyMs: 32_000, path: '/trigger' });
    const answer = await settle(client.triggerWorkflow('wf_onboarding', {}, { async: true }));
    expect(answer).toMatchObject({ status: 'running' });
    kit.control.inject('scrydon', { latencyMs: 32_000, path: '/executions/' });
    expect(await settle(client.getExecution((answer as Execution).executionId, { maxRetries: 0 }))).toBeInstanceOf(TimeoutError);
  });

  test('arguments are checked before anything is sent', async () => {
    const client = kit.client();
    await expect(client.triggerWorkflow('', {})).rejects.toMatchObject({ option: 'workflowId' });
    await expect(client.triggerWorkflow('wf_onboarding', 'go' as never)).rejects.toMatchObject({ option: 'inputs', message: expect.stringContaining('must be an object') });
    await expect(client.triggerWorkflow('wf_onboarding', {}, { async: 'yes' as never })).rejects.toBeInstanceOf(ConfigurationError);
    expect(kit.seen).toHaveLength(0);
  });
});

describe('triggerWebhook', () => {
  test('is sent without a bearer token, and fetches none', async () => {
    const answer = await kit.client().triggerWebhook('new-signup', { email: 'a@example.com' });
    expect(answer).toEqual({ executionId: expect.stringMatching(/^exec_/) });
    expect(kit.tokenRequests()).toHaveLength(0);
    expect(kit.apiRequests().map((request) => request.authorization)).toEqual([null]);
    const [execution] = scrydonState(kit.control).executions.values();
    expect(execution).toMatchObject({ workflowId: 'wf_onboarding', trigger: 'webhook', inputs: { payload: { email: 'a@example.com' }, method: 'POST' } });
  });

  test('a webhook with a secret runs with the right X-Scrydon-Secret and refuses a missing or wrong one', async () => {
    const client = kit.client();
    await expect(client.triggerWebhook('invoice-received', { invoice: 1 })).rejects.toBeInstanceOf(AuthenticationError);
    await expect(client.triggerWebhook('invoice-received', { invoice: 1 }, { secret: 'not-it' })).rejects.toBeInstanceOf(AuthenticationError);
    expect(await client.triggerWebhook('invoice-received', { invoice: 1 }, { secret: scrydon.webhookSecret })).toHaveProperty('executionId');
    expect(scrydonState(kit.control).executions.size).toBe(1);
  });

  test('the secret is redacted from the error of a refused webhook', async () => {
    const secret = 'whsec-do-not-show-4f9a';
    const error = await kit.client().triggerWebhook('invoice-received', {}, { secret }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(inspect(error, { depth: 10 })).not.toContain(secret);
  });

  test('a server that echoes the secret in its error body does not get it into the error', async () => {
    const secret = 'whsec-echoed-back-77c2';
    kit.server.use(
      http.post(`${kit.sandbox.urls.scrydon}/api/webhooks/trigger/echo`, ({ request }) =>
        HttpResponse.json({ error: 'bad_secret', message: `secret ${request.headers.get('x-scrydon-secret')} does not match` }, { status: 403 }),
      ),
    );
    const error = await kit.client().triggerWebhook('echo', {}, { secret }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(403);
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(inspect(error, { depth: 10 })).not.toContain(secret);
    expect(String((error as Error).message)).toContain('[REDACTED]');
  });

  test('the secret is not sent to another origin on a redirect', async () => {
    const arrived: (string | null)[] = [];
    kit.server.use(
      http.post(`${kit.sandbox.urls.scrydon}/api/webhooks/trigger/moved`, () => HttpResponse.redirect('https://hooks.elsewhere.example/in', 307)),
      http.post('https://hooks.elsewhere.example/in', ({ request }) => {
        arrived.push(request.headers.get('x-scrydon-secret'));
        return HttpResponse.json({ ok: true });
      }),
    );
    expect(await kit.client().triggerWebhook('moved', {}, { secret: scrydon.webhookSecret })).toEqual({ ok: true });
    expect(arrived).toEqual([null]);
  });

  test('an empty secret is refused without quoting it', async () => {
    const error = await kit.client().triggerWebhook('new-signup', {}, { secret: '' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ option: 'secret' });
    expect(kit.seen).toHaveLength(0);
  });
});
