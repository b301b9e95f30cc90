import type { ApiPromise } from '../../core/client/api-promise';
import { waitUntil, type WaitOptions } from '../../core/client/wait-until';
import { TimeoutError } from '../../core/errors/connection-errors';
import { BatchFailedError } from './batch-failed-error';
import type { components } from './schema.gen';

type Batch = components['schemas']['Batch'];

/**
 * Options of `RynkoClient.waitForBatch()`: `signal`, `onProgress` (with the batch whenever its status
 * or its count of finished jobs changes), `timeoutMs` (default 600_000) and `intervalMs` (default
 * 2_000, as Rynko's SDK polls; each later pause 1.5 times longer, up to 15 s).
 */
export type WaitForBatchOptions = WaitOptions<Batch>;

/** Fetches a batch; the client's `getBatch`, so polls get its retries and rate-limit handling. */
export type BatchReader = (batchId: string, init: { signal: AbortSignal }) => ApiPromise<Batch>;

/** Whether a batch's wait is over: `completed` and `partial` end it, `failed` ends it with an error. */
export function batchDone(batch: Batch): boolean {
  if (batch.status === 'failed') throw new BatchFailedError(batch);
  return batch.status === 'completed' || batch.status === 'partial';
}

/**
 * Polls a batch until it ends. `partial` resolves too, with the status and `failedJobs` for the
 * caller to read, because the documents that were made are there to download; only a batch in which
 * every job failed rejects. Batches are rate-limited more tightly than jobs (10 a minute to create,
 * jobs 300), so polls start slower than `waitForJob`'s.
 */
export function waitForBatch(getBatch: BatchReader, batchId: string, options: WaitForBatchOptions = {}): ApiPromise<Batch> {
  return waitUntil<Batch>(
    {
      read: (signal) => getBatch(batchId, { signal }),
      state: (batch) => `${batch.status}:${batch.completedJobs}:${batch.failedJobs}`,
      done: batchDone,
      timeoutError: (last, timeoutMs) =>
        new TimeoutError(
          `Document batch ${batchId} did not finish within ${timeoutMs} ms (last status: ${last?.status ?? 'unknown'}, ${last?.completedJobs ?? 0} of ${last?.totalJobs ?? '?'} jobs done)`,
        ),
      defaultTimeoutMs: 600_000,
      defaultIntervalMs: 2_000,
      maxIntervalMs: 15_000,
    },
    options,
  );
}
