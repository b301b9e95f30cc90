import { afterEach, describe, expect, test, vi } from 'vitest';
import { AbortError, BatchFailedError, RynkoClient, TimeoutError, type Batch } from '../../../src/apis/rynko/index';
import { settle } from '../../helpers/fake-time';
import { useSandbox } from '../../helpers/use-sandbox';

const { sandbox } = useSandbox({ fakeTime: true });
const rynko = () => new RynkoClient({ apiKey: sandbox.credentials.rynko.apiKey });
const invoices = (count: number) => ({
  templateId: 'tmpl_invoice',
  format: 'pdf' as const,
  documents: Array.from({ length: count }, (_, index) => ({ variables: { invoiceNumber: `INV-${index}` } })),
});

afterEach(() => vi.useRealTimers());

describe('waitForBatch', () => {
  test('resolves with the completed batch once every job completed, reporting progress as jobs finish', async () => {
    const client = rynko();
    const { batchId } = await client.generateBatch(invoices(3));
    const seen: string[] = [];
    const batch = (await settle(client.waitForBatch(batchId, { intervalMs: 100, onProgress: (update) => seen.push(`${update.status}:${update.completedJobs}`) }))) as Batch;
    expect(batch).toMatchObject({ batchId, status: 'completed', totalJobs: 3, completedJobs: 3, failedJobs: 0 });
    // Polls at 0, 100, 250, 475, 812, 1318, 2077, 3216 and 4924 ms; the jobs finish at 3.0, 3.2 and 3.4 s.
    expect(seen).toEqual(['queued:0', 'processing:0', 'processing:2', 'completed:3']);
  });

  test('a partial batch resolves, with its status and failed jobs exposed', async () => {
    const client = rynko();
    const { batchId } = await client.generateBatch(invoices(3));
    const { jobs } = await client.getBatch(batchId);
    await client.cancelJob(jobs[2]!.jobId);
    const batch = (await settle(client.waitForBatch(batchId))) as Batch;
    expect(batch).toMatchObject({ status: 'partial', completedJobs: 2, failedJobs: 1 });
    expect(batch.jobs.find((job) => job.status === 'failed')?.jobId).toBe(jobs[2]!.jobId);
  });

  test('a batch in which every job failed rejects with BatchFailedError', async () => {
    const client = rynko();
    const { batchId } = await client.generateBatch({ templateId: 'tmpl_broken', format: 'pdf', documents: [{ variables: {} }, { variables: {} }] });
    const error = await settle(client.waitForBatch(batchId));
    expect(error).toBeInstanceOf(BatchFailedError);
    expect(error).toMatchObject({ batchId, failedJobs: 2, totalJobs: 2, message: `Document batch ${batchId} failed: 2 of 2 jobs failed` });
    expect((error as BatchFailedError).batch.status).toBe('failed');
  });

  test('the deadline rejects with TimeoutError saying how far the batch got', async () => {
    const client = rynko();
    const { batchId } = await client.generateBatch(invoices(2));
    sandbox.control.advanceClock(-3_600_000); // the jobs stay queued for the whole wait
    const error = await settle(client.waitForBatch(batchId, { timeoutMs: 10_000 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toContain('last status: queued, 0 of 2 jobs done');
  });

  test('the signal ends the wait with AbortError', async () => {
    const client = rynko();
    const { batchId } = await client.generateBatch(invoices(1));
    const controller = new AbortController();
    const waiting = client.waitForBatch(batchId, { signal: controller.signal });
    controller.abort();
    expect(await settle(waiting)).toBeInstanceOf(AbortError);
  });

  test('an empty batch id is refused before any request, naming the argument', async () => {
    const error = await settle(rynko().waitForBatch(''));
    expect(error).toMatchObject({ name: 'ConfigurationError', option: 'batchId' });
    expect(sandbox.control.counts('rynko').requests).toBe(0);
  });
});
