import { describe, expectTypeOf, test } from 'vitest';
import type { MethodsNotReturningApiPromise } from '../../helpers/method-shape';
import type { ApiPromise, PagePromise } from '../../../src/index';
import {
  RynkoClient,
  verifyWebhook,
  type Account,
  type Batch,
  type GenerateBatchResponse,
  type GenerateDocumentResponse,
  type Job,
  type JobList,
  type ListJobsQuery,
  type Template,
  type TemplateList,
  type WebhookEvent,
  type WebhookSubscription,
  type WebhookSubscriptionList,
} from '../../../src/apis/rynko/index';

const rynko = new RynkoClient({ apiKey: 'fm_key' });

describe('named methods', () => {
  test('resolve to the spec’s types, with the Response reachable', () => {
    expectTypeOf(rynko.verify()).toEqualTypeOf<ApiPromise<Account>>();
    expectTypeOf(rynko.generateDocument({ templateId: 't', format: 'pdf' })).toEqualTypeOf<ApiPromise<GenerateDocumentResponse>>();
    expectTypeOf(rynko.generateBatch({ templateId: 't', format: 'csv', documents: [{ variables: {} }] })).toEqualTypeOf<
      ApiPromise<GenerateBatchResponse>
    >();
    expectTypeOf(rynko.getBatch('b')).toEqualTypeOf<ApiPromise<Batch>>();
    expectTypeOf(rynko.getJob('j')).toEqualTypeOf<ApiPromise<Job>>();
    expectTypeOf(rynko.waitForBatch('b')).toEqualTypeOf<ApiPromise<Batch>>();
    expectTypeOf(rynko.cancelJob('j')).toEqualTypeOf<ApiPromise<Job>>();
    expectTypeOf(rynko.retryJob('j')).toEqualTypeOf<ApiPromise<GenerateDocumentResponse>>();
    expectTypeOf(rynko.deleteJob('j')).resolves.toEqualTypeOf<Record<string, unknown> | undefined>();
    expectTypeOf(rynko.listWebhookSubscriptions()).toEqualTypeOf<ApiPromise<WebhookSubscriptionList>>();
    expectTypeOf(rynko.createWebhookSubscription({ url: 'https://example.com', events: ['document.generated'] })).toEqualTypeOf<
      ApiPromise<WebhookSubscription>
    >();
    expectTypeOf(rynko.updateWebhookSubscription('w', { isActive: false })).toEqualTypeOf<ApiPromise<WebhookSubscription>>();
    expectTypeOf(rynko.generateDocument).parameter(0).toHaveProperty('useDraft').toEqualTypeOf<boolean | undefined>();
    expectTypeOf<ListJobsQuery>().pick<'workspaceId' | 'format' | 'dateFrom' | 'dateTo'>().toEqualTypeOf<{
      workspaceId?: string;
      format?: 'pdf' | 'excel' | 'csv';
      dateFrom?: string;
      dateTo?: string;
    }>();
    expectTypeOf<Batch['status']>().toEqualTypeOf<'queued' | 'processing' | 'completed' | 'partial' | 'failed'>();
    expectTypeOf(rynko.listJobs({ status: 'completed', limit: 10 })).toEqualTypeOf<PagePromise<JobList, Job>>();
    expectTypeOf(rynko.listJobs()).resolves.toEqualTypeOf<JobList>();
    expectTypeOf(rynko.listTemplates()).toEqualTypeOf<PagePromise<TemplateList, Template>>();
    expectTypeOf(rynko.getTemplate('t')).toEqualTypeOf<ApiPromise<Template>>();
    expectTypeOf(rynko.createTemplate({ name: 'n' })).toEqualTypeOf<ApiPromise<Template>>();
    expectTypeOf(rynko.updateTemplate('t', { name: 'n' })).toEqualTypeOf<ApiPromise<Template>>();
    expectTypeOf(rynko.deleteTemplate('t')).toEqualTypeOf<ApiPromise<undefined>>();
  });

  test('flows return ApiPromises of their result too', () => {
    expectTypeOf(rynko.waitForJob('j', { onProgress: (job) => expectTypeOf(job).toEqualTypeOf<Job>() })).toEqualTypeOf<ApiPromise<Job>>();
    expectTypeOf(rynko.downloadDocument('https://storage.rynko.dev/x')).toEqualTypeOf<ApiPromise<Blob>>();
  });

  test('verifyWebhook is a function of keycard/rynko, not a method of the client', () => {
    expectTypeOf(verifyWebhook('{}', new Headers(), 'secret')).toEqualTypeOf<Promise<WebhookEvent>>();
    expectTypeOf(verifyWebhook('{}', { 'x-rynko-signature': 't=1,v1=0' }, 'secret')).toEqualTypeOf<Promise<WebhookEvent>>();
    expectTypeOf(rynko).not.toHaveProperty('verifyWebhook');
    expectTypeOf(RynkoClient).not.toHaveProperty('verifyWebhook');
  });

  test('job fields are typed', () => {
    expectTypeOf<Job['status']>().toEqualTypeOf<'queued' | 'processing' | 'completed' | 'failed'>();
    expectTypeOf<Job['downloadUrl']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<WebhookEvent['type']>().toEqualTypeOf<'document.generated' | 'document.failed' | 'document.downloaded' | 'batch.completed' | 'batch.failed'>();
  });

  test('inputs are checked', () => {
    // @ts-expect-error — format must be pdf, excel or csv
    void rynko.generateDocument({ templateId: 't', format: 'docx' });
    // @ts-expect-error — templateId is required
    void rynko.generateDocument({ format: 'pdf' });
    // @ts-expect-error — status must be a job status
    void rynko.listJobs({ status: 'done' });
    // @ts-expect-error — options are a flat object of known names
    void new RynkoClient({ apiKey: 'fm_key', timeout: 5 });
    void rynko.getJob('j', { signal: AbortSignal.timeout(1_000), timeoutMs: 5_000, maxRetries: 0 });
  });
});

test('every named method that sends a request returns an ApiPromise', () => {
  expectTypeOf<MethodsNotReturningApiPromise<RynkoClient>>().toEqualTypeOf<never>();
});
