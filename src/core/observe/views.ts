import { isKeycardError } from '../errors/keycard-error';
import { REDACTED, redactSecrets, redactUrl } from '../errors/redact';

// What hooks, log lines and spans are given: frozen plain data, built from redacted parts. None
// holds a header, a body, a token, a key or a secret, so no hook or logger can leak one.

/** One attempt of a call, about to be sent. */
export interface RequestView {
  readonly method: string;
  /** The URL with user info and secret-looking query values redacted. */
  readonly url: string;
  /** 1 for the first attempt; retries, redirects and the resend after a 401 count up. */
  readonly attempt: number;
}

/** One attempt that ended: with a response (`status`), or without one (`error`). */
export interface AttemptView extends RequestView {
  /** The response's status; undefined when no response came (network failure, timeout). */
  readonly status: number | undefined;
  /** The error's name when no response came, e.g. `ConnectionError`. */
  readonly error: string | undefined;
  /** From sending the attempt until its headers arrived, or it failed, in ms. */
  readonly durationMs: number;
  /** The server's request id (`x-request-id`, `request-id`), for support tickets. */
  readonly requestId: string | undefined;
}

/** Why an attempt is sent again. */
export type RetryReason = 'network' | 'timeout' | 'status' | 'unauthorized';

/** A decision to send a call again. */
export interface RetryView extends RequestView {
  readonly reason: RetryReason;
  /** The status that caused it, when a response did. */
  readonly status: number | undefined;
  /** The pause before the next attempt, in ms (the server's `Retry-After`, or a jittered backoff). */
  readonly waitMs: number;
}

/** One exchange of credentials for a token (or one read of a key function). */
export interface TokenExchangeView {
  /** A hash of the credential key (token URL, client id, scopes): tells credentials apart, reveals none. */
  readonly credential: string;
  /** `background`: ahead of expiry, calls keep the current token; `blocking`: calls wait for it. */
  readonly mode: 'background' | 'blocking';
  /** The exchange replaces a token the API refused with 401. */
  readonly after401: boolean;
  readonly outcome: 'ok' | 'failed';
  /** Lifetime of the new token, in ms; undefined when it failed or the value does not expire. */
  readonly lifetimeMs: number | undefined;
  readonly durationMs: number;
  /** `Name: message` of the failure, redacted. */
  readonly error: string | undefined;
}

/** Where a failure happened. */
export type FailureSource = 'request' | 'token-store';

/** A call that failed for good, or a token store that failed (which calls survive). */
export interface FailureView {
  readonly source: FailureSource;
  /** The call's method and redacted URL; the store's operation (`get`, `set`, `delete`) for a store. */
  readonly method: string;
  readonly url: string | undefined;
  /** Attempts the call made; 0 for a store. */
  readonly attempts: number;
  /** The error's class name, e.g. `NotFoundError`. */
  readonly name: string;
  /** The error's message, redacted. */
  readonly message: string;
  readonly status: number | undefined;
  readonly code: string | undefined;
}

/** The end of a wait (a job, a run) or of a stream. */
export interface WaitEndView {
  readonly kind: 'wait' | 'stream';
  /** What was waited for or streamed, e.g. `GET https://api.example.com/jobs/42`. */
  readonly target: string;
  /** Reads for a wait, items read for a stream. */
  readonly count: number;
  readonly durationMs: number;
  /** `done`: the result, or the stream's end event; `closed`: the stream's reader left early (`break`, `close()`). */
  readonly outcome: 'done' | 'closed' | 'timeout' | 'aborted' | 'failed';
}

// Tokens that can turn up in a foreign error's message: a bearer value, a JWT.
const bearer = /\b(Bearer|Basic)\s+[\w~+/.=-]+/gi;
const jwt = /\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;

/** A message with known secrets, bearer values and JWTs removed: errors from user code (stores, hooks) are not redacted by construction. */
export function scrubText(text: string, secrets: readonly string[] = []): string {
  return redactSecrets(text, secrets).replace(bearer, `$1 ${REDACTED}`).replace(jwt, REDACTED);
}

export function requestView(method: string, url: string, attempt: number, secrets: readonly string[] = []): RequestView {
  return Object.freeze({ method, url: redactUrl(url, secrets), attempt });
}

export function attemptView(request: RequestView, durationMs: number, outcome: Response | unknown): AttemptView {
  const response = outcome instanceof Response ? outcome : undefined;
  return Object.freeze({
    ...request,
    status: response?.status,
    error: response === undefined ? errorName(outcome) : undefined,
    durationMs: Math.round(durationMs),
    requestId: response?.headers.get('x-request-id') ?? response?.headers.get('request-id') ?? undefined,
  });
}

export function retryView(request: RequestView, reason: RetryReason, status: number | undefined, waitMs: number): RetryView {
  return Object.freeze({ ...request, reason, status, waitMs: Math.round(waitMs) });
}

export function tokenExchangeView(
  credential: string,
  exchange: { mode: TokenExchangeView['mode']; after401: boolean; durationMs: number },
  outcome: { lifetimeMs: number } | { error: unknown },
  secrets: readonly string[] = [],
): TokenExchangeView {
  const failed = 'error' in outcome;
  return Object.freeze({
    credential,
    ...exchange,
    outcome: failed ? 'failed' : 'ok',
    lifetimeMs: failed || !Number.isFinite(outcome.lifetimeMs) ? undefined : Math.round(outcome.lifetimeMs),
    error: failed ? describeError(outcome.error, secrets) : undefined,
  });
}

export function failureView(
  source: FailureSource,
  where: { method: string; url?: string; attempts: number },
  error: unknown,
  secrets: readonly string[] = [],
): FailureView {
  const fields = isKeycardError(error) ? (error as { status?: unknown; code?: unknown }) : {};
  return Object.freeze({
    source,
    method: where.method,
    url: where.url === undefined ? undefined : redactUrl(where.url, secrets),
    attempts: where.attempts,
    name: errorName(error),
    message: describeError(error, secrets, false),
    status: typeof fields.status === 'number' ? fields.status : undefined,
    code: typeof fields.code === 'string' ? fields.code : undefined,
  });
}

export function waitEndView(kind: WaitEndView['kind'], target: string, count: number, durationMs: number, outcome: WaitEndView['outcome']): WaitEndView {
  return Object.freeze({ kind, target, count, durationMs, outcome });
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'Error';
}

/** `Name: message` (or the message alone) of an error, scrubbed and capped: one log line, not a body dump. */
export function describeError(error: unknown, secrets: readonly string[] = [], named = true): string {
  const text = error instanceof Error ? error.message : String(error);
  return `${named ? `${errorName(error)}: ` : ''}${scrubText(text.slice(0, 500), secrets)}`;
}
