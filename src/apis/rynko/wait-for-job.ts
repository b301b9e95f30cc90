import { TimeoutError } from '../../core/errors/connection-errors';
import { poll } from '../../core/util/poll';
import { milliseconds } from '../../core/util/validate';
import { JobFailedError } from './job-failed-error';
import type { components } from './schema.gen';

type Job = components['schemas']['Job'];

/** Options of `RynkoClient.waitForJob()`. */
export interface WaitForJobOptions {
  /** Stops waiting, and the poll in flight, when it fires. @default none */
  signal?: AbortSignal;
  /** Called with the job whenever its status changes, starting with the first poll. @default none */
  onProgress?: (job: Job) => void;
  /** How long to wait for the job to finish, polls included, in ms. @default 300_000 */
  timeoutMs?: number;
  /** First pause between polls, in ms; each later one is 1.5 times longer, up to 10 s (or `intervalMs` if longer). @default 1_000 */
  intervalMs?: number;
}

/** Fetches a job; the client's `getJob`, so polls get its retries and rate-limit handling. */
export type JobReader = (jobId: string, init: { signal: AbortSignal }) => PromiseLike<Job>;

/**
 * Polls a job until it completes (resolves with it) or fails (`JobFailedError`). A 429 on a poll is
 * waited out by the transport, which honours Retry-After and X-RateLimit-Reset; the backoff here
 * only spaces the polls of a job that is still running.
 */
export async function waitForJob(getJob: JobReader, jobId: string, options: WaitForJobOptions = {}): Promise<Job> {
  const timeoutMs = milliseconds('timeoutMs', options.timeoutMs, 300_000, 1);
  const intervalMs = milliseconds('intervalMs', options.intervalMs, 1_000, 1);
  let status: Job['status'] | undefined;
  return poll({
    read: (signal) => getJob(jobId, { signal }),
    done: (job) => {
      if (job.status !== status) {
        status = job.status;
        options.onProgress?.(job);
      }
      if (job.status === 'failed') throw new JobFailedError(job);
      return job.status === 'completed';
    },
    timeoutError: () => new TimeoutError(`Document job ${jobId} did not finish within ${timeoutMs} ms (last status: ${status ?? 'unknown'})`),
    signal: options.signal,
    timeoutMs,
    intervalMs,
    maxIntervalMs: 10_000,
  });
}
