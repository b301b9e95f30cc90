import { isHTTPError, isNetworkError, isTimeoutError, type BeforeErrorState, type BeforeRetryState } from 'ky';
import type { TokenCache } from '../auth/token-cache';
import { ConnectionError, TimeoutError } from '../errors/connection-errors';
import type { ErrorCodeMap } from '../errors/error-codes';
import type { KeycardError } from '../errors/keycard-error';
import { redactUrl } from '../errors/redact';
import { QuotaExceededError } from '../errors/rate-limit-errors';
import { sleep } from '../util/abortable';
import { provablyNotSent } from '../util/describe-cause';
import { retryAfterMs } from '../util/retry-after';
import { redirectRequest } from './redirect-request';
import { toKeycardError } from './to-keycard-error';

/** What a client has done beyond plain calls, counted where it happens (never on the hot path). */
export interface TransportStats {
  /** Requests sent again after a transient failure (network, timeout, 408, 429, 5xx). */
  retries: number;
  /** Tokens refreshed because the API answered 401. */
  refreshes: number;
  /** Redirects followed. */
  redirects: number;
}

/** What the policy needs to know about the client. */
export interface RetrySettings {
  stats: TransportStats;
  apiOrigin: string;
  tokens: TokenCache | undefined;
  codes: ErrorCodeMap | undefined;
  maxRetries: number;
  maxRetryAfterMs: number;
  maxRedirects: number;
  /** The client's own `fetch`, which also makes the token requests its calls start. */
  fetch: typeof globalThis.fetch | undefined;
}

/** Per-call bookkeeping, kept in ky's per-call `context` object. */
interface CallState {
  /** The caller's signal; ky's own is aborted once an attempt times out. */
  signal?: AbortSignal;
  transientRetries?: number;
  refreshed?: boolean;
  redirects?: number;
  maxRetries?: number;
  /** When the call's overall deadline ends (`Date.now()` time); Infinity without one. */
  deadlineAt?: number;
}

/** Methods that may be sent twice without changing the outcome (RFC 9110 §9.2.2). */
const idempotent = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/** Full jitter (AWS architecture blog): a random wait up to an exponentially growing cap. */
const backoffMs = (retry: number) => Math.random() * Math.min(8_000, 500 * 2 ** (retry - 1));

/**
 * The retry policy, as ky hooks. ky runs the loop (attempt counting, unsent copies of the request,
 * timeouts, the overall deadline); every decision of whether and when to send again is made here,
 * in `beforeRetry`, which throws the final typed error when the answer is no.
 */
export function createRetryPolicy(settings: RetrySettings) {
  const { apiOrigin, tokens } = settings;
  const header = tokens?.header ?? 'authorization';
  const errorSettings = { codes: settings.codes, header };
  const apiPrefix = `${apiOrigin}/`;
  const convert = (error: unknown, request: Request, wait?: number) => toKeycardError(error, request, errorSettings, wait);

  /** POST and PATCH only with an Idempotency-Key, which the unsent copy carries unchanged. */
  const mayResend = (request: Request) => idempotent.has(request.method) || request.headers.has('idempotency-key');

  /** Puts the current token on a request that carries a credential, so no retry sends an expired one. */
  async function resign(request: Request, signal: AbortSignal | undefined): Promise<void> {
    if (tokens === undefined || !request.headers.has(header) || !request.url.startsWith(apiPrefix)) return;
    const entry = tokens.peek(settings.fetch) ?? (await tokens.get(signal, settings.fetch));
    request.headers.set(header, entry.value);
  }

  async function wait(request: Request, state: CallState, failure: KeycardError, ms: number | undefined, signal: AbortSignal | undefined) {
    const used = state.transientRetries ?? 0;
    if (used >= (state.maxRetries ?? settings.maxRetries)) throw failure;
    const delay = ms ?? backoffMs(used + 1);
    // A wait that the call's deadline would cut short times out now, with the last failure as the
    // cause, instead of sleeping on after the call has ended.
    if (Date.now() + delay >= (state.deadlineAt ?? Infinity)) {
      throw new TimeoutError(`${request.method} ${redactUrl(request.url)} timed out: its deadline ends before the next retry`, { cause: failure });
    }
    state.transientRetries = used + 1;
    await sleep(delay, signal);
    settings.stats.retries += 1;
  }

  async function beforeRetry({ request, options, error }: BeforeRetryState): Promise<Request | void> {
    const state = options.context as CallState;
    const { signal } = state;

    if (isHTTPError(error)) {
      const { status, headers } = error.response;
      if (status >= 300 && status < 400) {
        const location = headers.get('location');
        if (location === null) throw convert(error, request);
        state.redirects = (state.redirects ?? 0) + 1;
        if (state.redirects > settings.maxRedirects) {
          throw new ConnectionError(`${request.method} ${redactUrl(request.url)} redirected more than ${settings.maxRedirects} times`);
        }
        const next = redirectRequest(request, status, location, apiOrigin);
        settings.stats.redirects += 1;
        return next;
      }

      if (status === 401) {
        // Refresh once, resend once, whatever the method: a second 401 is final.
        const credentialed = request.headers.has(header) && request.url.startsWith(apiPrefix);
        if (tokens === undefined || !tokens.refreshable || state.refreshed || !credentialed) throw convert(error, request);
        state.refreshed = true;
        // Only the generation that was sent is dropped; a 401 for an older token reuses the current one.
        const dropped = tokens.invalidate(request.headers.get(header));
        request.headers.set(header, (await tokens.get(signal, settings.fetch)).value);
        if (dropped) settings.stats.refreshes += 1;
        return;
      }

      const retryAfter = retryAfterMs(headers, status, error.data);
      const failure = convert(error, request, retryAfter);
      if (failure instanceof QuotaExceededError || !mayResend(request)) throw failure;
      if (retryAfter !== undefined && retryAfter > settings.maxRetryAfterMs) throw failure;
      await wait(request, state, failure, retryAfter, signal);
    } else if (isNetworkError(error)) {
      const failure = convert(error, request);
      if (!mayResend(request) && !provablyNotSent(error.cause)) throw failure;
      await wait(request, state, failure, undefined, signal);
    } else if (isTimeoutError(error)) {
      const failure = convert(error, request);
      if (!mayResend(request)) throw failure;
      await wait(request, state, failure, undefined, signal);
    } else {
      throw convert(error, request);
    }
    await resign(request, signal);
  }

  function beforeError({ error, request }: BeforeErrorState): Error {
    return convert(error, request);
  }

  return { beforeRetry, beforeError };
}
