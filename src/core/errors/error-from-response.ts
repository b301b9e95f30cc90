import { ApiError, type ApiErrorClass } from './api-error';
import { AuthenticationError } from './authentication-errors';
import { classForCode, standardErrorCodes, type ErrorCodeMap } from './error-codes';
import { parseErrorBody } from './parse-error-body';
import { PermissionDeniedError } from './permission-errors';
import { RateLimitError } from './rate-limit-errors';
import { redactBody, redactHeaders, redactUrl } from './redact';
import { BadRequestError, ConflictError, NotFoundError, ServerError, ValidationError } from './status-errors';

/** A failed response, as the transport saw it. */
export interface FailedResponse {
  status: number;
  statusText?: string | undefined;
  headers: Headers;
  /** The body, already read: parsed JSON, text, or undefined. */
  body: unknown;
  method: string;
  url: string;
  /** The API's error-code map. */
  codes?: ErrorCodeMap | undefined;
  /** Credential values that were sent, to be scrubbed from anything the server echoed. */
  secrets?: readonly string[] | undefined;
  retryAfterMs?: number | undefined;
}

const byStatus: Readonly<Record<number, ApiErrorClass>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: ValidationError,
  429: RateLimitError,
};

const requestIdHeaders = ['x-request-id', 'request-id', 'x-correlation-id', 'x-amzn-requestid', 'x-trace-id'];

/** The `error` parameter of a `WWW-Authenticate: Bearer error="…"` challenge (RFC 6750 §3). */
function challengeError(headers: Headers): string | undefined {
  const challenge = headers.get('www-authenticate');
  return challenge ? /\berror="?([\w.-]+)"?/i.exec(challenge)?.[1] : undefined;
}

/** Longest body an error keeps, in UTF-16 code units (64 kB of ASCII). */
export const maxErrorBodyLength = 65_536;

/** The body, or its first 64 kB (a parsed body too large is kept as the start of its JSON text). */
function capBody(body: unknown): { body: unknown; truncated: boolean } {
  let text: unknown = body;
  if (typeof body === 'object' && body !== null) {
    try {
      text = JSON.stringify(body);
    } catch {
      // A body JSON cannot write (a cycle, a BigInt) is kept as it is.
    }
  }
  return typeof text === 'string' && text.length > maxErrorBodyLength
    ? { body: text.slice(0, maxErrorBodyLength), truncated: true }
    : { body, truncated: false };
}

/** The class for a status, ignoring codes. */
function classForStatus(status: number): ApiErrorClass {
  return byStatus[status] ?? (status >= 500 ? ServerError : ApiError);
}

/**
 * The one place where a failed response becomes an error: the code map decides first, then the
 * API's status entries, then the status. Everything put on the error is redacted here, so no caller has to remember to.
 */
export function errorFromResponse(failure: FailedResponse): ApiError {
  const secrets = failure.secrets ?? [];
  // Redacted before it is read, so that no cut-off message keeps the start of a secret.
  const { body, truncated } = capBody(redactBody(failure.body, secrets));
  const parsed = parseErrorBody(body);
  const code = parsed.code ?? challengeError(failure.headers);
  const codeClass = code === undefined ? undefined : (classForCode(failure.codes, code) ?? classForCode(standardErrorCodes, code));
  const ErrorClass = codeClass ?? classForCode(failure.codes, String(failure.status)) ?? classForStatus(failure.status);
  const requestId =
    requestIdHeaders.map((name) => failure.headers.get(name)).find((value) => value !== null) ?? parsed.requestId;
  const detail = parsed.message ?? (failure.statusText || `HTTP ${failure.status}`);
  return new ErrorClass({
    status: failure.status,
    code,
    type: parsed.type,
    detail,
    requestId,
    method: failure.method,
    url: redactUrl(failure.url, secrets),
    headers: redactHeaders(failure.headers, secrets),
    body,
    bodyTruncated: truncated,
    retryAfterMs: failure.retryAfterMs,
  });
}
