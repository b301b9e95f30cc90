import { AbortError, TimeoutError } from './connection-errors';
import { isKeycardError, type KeycardError } from './keycard-error';

/** The typed error for an aborted signal: `TimeoutError` for timeout signals, else `AbortError`. */
export function errorFromAbort(reason: unknown): KeycardError {
  if (isKeycardError(reason)) return reason;
  if ((reason as { name?: unknown } | undefined)?.name === 'TimeoutError') {
    return new TimeoutError('The operation timed out (signal)', { cause: reason });
  }
  return new AbortError('The operation was aborted', { cause: reason });
}
