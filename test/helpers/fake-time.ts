import { vi } from 'vitest';

export const start = Date.parse('2026-11-22T10:00:00Z');

/** Fake timers and clock; setImmediate stays real so that msw and sockets keep working. */
export function useFakeTime() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'], now: start });
}

const realTick = () => new Promise<void>((resolve) => setImmediate(resolve));
const realNow = () => Number(process.hrtime.bigint() / 1_000_000n);

/**
 * Real time the work must stay quiet before the fake clock moves. msw answers through promises, but
 * the emulators also sign with WebCrypto, which runs on libuv's thread pool: on a loaded machine
 * that takes more than a few event-loop turns, and jumping the clock meanwhile fires timeouts early.
 */
const quietMs = 40;

/**
 * Runs a promise to its end under fake time: lets real work (msw, WebCrypto, sockets) settle first,
 * and only when nothing but timers can move it on, jumps the clock to the next timer. Returns the
 * value or the error.
 */
export async function settle<T>(work: T | PromiseLike<T>): Promise<T | unknown> {
  let done = false;
  const outcome = Promise.resolve(work).then(
    (value) => value,
    (error: unknown) => error,
  );
  void outcome.finally(() => {
    done = true;
  });
  for (let round = 0; !done && round < 1000; round++) {
    for (let tick = 0; tick < 10 && !done; tick++) await realTick();
    for (const quietUntil = realNow() + quietMs; !done && realNow() < quietUntil; ) await realTick();
    if (!done) await vi.advanceTimersToNextTimerAsync();
  }
  return outcome;
}
