import { KeycardError } from '../../core/errors/keycard-error';
import type { components } from './schema.gen';

type Job = components['schemas']['Job'];

/**
 * A document job ended in `failed`. The API call itself succeeded, so this is not an `ApiError`:
 * the job's own `errorCode` and `errorMessage` say what went wrong.
 */
export class JobFailedError extends KeycardError {
  override name = 'JobFailedError';
  /** The job that failed. */
  readonly jobId: string;
  /** The job's error code, e.g. `ERR_DOC_004`. */
  readonly errorCode: string | undefined;
  /** The job's error message. */
  readonly errorMessage: string | undefined;
  /** The failed job as the API returned it. */
  readonly job: Job;

  constructor(job: Job) {
    const code = job.errorCode === undefined ? '' : ` with ${job.errorCode}`;
    super(`Document job ${job.jobId} failed${code}: ${job.errorMessage ?? 'no reason given'}`);
    this.jobId = job.jobId;
    this.errorCode = job.errorCode;
    this.errorMessage = job.errorMessage;
    this.job = job;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), jobId: this.jobId, errorCode: this.errorCode, errorMessage: this.errorMessage };
  }
}
