import type { Observer } from '../observe/observer';
import { poll } from '../util/poll';
import { milliseconds } from '../util/validate';
import { ApiPromise, type ApiResult } from './api-promise';

/** Options of every wait helper (`waitForJob`, `waitForRun`, …). */
export interface WaitOptions<T> {
  /** Stops waiting, and the read in flight, with `AbortError`; the job itself goes on. @default none */
  signal?: AbortSignal;
  /** Called with what was read: on every read, or for helpers that follow a status, when it changes. @default none */
  onProgress?: (value: T) => void;
  /** How long to wait, reads included, before giving up with `TimeoutError`, in ms. @default the helper's */
  timeoutMs?: number;
  /** First pause between reads, in ms; each next one is 1.5 times longer, up to the helper's cap. @default the helper's */
  intervalMs?: number;
}

/** What a wait helper knows of the thing it waits for. */
export interface WaitSettings<T> {
  /** Reads the current state; `signal` fires on the caller's abort and at the deadline. */
  read: (signal: AbortSignal) => ApiPromise<T>;
  /** The state `onProgress` compares, e.g. a status; without it, every read is reported. */
  state?: (value: T) => unknown;
  /** True when the wait is over; throws to end it with an error (a failed job). */
  done: (value: T) => boolean;
  /** The error the deadline ends the wait with. */
  timeoutError: (last: T | undefined, timeoutMs: number) => Error;
  defaultTimeoutMs: number;
  defaultIntervalMs: number;
  maxIntervalMs: number;
  /** Told how the wait ended, when the client is observed. */
  observer?: Observer | undefined;
  /** What is waited for, as the observer names it, e.g. `job job_42`. */
  label?: string;
}

/**
 * Reads until done on the shared poller, and resolves as an `ApiPromise` of the last value read
 * (its `withResponse()` gives the last read's response). Options are checked into the promise.
 */
export function waitUntil<T>(settings: WaitSettings<T>, options: WaitOptions<T> = {}): ApiPromise<T> {
  const run = async (): Promise<ApiResult<T>> => {
    const timeoutMs = milliseconds('timeoutMs', options.timeoutMs, settings.defaultTimeoutMs, 1);
    let reported: { state: unknown } | undefined;
    return poll<ApiResult<T>>({
      read: (signal) => settings.read(signal).withResponse(),
      done: ({ data }) => {
        const state = settings.state?.(data);
        if (settings.state === undefined || reported === undefined || !Object.is(reported.state, state)) {
          reported = { state };
          options.onProgress?.(data);
        }
        return settings.done(data);
      },
      timeoutError: (result) => settings.timeoutError(result?.data, timeoutMs),
      signal: options.signal,
      timeoutMs,
      intervalMs: milliseconds('intervalMs', options.intervalMs, settings.defaultIntervalMs, 1),
      maxIntervalMs: settings.maxIntervalMs,
      observer: settings.observer,
      label: settings.label,
    });
  };
  return new ApiPromise(run());
}
