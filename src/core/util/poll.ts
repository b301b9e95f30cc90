import { errorFromAbort } from '../errors/error-from-abort';
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
  try {
    for (let reads = 0; ; reads++) {
      try {
        last = await read(signal);
      } catch (error) {
        // Whatever an aborted read surfaced as, the caller learns why it stopped: their signal or the deadline.
        throw signal.aborted ? errorFromAbort(signal.reason) : error;
      }
      if (done(last)) return last;
      await sleep(Math.min(intervalMs * 1.5 ** reads, maxIntervalMs), signal);
    }
  } finally {
    deadline.clear();
  }
}
