import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { AbortError } from '../../../src/index';
import { sleep, untilAborted } from '../../../src/core/util/abortable';
import { useFakeTime } from '../../helpers/fake-time';

beforeEach(useFakeTime);
afterEach(() => vi.useRealTimers());

describe('sleep', () => {
  test('resolves after its time, and not before', async () => {
    let woke = false;
    const slept = sleep(1_000, new AbortController().signal).then(() => (woke = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await slept;
    expect(woke).toBe(true);
  });

  test('an abort ends it at once with AbortError and leaves no timer behind', async () => {
    const controller = new AbortController();
    const slept = sleep(60_000, controller.signal);
    controller.abort();
    await expect(slept).rejects.toBeInstanceOf(AbortError);
    expect(vi.getTimerCount()).toBe(0);
  });

  test('an already aborted signal rejects with AbortError and leaves no timer behind', async () => {
    await expect(sleep(60_000, AbortSignal.abort())).rejects.toBeInstanceOf(AbortError);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('untilAborted', () => {
  test("one caller's abort ends only its own wait; the shared work still reaches the others", async () => {
    let finish!: (value: string) => void;
    const shared = new Promise<string>((resolve) => (finish = resolve));
    const controller = new AbortController();
    const mine = untilAborted(shared, controller.signal);
    const theirs = untilAborted(shared, new AbortController().signal);
    controller.abort();
    await expect(mine).rejects.toBeInstanceOf(AbortError);
    finish('token');
    await expect(theirs).resolves.toBe('token');
  });
});
