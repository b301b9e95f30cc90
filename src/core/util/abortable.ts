import { errorFromAbort } from '../errors/error-from-abort';

/** Resolves after `ms`, or rejects with the typed abort error as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slept = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return untilAborted(slept, signal, () => clearTimeout(timer));
}

/**
 * Waits for a shared promise on behalf of one caller: the caller's abort rejects only its own wait,
 * the shared work goes on for everyone else. `onAbort` lets work that is the caller's alone stop.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, onAbort?: () => void): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) {
    // Nobody else may be waiting: the shared work's failure must not become an unhandled rejection.
    promise.catch(() => {});
    onAbort?.();
    return Promise.reject(errorFromAbort(signal.reason));
  }
  return new Promise((resolve, reject) => {
    const aborted = () => {
      onAbort?.();
      reject(errorFromAbort(signal.reason));
    };
    signal.addEventListener('abort', aborted, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', aborted);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', aborted);
        reject(error);
      },
    );
  });
}

/** A signal that aborts after `ms` on the (fakeable) timer queue, and a way to cancel it. */
export function timeoutSignal(ms: number, reason: () => unknown): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(reason()), ms);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
