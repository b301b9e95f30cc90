import type { ApiPromise } from '../../core/client/api-promise';
import { waitUntil, type WaitOptions } from '../../core/client/wait-until';
import { TimeoutError } from '../../core/errors/connection-errors';
import type { Observer } from '../../core/observe/observer';
import { JobFailedError } from './job-failed-error';
import type { components } from './schema.gen';

type Job = components['schemas']['Job'];

/**
 * Options of `RynkoClient.waitForJob()`: `signal`, `onProgress` (with the job whenever its status
 * changes, starting with the first poll), `timeoutMs` (default 300_000) and `intervalMs` (default
 * 1_000; each later pause 1.5 times longer, up to 10 s or `intervalMs` if longer).
 */
export type WaitForJobOptions = WaitOptions<Job>;

/** Fetches a job; the client's `getJob`, so polls get its retries and rate-limit handling. */
export type JobReader = (jobId: string, init: { signal: AbortSignal }) => ApiPromise<Job>;

/**
 * Polls a job until it completes (resolves with it) or fails (`JobFailedError`). A 429 on a poll is
 * waited out by the transport, which honours Retry-After and X-RateLimit-Reset; the backoff here
 * only spaces the polls of a job that is still running.
 */
export function waitForJob(getJob: JobReader, jobId: string, options: WaitForJobOptions = {}, observer?: Observer): ApiPromise<Job> {
  return waitUntil<Job>(
    {
      read: (signal) => getJob(jobId, { signal }),
      state: (job) => job.status,
      done: (job) => {
        if (job.status === 'failed') throw new JobFailedError(job);
        return job.status === 'completed';
      },
      timeoutError: (last, timeoutMs) =>
        new TimeoutError(`Document job ${jobId} did not finish within ${timeoutMs} ms (last status: ${last?.status ?? 'unknown'})`),
      defaultTimeoutMs: 300_000,
      defaultIntervalMs: 1_000,
      maxIntervalMs: 10_000,
      observer,
      label: `job ${jobId}`,
    },
    options,
  );
}
