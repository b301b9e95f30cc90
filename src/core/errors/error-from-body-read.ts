import { describeCause } from '../util/describe-cause';
import { ConnectionError } from './connection-errors';
import { errorFromAbort } from './error-from-abort';
import { isKeycardError, KeycardError } from './keycard-error';

const abortNames = new Set(['AbortError', 'TimeoutError']);

/**
 * The typed error for a failure while reading a response's body, after the transport returned:
 * the caller's signal (`AbortError`, or `TimeoutError` for `AbortSignal.timeout`), a connection cut
 * mid-body (`ConnectionError`), or a body that is not what its content type says. `target` is the
 * method and the redacted URL.
 */
export function errorFromBodyRead(error: unknown, target: string, signal: AbortSignal | undefined): KeycardError {
  if (isKeycardError(error)) return error;
  const reading = `${target} (reading the response)`;
  if (signal?.aborted) return errorFromAbort(signal.reason, reading);
  const name = (error as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && abortNames.has(name)) return errorFromAbort(error, reading);
  if (error instanceof TypeError) {
    // undici: `TypeError: terminated`, caused by the socket error (UND_ERR_SOCKET, ECONNRESET).
    return new ConnectionError(`${target} failed while reading the response: ${describeCause(error.cause ?? error)}`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  const what = error instanceof SyntaxError ? 'the body is not valid JSON: ' : '';
  return new KeycardError(`Reading the response failed (${target}): ${what}${message.slice(0, 200)}`, { cause: error });
}
