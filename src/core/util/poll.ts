import { errorFromAbort } from '../errors/error-from-abort';
import type { Observer } from '../observe/observer';
import { DEBUG } from '../observe/log-level';
import { waitEndView } from '../observe/views';
import { sleep, timeoutSignal } from './abortable';

/** What `poll` reads, how it spaces the reads, and when it gives up. Options are validated by the caller. */
export interface PollSettings<T> {
  /** Reads the current state; its signal fires on the caller's abort and at the deadline, cutting a read in flight. */
  read: (signal: AbortSignal) => PromiseLike<T>;
  /** Sees every value read: true when the wait is over, false to read again; what it throws ends the wait. */
  done: (value: T) => boolean;
  /** The error the deadline ends the wait with, given the last value read (if any). */
  timeoutError: (last: T | undefined) => Error;
  /** The caller's signal: ends the wait with `AbortError`. */
  signal: AbortSignal | undefined;
  /** Deadline of the whole wait, reads included, in ms. */
  timeoutMs: number;
  /** First pause between reads, in ms; each next one is 1.5 times longer. */
  intervalMs: number;
  /** Longest pause, in ms (`intervalMs` if that is longer). */
  maxIntervalMs: number;
  /** Told how the wait ended (reads, time, outcome) when the client is observed. */
  observer?: Observer | undefined;
  /** What is waited for, as the observer names it, e.g. `job job_42`. @default 'a result' */
  label?: string;
}

/**
 * Reads until `done` says so, backing off between reads. The deadline is a signal, not a check
 * between reads, so a read that hangs or is waiting out a rate limit ends at the deadline too.
 */
export async function poll<T>(settings: PollSettings<T>): Promise<T> {
  const { read, done, intervalMs } = settings;
  const maxIntervalMs = Math.max(intervalMs, settings.maxIntervalMs);
  let last: T | undefined;
  const deadline = timeoutSignal(settings.timeoutMs, () => settings.timeoutError(last));
  const signal = settings.signal === undefined ? deadline.signal : AbortSignal.any([settings.signal, deadline.signal]);
  const { observer } = settings;
  const startedAt = observer === undefined ? 0 : Date.now();
  let reads = 0;
  let outcome: 'done' | 'timeout' | 'aborted' | 'failed' = 'failed';
  try {
    for (; ; ) {
      reads += 1;
      try {
        last = await read(signal);
      } catch (error) {
        // Whatever an aborted read surfaced as, the caller learns why it stopped: their signal or the deadline.
        throw signal.aborted ? errorFromAbort(signal.reason) : error;
      }
      if (done(last)) {
        outcome = 'done';
        return last;
      }
      await sleep(Math.min(intervalMs * 1.5 ** (reads - 1), maxIntervalMs), signal);
    }
  } finally {
    deadline.clear();
    if (observer !== undefined) {
      if (deadline.signal.aborted) outcome = 'timeout';
      else if (settings.signal?.aborted) outcome = 'aborted';
      observer.emit('onWaitEnd', DEBUG, 'wait-end', waitEndView('wait', settings.label ?? 'a result', reads, Date.now() - startedAt, outcome));
    }
  }
}
