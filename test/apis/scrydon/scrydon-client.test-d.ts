import { describe, expectTypeOf, test } from 'vitest';
import type { MethodsNotReturningApiPromise } from '../../helpers/method-shape';
import type { ApiPromise, PagePromise } from '../../../src/index';
import {
  ScrydonClient,
  type KnowledgeBasePage,
  type LogEntryPage,
  type OpenIdConfiguration,
  type ScrydonScope,
  type StorageFilePage,
  type WhoAmI,
  type Workflow,
  type WorkflowPage,
  type Execution,
  type ExecutionStatus,
  type TriggeredExecution,
} from '../../../src/apis/scrydon/index';

const client = new ScrydonClient({ baseUrl: 'https://acme.scrydon.example', clientId: 'sa_1', clientSecret: 's', scopes: ['workflows:read'] });

describe('named methods resolve to the spec’s types', () => {
  test('account and discovery', () => {
    expectTypeOf(client.whoami()).toEqualTypeOf<ApiPromise<WhoAmI>>();
    expectTypeOf(client.discovery()).toEqualTypeOf<ApiPromise<OpenIdConfiguration>>();
    expectTypeOf(client.hasScope('workflows:read')).toEqualTypeOf<boolean>();
    expectTypeOf<WhoAmI['scopes']>().toEqualTypeOf<ScrydonScope[]>();
  });

  test('workflows, triggers and executions', () => {
    expectTypeOf(client.listWorkflows()).toEqualTypeOf<PagePromise<WorkflowPage, Workflow>>();
    expectTypeOf(client.listWorkflows()).resolves.toEqualTypeOf<WorkflowPage>();
    expectTypeOf(client.getWorkflow('wf_1')).resolves.toEqualTypeOf<Workflow>();
    expectTypeOf(client.triggerWorkflow('wf_1', { a: 1 }, { async: true })).resolves.toEqualTypeOf<TriggeredExecution>();
    expectTypeOf<TriggeredExecution['status']>().toEqualTypeOf<'completed' | 'running'>();
    expectTypeOf(client.getExecution('exec_1')).resolves.toEqualTypeOf<Execution>();
    expectTypeOf(client.waitForExecution('exec_1', { onProgress: (execution) => expectTypeOf(execution).toEqualTypeOf<Execution>() })).resolves.toEqualTypeOf<Execution>();
    expectTypeOf(client.triggerWebhook('new-signup', { a: 1 }, { secret: 's' })).resolves.toEqualTypeOf<unknown>();
    expectTypeOf(client.deleteWorkflow('wf_1')).resolves.toEqualTypeOf<undefined>();
    expectTypeOf<ExecutionStatus>().toEqualTypeOf<'running' | 'completed' | 'failed' | 'cancelled'>();
  });

  test('storage, knowledge and logs', () => {
    expectTypeOf(client.listStorageFiles()).resolves.toEqualTypeOf<StorageFilePage>();
    expectTypeOf(client.listKnowledgeBases({ limit: 5 })).resolves.toEqualTypeOf<KnowledgeBasePage>();
    expectTypeOf(client.listLogs({ level: 'error' })).resolves.toEqualTypeOf<LogEntryPage>();
  });
});

describe('inputs are checked', () => {
  test('scopes, levels and options', () => {
    // @ts-expect-error — not a Scrydon scope
    void new ScrydonClient({ scopes: ['workflow:read'] });
    // @ts-expect-error — not a Scrydon scope
    void client.hasScope('workflows:admin');
    // @ts-expect-error — no such level
    void client.listLogs({ level: 'fatal' });
    // @ts-expect-error — limit is a number
    void client.listWorkflows({ limit: '10' });
    // @ts-expect-error — the inputs of a trigger are an object
    void client.triggerWorkflow('wf_1', 'go');
    // @ts-expect-error — async is a boolean
    void client.triggerWorkflow('wf_1', {}, { async: 'yes' });
    // @ts-expect-error — unknown option
    void new ScrydonClient({ scope: ['logs:read'] });
  });

  test('the spec-typed methods stay available', () => {
    expectTypeOf(client.GET('/api/v1/workflows', { params: { query: { environmentId: 'env_1' } } })).resolves.toEqualTypeOf<WorkflowPage>();
    // @ts-expect-error — environmentId is required by the spec
    void client.GET('/api/v1/workflows');
  });
});

test('every named method that sends a request returns an ApiPromise', () => {
  expectTypeOf<MethodsNotReturningApiPromise<ScrydonClient>>().toEqualTypeOf<never>();
});
