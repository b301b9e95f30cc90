import { afterEach, describe, expect, test, vi } from 'vitest';
import { JobFailedError, NotFoundError, RynkoClient, ValidationError, type Job } from '../../../src/apis/rynko/index';
import { rynkoState } from '../../../src/sandbox/rynko/rynko-state';
import { settle } from '../../helpers/fake-time';
import { useSandbox } from '../../helpers/use-sandbox';

const { sandbox, control } = useSandbox({ fakeTime: true });
const rynko = () => new RynkoClient({ apiKey: sandbox.credentials.rynko.apiKey });
const invoice = { templateId: 'tmpl_invoice', format: 'pdf' as const, variables: { invoiceNumber: 'INV-3' } };

afterEach(() => vi.useRealTimers());

describe('cancelJob', () => {
  test('cancels a queued job, and a wait on it ends with JobFailedError instead of polling on', async () => {
    const client = rynko();
    const { jobId } = await client.generateDocument(invoice);
    const cancelled = await client.cancelJob(jobId);
    expect(cancelled).toMatchObject({ jobId, status: 'failed', errorMessage: 'The job was cancelled' });
    expect(await settle(client.waitForJob(jobId))).toBeInstanceOf(JobFailedError);
  });

  test('a job that already finished cannot be cancelled: a typed 400', async () => {
    const client = rynko();
    const { jobId } = await client.generateDocument(invoice);
    await settle(client.waitForJob(jobId));
    const error = await settle(client.cancelJob(jobId));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 400, code: 'ERR_VALID_001', message: expect.stringContaining('is completed') });
  });
});

describe('retryJob', () => {
  test('queues a failed job again as a new job, from the same template and variables', async () => {
    const client = rynko();
    const { jobId } = await client.generateDocument({ templateId: 'tmpl_broken', format: 'pdf', variables: { n: 1 } });
    await settle(client.waitForJob(jobId));
    const again = await client.retryJob(jobId);
    expect(again).toMatchObject({ status: 'queued', jobId: expect.stringMatching(/^job_/) });
    expect(again.jobId).not.toBe(jobId);
    expect(await client.getJob(again.jobId)).toMatchObject({ templateId: 'tmpl_broken', status: 'queued' });
    expect(rynkoState(control).documentsThisMonth).toBe(2);
  });

  test('is not resent on a 503: a second attempt would queue the document twice', async () => {
    const client = rynko();
    const { jobId } = await client.generateDocument({ templateId: 'tmpl_broken', format: 'pdf' });
    await settle(client.waitForJob(jobId));
    control.inject('rynko', { status: 503 });
    const before = control.counts('rynko').requests;
    expect(await settle(client.retryJob(jobId))).toMatchObject({ status: 503 });
    expect(control.counts('rynko').requests - before).toBe(1);
  });

  test('a job that did not fail cannot be retried', async () => {
    const client = rynko();
    const { jobId } = await client.generateDocument(invoice);
    expect(await settle(client.retryJob(jobId))).toMatchObject({ status: 400, code: 'ERR_VALID_001', message: expect.stringContaining('only a failed job can be retried') });
  });
});

describe('deleteJob', () => {
  test('deletes the job: reading it afterwards is a NotFoundError with ERR_DOC_001', async () => {
    const client = rynko();
    const { jobId } = await client.generateDocument(invoice);
    expect(await client.deleteJob(jobId)).toMatchObject({ success: true });
    const error = await settle(client.getJob(jobId));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 'ERR_DOC_001' });
  });

  test('an empty job id is refused before sending, for each action', async () => {
    const client = rynko();
    for (const action of [() => client.cancelJob(' '), () => client.retryJob(''), () => client.deleteJob('')]) {
      expect(await settle(action())).toMatchObject({ name: 'ConfigurationError', option: 'jobId' });
    }
    expect(control.counts('rynko').requests).toBe(0);
  });
});

describe('listJobs filters', () => {
  test('workspaceId, format, dateFrom and dateTo reach the API and narrow the list', async () => {
    const client = rynko();
    const early = await client.generateDocument(invoice);
    control.advanceClock(60_000);
    const sales = await client.generateDocument({ templateId: 'tmpl_sales_report', format: 'csv', variables: { rows: [] } });
    const later = new Date(control.now()).toISOString();
    control.advanceClock(60_000);
    const last = await client.generateDocument(invoice);
    const ids = (jobs: Job[]) => jobs.map((job) => job.jobId);

    expect(ids((await client.listJobs({ format: 'csv' })).jobs)).toEqual([sales.jobId]);
    expect(ids((await client.listJobs({ format: 'pdf', dateTo: later })).jobs)).toEqual([early.jobId]);
    expect(ids((await client.listJobs({ dateFrom: later })).jobs)).toEqual([last.jobId, sales.jobId]);
    expect((await client.listJobs({ workspaceId: 'ws_sandbox' })).total).toBe(3);
    expect((await client.listJobs({ workspaceId: 'ws_other' })).total).toBe(0);
  });

  test('a filter the API cannot read is a ValidationError naming the field', async () => {
    const error = await settle(rynko().listJobs({ dateFrom: 'last tuesday' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toContain('dateFrom');
  });
});
