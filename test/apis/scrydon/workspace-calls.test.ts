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

  test('listLogs shows what executions wrote, newest first, filtered by execution and level', async () => {
    const client = kit.client();
    const execution = await client.triggerWorkflow('wf_support_digest', { fail: true });
    kit.control.advanceClock(5_000);
    const lines = await client.listLogs({ runId: execution.executionId });
    expect(lines.data.map((line) => line.message)).toEqual(['Execution failed: block "call-webhook" failed', 'Execution started by api']);
    expect((await client.listLogs({ level: 'error' })).data.map((line) => line.runId)).toEqual([execution.executionId]);
    const query = kit.apiRequests().at(-1)!.url.searchParams;
    expect(Object.fromEntries(query)).toEqual({ environmentId: scrydon.environmentId, level: 'error' });
  });
});
