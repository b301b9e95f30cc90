import { AbortError, TimeoutError } from './connection-errors';
import { isKeycardError, type KeycardError } from './keycard-error';

/**
 * The typed error for an aborted signal: `TimeoutError` for timeout signals (`AbortSignal.timeout`),
 * else `AbortError`. `target` (`GET https://…`, already redacted) names what was cut short, when it is known.
 */
export function errorFromAbort(reason: unknown, target?: string): KeycardError {
  if (isKeycardError(reason)) return reason;
  const what = target ?? 'The operation';
  if ((reason as { name?: unknown } | undefined)?.name === 'TimeoutError') {
    return new TimeoutError(`${what} timed out: the caller's signal fired`, { cause: reason });
  }
  return new AbortError(`${what} was aborted by the caller's signal`, { cause: reason });
}

/**
 * `error`, or, when it is the bare abort error of `signal` (raised where the request was not known:
 * a token wait, a retry's sleep), the same error naming `target`.
 */
export function namedAbort(error: unknown, signal: AbortSignal | undefined, target: () => string): unknown {
  if (signal?.aborted !== true || isKeycardError(signal.reason)) return error;
  if ((error instanceof AbortError || error instanceof TimeoutError) && error.cause === signal.reason) {
    return errorFromAbort(signal.reason, target());
  }
  return error;
}
