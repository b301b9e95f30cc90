import { errorFromAbort } from '../errors/error-from-abort';

/** Resolves after `ms`, or rejects with the typed abort error as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(errorFromAbort(signal.reason));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(errorFromAbort(signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Waits for a shared promise on behalf of one caller: the caller's abort rejects only its own wait,
 * the shared work goes on for everyone else.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) {
    // Nobody else may be waiting: the shared work's failure must not become an unhandled rejection.
    promise.catch(() => {});
    return Promise.reject(errorFromAbort(signal.reason));
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(errorFromAbort(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
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
