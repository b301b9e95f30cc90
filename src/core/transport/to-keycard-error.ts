import { isHTTPError, isNetworkError, isTimeoutError } from 'ky';
import { ConnectionError, TimeoutError } from '../errors/connection-errors';
import type { ErrorCodeMap } from '../errors/error-codes';
import { errorFromAbort } from '../errors/error-from-abort';
import { errorFromResponse } from '../errors/error-from-response';
import { isKeycardError, KeycardError } from '../errors/keycard-error';
import { redactSecrets, redactUrl } from '../errors/redact';
import { describeCause } from '../util/describe-cause';
import { retryAfterMs } from '../util/retry-after';
import { credentialValues } from './origin-guard';

/** What the conversion needs to know about the client. */
export interface ErrorSettings {
  codes: ErrorCodeMap | undefined;
  /** Secret values the credential has read (key, client secret, token). */
  knownSecrets: () => readonly string[];
}

/** The timeouts of a call, to say which one fired. */
export interface CallTiming {
  timeoutMs: number;
  totalTimeoutMs: number | false;
  /** When the overall deadline ends (epoch ms); Infinity without one. */
  deadlineAt: number;
}

/** Every secret value an error about `request` must not show: the one it carried, and the credential's known values. */
export function secretsOf(request: Request, settings: Pick<ErrorSettings, 'knownSecrets'>): string[] {
  // The credential as sent and without its scheme, and any other credential header the call carried (a webhook secret).
  return [...credentialValues(request.headers), ...settings.knownSecrets()];
}

/** `GET https://api.example.com/things?token=[REDACTED]`: the method and a URL free of known and secret-looking values. */
export function describeTarget(request: Request, settings: Pick<ErrorSettings, 'knownSecrets'>): string {
  return `${request.method} ${redactUrl(request.url, secretsOf(request, settings))}`;
}

/** Which of the call's timeouts fired: the overall deadline once it has passed, else the per-attempt one. */
function whichTimeout(timing: CallTiming): string {
  if (timing.totalTimeoutMs !== false && Date.now() >= timing.deadlineAt) return `: totalTimeoutMs (${timing.totalTimeoutMs} ms) ran out`;
  return `: no response within timeoutMs (${timing.timeoutMs} ms)`;
}

/**
 * Turns whatever ky or fetch threw into a keycard error. HTTP failures go through
 * `errorFromResponse`; no ky error, request or header ever ends up on the result, and no known
 * secret value in its message.
 */
export function toKeycardError(
  error: unknown,
  request: Request,
  settings: ErrorSettings,
  timing: CallTiming,
  knownRetryAfterMs?: number,
): KeycardError {
  if (isKeycardError(error)) return error;
  if (isHTTPError(error)) {
    const { response } = error;
    const sent = error.request ?? request;
    if (response.type === 'opaqueredirect') {
      return new ConnectionError(`${describeTarget(request, settings)} answered with a redirect, which a browser cannot follow without exposing the credential`);
    }
    return errorFromResponse({
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      body: error.data,
      method: sent.method,
      url: sent.url,
      codes: settings.codes,
      secrets: secretsOf(sent, settings),
      retryAfterMs: knownRetryAfterMs ?? retryAfterMs(response.headers, response.status, error.data),
    });
  }
  const target = describeTarget(request, settings);
  if (isTimeoutError(error)) return new TimeoutError(`${target} timed out${whichTimeout(timing)}`);
  if (request.signal.aborted) return errorFromAbort(request.signal.reason, target);
  if (isNetworkError(error)) {
    return new ConnectionError(`${target} failed: ${describeCause(error.cause)}`, { cause: error.cause });
  }
  const raw = error instanceof Error ? error.message : String(error);
  const message = redactSecrets(raw, secretsOf(request, settings));
  // A cause that quotes a secret is dropped with it.
  return new KeycardError(`${target} failed: ${message}`, message === raw ? { cause: error } : undefined);
}
