import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { AbortError, TimeoutError } from '../../../src/core/errors/connection-errors';
import { createObserver } from '../../../src/core/observe/observer';
import type { WaitEndView } from '../../../src/core/observe/views';
import { poll, type PollSettings } from '../../../src/core/util/poll';

beforeEach(() => void vi.useFakeTimers({ now: 0 }));
afterEach(() => void vi.useRealTimers());

/** Settings that never finish on their own: every read answers 0. */
function baseSettings(): PollSettings<number> {
  return {
    read: async () => 0,
    done: () => false,
    timeoutError: (last) => new TimeoutError(`gave up after value ${last}`),
    signal: undefined,
    timeoutMs: 60_000,
    intervalMs: 100,
    maxIntervalMs: 300,
  };
}

/** A counter read at fake times: the value is how many reads came before; done at 5. */
function counter(overrides: Partial<PollSettings<number>> = {}) {
  const readsAt: number[] = [];
  const settings: PollSettings<number> = {
    ...baseSettings(),
    read: async () => readsAt.push(Date.now()) - 1,
    done: (value) => value === 5,
    ...overrides,
  };
  return { readsAt, result: poll(settings).catch((error: unknown) => error) };
}

describe('poll', () => {
  test('reads until done, each pause 1.5 times the last, up to maxIntervalMs', async () => {
    const { readsAt, result } = counter();
    await vi.runAllTimersAsync();
    expect(await result).toBe(5);
    expect(readsAt).toEqual([0, 100, 250, 475, 775, 1_075]);
  });

  test('what done throws ends the wait, and nothing more is read', async () => {
    const failure = new Error('the job failed');
    const { readsAt, result } = counter({
      done: (value) => {
        if (value === 1) throw failure;
        return false;
      },
    });
    await vi.runAllTimersAsync();
    expect(await result).toBe(failure);
    expect(readsAt).toHaveLength(2);
  });

  test('the deadline ends a pause with the error built from the last value', async () => {
    const { result } = counter({ timeoutMs: 300 });
    await vi.advanceTimersByTimeAsync(300);
    const error = await result;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe('gave up after value 2');
  });

  test('the deadline and the caller’s signal both reach a read in flight', async () => {
    const signals: AbortSignal[] = [];
    const hanging = (signal: AbortSignal) => {
      signals.push(signal);
      return new Promise<number>((_, reject) => signal.addEventListener('abort', () => reject(new Error('socket closed'))));
    };
    const timedOut = poll({ ...baseSettings(), read: hanging, timeoutMs: 1_000 }).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await timedOut).toMatchObject({ name: 'TimeoutError', message: 'gave up after value undefined' });

    const controller = new AbortController();
    const aborted = poll({ ...baseSettings(), read: hanging, signal: controller.signal }).catch((error: unknown) => error);
    controller.abort(new Error('shutting down'));
    const error = await aborted;
    expect(error).toBeInstanceOf(AbortError);
    expect((error as Error).cause).toMatchObject({ message: 'shutting down' });
    expect(signals.every((signal) => signal.aborted)).toBe(true);
  });

  test('a read that fails on its own keeps its error', async () => {
    const failure = new Error('404');
    const { result } = counter({ read: () => Promise.reject(failure) });
    expect(await result).toBe(failure);
  });

  describe('tells an observed client how the wait ended', () => {
    const watch = () => {
      const ends: WaitEndView[] = [];
      return { ends, observer: createObserver({ logLevel: 'off', hooks: { onWaitEnd: (view) => void ends.push(view) } }, {}) };
    };

    test('done: with the number of reads and the time waited', async () => {
      const { ends, observer } = watch();
      const { result } = counter({ observer, label: 'job job_42' });
      await vi.runAllTimersAsync();
      await result;
      expect(ends).toEqual([{ kind: 'wait', target: 'job job_42', count: 6, durationMs: 1_075, outcome: 'done' }]);
    });

    test('timeout, aborted or failed', async () => {
      const { ends, observer } = watch();
      const timedOut = counter({ observer, timeoutMs: 300 });
      await vi.advanceTimersByTimeAsync(300);
      await timedOut.result;

      const controller = new AbortController();
      const aborted = counter({ observer, signal: controller.signal });
      controller.abort();
      await aborted.result;

      const failed = counter({ observer, done: () => {
        throw new Error('the job failed');
      } });
      await failed.result;
      expect(ends.map((end) => [end.outcome, end.count])).toEqual([['timeout', 3], ['aborted', 1], ['failed', 1]]);
    });
  });
});
