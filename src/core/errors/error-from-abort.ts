import { AbortError, TimeoutError } from './connection-errors';
import { isKeycardError, type KeycardError } from './keycard-error';

/**
 * The typed error for an aborted signal: `TimeoutError` for timeout signals (`AbortSignal.timeout`),
 * else `AbortError`. `target` (`GET https://…`, already redacted) names what was cut short.
 */
export function errorFromAbort(reason: unknown, target?: string): KeycardError {
  if (isKeycardError(reason)) return reason;
  if ((reason as { name?: unknown } | undefined)?.name === 'TimeoutError') {
    return new TimeoutError(target === undefined ? 'The operation timed out (signal)' : `${target} timed out: the caller's signal fired`, { cause: reason });
  }
  return new AbortError(target === undefined ? 'The operation was aborted' : `${target} was aborted by the caller's signal`, { cause: reason });
}
