import { isHTTPError, isNetworkError, isTimeoutError } from 'ky';
import { ConnectionError, TimeoutError } from '../errors/connection-errors';
import type { ErrorCodeMap } from '../errors/error-codes';
import { errorFromAbort } from '../errors/error-from-abort';
import { errorFromResponse } from '../errors/error-from-response';
import { isKeycardError, KeycardError } from '../errors/keycard-error';
import { redactUrl } from '../errors/redact';
import { describeCause } from '../util/describe-cause';
import { retryAfterMs } from '../util/retry-after';

/** What the conversion needs to know about the client. */
export interface ErrorSettings {
  codes: ErrorCodeMap | undefined;
  /** The credential header, whose value is scrubbed from anything the server echoes. */
  header: string;
}

function sentSecrets(request: Request, header: string): string[] {
  const value = request.headers.get(header);
  if (value === null) return [];
  const bare = value.replace(/^bearer\s+/i, '');
  return bare === value ? [value] : [value, bare];
}

/**
 * Turns whatever ky or fetch threw into a keycard error. HTTP failures go through
 * `errorFromResponse`; no ky error, request or header ever ends up on the result.
 */
export function toKeycardError(
  error: unknown,
  request: Request,
  settings: ErrorSettings,
  knownRetryAfterMs?: number,
): KeycardError {
  if (isKeycardError(error)) return error;
  const target = `${request.method} ${redactUrl(request.url)}`;
  if (isHTTPError(error)) {
    const { response } = error;
    const sent = error.request ?? request;
    if (response.type === 'opaqueredirect') {
      return new ConnectionError(`${target} answered with a redirect, which a browser cannot follow without exposing the credential`);
    }
    return errorFromResponse({
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      body: error.data,
      method: sent.method,
      url: sent.url,
      codes: settings.codes,
      secrets: sentSecrets(sent, settings.header),
      retryAfterMs: knownRetryAfterMs ?? retryAfterMs(response.headers, response.status, error.data),
    });
  }
  if (isTimeoutError(error)) return new TimeoutError(`${target} timed out`);
  if (request.signal.aborted) return errorFromAbort(request.signal.reason);
  if (isNetworkError(error)) {
    return new ConnectionError(`${target} failed: ${describeCause(error.cause)}`, { cause: error.cause });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new KeycardError(`${target} failed: ${message}`, { cause: error });
}
