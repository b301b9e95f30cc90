import { KeycardError } from '../../core/errors/keycard-error';
import type { components } from './schema.gen';

type Batch = components['schemas']['Batch'];

/**
 * A batch ended in `failed`: none of its jobs produced a document. The API calls succeeded, so this
 * is not an `ApiError`; `batch.jobs` lists the jobs, whose own errors `getJob` reads.
 */
export class BatchFailedError extends KeycardError {
  override name = 'BatchFailedError';
  /** The batch that failed. */
  readonly batchId: string;
  /** How many of its jobs failed. */
  readonly failedJobs: number;
  /** How many jobs it had. */
  readonly totalJobs: number;
  /** The failed batch as the API returned it. */
  readonly batch: Batch;

  constructor(batch: Batch) {
    super(`Document batch ${batch.batchId} failed: ${batch.failedJobs} of ${batch.totalJobs} jobs failed`);
    this.batchId = batch.batchId;
    this.failedJobs = batch.failedJobs;
    this.totalJobs = batch.totalJobs;
    this.batch = batch;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), batchId: this.batchId, failedJobs: this.failedJobs, totalJobs: this.totalJobs };
  }
}
