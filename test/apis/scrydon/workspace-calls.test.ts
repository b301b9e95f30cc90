import { describe, expect, test } from 'vitest';
import { ServerError, type Workflow } from '../../../src/apis/scrydon/index';
import { scrydonState } from '../../../src/sandbox/scrydon/scrydon-state';
import { useScrydonSandbox } from './scrydon-test-kit';

const kit = useScrydonSandbox();
const { scrydon } = kit.sandbox.credentials;

describe('workflows', () => {
  test('listWorkflows pages through the environment with nextCursor', async () => {
    const client = kit.client();
    const seen: Workflow[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client.listWorkflows({ limit: 2, ...(cursor === undefined ? {} : { cursor }) });
      seen.push(...page.data);
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor !== undefined);
    expect(pages).toBe(3);
    expect(seen.map((workflow) => workflow.id)).toEqual((await client.listWorkflows()).data.map((workflow) => workflow.id));
    expect(new Set(seen.map((workflow) => workflow.environmentId))).toEqual(new Set([scrydon.environmentId]));
    expect(kit.apiRequests().map((request) => request.url.searchParams.get('limit'))).toEqual(['2', '2', '2', null]);
  });

  test('listWorkflows iterates every workflow, following nextCursor only as far as it is read', async () => {
    const client = kit.client();
    const all = (await client.listWorkflows()).data.map((workflow) => workflow.id);
    const before = kit.apiRequests().length;
    const ids: string[] = [];
    for await (const workflow of client.listWorkflows({ limit: 2 })) ids.push(workflow.id);
    expect(ids).toEqual(all);
    expect(kit.apiRequests().length - before).toBe(3);
    for await (const _workflow of client.listWorkflows({ limit: 2 })) break;
    expect(kit.apiRequests().length - before).toBe(4);
  });

  test('getWorkflow reads one workflow of the environment', async () => {
    expect(await kit.client().getWorkflow('wf_invoice_triage')).toMatchObject({ id: 'wf_invoice_triage', status: 'deployed' });
  });

  test('runWorkflow starts a run that advances with the clock: queued, running, completed', async () => {
    const client = kit.client();
    const run = await client.runWorkflow('wf_onboarding', { customerId: 'c_42' });
    expect(run).toMatchObject({ workflowId: 'wf_onboarding', status: 'queued', input: { customerId: 'c_42' }, output: null });
    expect(JSON.parse(kit.apiRequests()[0]!.body)).toEqual({ input: { customerId: 'c_42' } });
    kit.control.advanceClock(1_500);
    expect(await client.getRun(run.workflowId, run.id)).toMatchObject({ status: 'running', finishedAt: null });
    kit.control.advanceClock(2_000);
    const done = await client.getRun(run.workflowId, run.id);
    expect(done).toMatchObject({ status: 'completed', output: { ok: true, echo: { customerId: 'c_42' } }, error: null });
    expect(Date.parse(done.finishedAt!) - Date.parse(done.createdAt)).toBe(3_000);
  });

  test('a failing run ends failed with its error', async () => {
    const client = kit.client();
    const run = await client.runWorkflow('wf_onboarding', { fail: true });
    kit.control.advanceClock(3_000);
    expect(await client.getRun(run.workflowId, run.id)).toMatchObject({ status: 'failed', output: null, error: expect.stringContaining('failed') });
  });

  test('a start is not retried without an Idempotency-Key: it may have started a run', async () => {
    kit.control.inject('scrydon', { status: 503, path: '/runs' });
    await expect(kit.client().runWorkflow('wf_onboarding')).rejects.toBeInstanceOf(ServerError);
    expect(kit.apiRequests()).toHaveLength(1);
  });

  test('with an Idempotency-Key a start is retried, and the repeat returns the same run', async () => {
    kit.control.inject('scrydon', { status: 503, path: '/runs' });
    const client = kit.client();
    const run = await client.runWorkflow('wf_onboarding', {}, { idempotencyKey: 'order-7' });
    const again = await client.runWorkflow('wf_onboarding', {}, { idempotencyKey: 'order-7' });
    expect(again.id).toBe(run.id);
    expect(kit.apiRequests().map((request) => request.method)).toEqual(['POST', 'POST', 'POST']);
    expect(scrydonState(kit.control).runs.size).toBe(1);
  });

  test('deleteWorkflow is an admin action: it works once the account is an admin', async () => {
    scrydonState(kit.control).assign(scrydon.clientId, scrydon.environmentId, 'admin');
    const client = kit.client();
    expect(await client.deleteWorkflow('wf_kb_refresh')).toBeUndefined();
    expect((await client.listWorkflows()).data.map((workflow) => workflow.id)).not.toContain('wf_kb_refresh');
  });
});

describe('storage, knowledge and logs', () => {
  test('listStorageFiles and listKnowledgeBases list the environment', async () => {
    const client = kit.client();
    const files = await client.listStorageFiles({ limit: 2 });
    expect(files.data).toHaveLength(2);
    expect(files.nextCursor).not.toBeNull();
    expect((await client.listStorageFiles({ cursor: files.nextCursor! })).data).toHaveLength(1);
    expect((await client.listKnowledgeBases()).data.map((base) => base.id)).toEqual(['kb_product_docs', 'kb_support_macros']);
  });

  test('listLogs shows what runs wrote, newest first, filtered by run and level', async () => {
    const client = kit.client();
    const run = await client.runWorkflow('wf_support_digest', { fail: true });
    kit.control.advanceClock(5_000);
    const lines = await client.listLogs({ runId: run.id });
    expect(lines.data.map((line) => line.message)).toEqual(['Run failed: step "call-webhook" failed', 'Run started', 'Run queued']);
    expect((await client.listLogs({ level: 'error' })).data.map((line) => line.runId)).toEqual([run.id]);
    const query = kit.apiRequests().at(-1)!.url.searchParams;
    expect(Object.fromEntries(query)).toEqual({ environmentId: scrydon.environmentId, level: 'error' });
  });
});
