import { isHTTPError, isNetworkError, isTimeoutError, type BeforeErrorState, type BeforeRetryState } from 'ky';
import type { TokenCache, TokenEntry } from '../auth/token-cache';
import type { ErrorCodeMap } from '../errors/error-codes';
import { namedAbort } from '../errors/error-from-abort';
import type { CallWatch } from '../observe/call-watch';
import type { RetryReason } from '../observe/views';
import { QuotaExceededError } from '../errors/rate-limit-errors';
import { sleep } from '../util/abortable';
import { provablyNotSent } from '../util/describe-cause';
import { retryAfterMs } from '../util/retry-after';
import { mayCarryCredential } from './origin-guard';
import { decideRedirect, decideTransient, decideUnauthorized } from './retry-decision';
import { describeTarget, toKeycardError, type CallTiming } from './to-keycard-error';

/** What a client has done beyond plain calls, counted where it happens (never on the hot path). */
export interface TransportStats {
  /** Requests sent again after a transient failure (network, timeout, 408, 429, 5xx). */
  retries: number;
  /** Tokens refreshed because the API answered 401. */
  refreshes: number;
  /** Redirects followed. */
  redirects: number;
}

/** Redirects one call may follow, whatever the client. */
export const maxRedirects = 20;

/** What the policy needs to know about the client. */
export interface RetrySettings {
  stats: TransportStats;
  apiOrigin: string;
  tokens: TokenCache | undefined;
  codes: ErrorCodeMap | undefined;
  maxRetries: number;
  maxRetryAfterMs: number;
  timeoutMs: number;
  totalTimeoutMs: number | false;
  /** Secret values the credential has read, scrubbed from every error. */
  knownSecrets: () => readonly string[];
  /** The client's own `fetch`, which also makes the token requests its calls start. */
  fetch: typeof globalThis.fetch | undefined;
}

/** Per-call bookkeeping, kept in ky's per-call `context` object (a type, so that it fits ky's record). */
export type CallState = {
  /** The caller's signal; ky's own is aborted once an attempt times out. */
  signal?: AbortSignal;
  transientRetries?: number;
  refreshed?: boolean;
  redirects?: number;
  maxRetries?: number;
  /** The call's own per-attempt timeout and overall deadline, when it set them. */
  timeoutMs?: number;
  totalTimeoutMs?: number | false;
  /** When the call's overall deadline ends (`Date.now()` time); Infinity without one. Always set by the transport. */
  deadlineAt: number;
  /** Told of each retry when the client's requests are watched. */
  watch?: CallWatch;
  /** The token generation the request carries: a 401 drops that generation only. */
  sent?: TokenEntry;
};

/**
 * The retry policy, as ky hooks: the adapter between ky and the decisions of `retry-decision.ts`.
 * ky runs the loop (attempt counting, unsent copies of the request, timeouts, the overall
 * deadline); `beforeRetry` asks for a decision and carries it out, throwing the final typed error
 * when the answer is to fail.
 */
export function createRetryPolicy(settings: RetrySettings) {
  const { apiOrigin, tokens } = settings;
  const header = tokens?.header ?? 'authorization';
  const errorSettings = { codes: settings.codes, knownSecrets: settings.knownSecrets };
  const apiPrefix = `${apiOrigin}/`;

  const timing = (state: CallState): CallTiming => ({
    timeoutMs: state.timeoutMs ?? settings.timeoutMs,
    totalTimeoutMs: state.totalTimeoutMs ?? settings.totalTimeoutMs,
    deadlineAt: state.deadlineAt,
  });
  const convert = (error: unknown, request: Request, state: CallState, wait?: number) =>
    toKeycardError(error, request, errorSettings, timing(state), wait);
  /** The method and redacted URL that name a request in errors. */
  const target = (request: Request) => describeTarget(request, errorSettings);
  const credentialed = (request: Request) => request.headers.has(header) && mayCarryCredential(request.url, apiPrefix);

  async function beforeRetry(hook: BeforeRetryState): Promise<Request | void> {
    const state = hook.options.context as CallState;
    try {
      return await decideAndCarryOut(hook, state);
    } catch (error) {
      // A sleep or a token wait knows no request: an abort there names it here.
      throw namedAbort(error, state.signal, () => target(hook.request));
    }
  }

  async function decideAndCarryOut({ request, error }: BeforeRetryState, state: CallState): Promise<Request | void> {
    const { signal } = state;
    let reason: RetryReason = 'timeout';
    let status: number | undefined;
    let retryAfter: number | undefined;
    let notSent = false;

    if (isHTTPError(error)) {
      const { headers } = error.response;
      status = error.response.status;
      if (status >= 300 && status < 400) {
        const decision = decideRedirect(
          {
            request,
            status,
            location: headers.get('location'),
            redirectsSoFar: state.redirects ?? 0,
            maxRedirects,
            apiOrigin,
            target: target(request),
          },
          () => convert(error, request, state),
        );
        if (decision.action === 'fail') throw decision.error;
        state.redirects = (state.redirects ?? 0) + 1;
        settings.stats.redirects += 1;
        return decision.request;
      }

      if (status === 401) {
        const decision = decideUnauthorized(
          { refreshable: tokens?.refreshable ?? false, refreshed: state.refreshed ?? false, credentialed: credentialed(request) },
          convert(error, request, state),
        );
        if (decision.action === 'fail') throw decision.error;
        state.refreshed = true;
        state.watch?.retrying('unauthorized', 401, 0);
        // Only the generation that was sent is dropped; a 401 for an older token reuses the current one.
        const dropped = tokens!.invalidate(state.sent ?? request.headers.get(header));
        state.sent = await tokens!.get(signal, settings.fetch);
        request.headers.set(header, state.sent.value);
        if (dropped) settings.stats.refreshes += 1;
        return;
      }

      reason = 'status';
      retryAfter = retryAfterMs(headers, status, error.data);
    } else if (isNetworkError(error)) {
      reason = 'network';
      notSent = provablyNotSent(error.cause);
    } else if (!isTimeoutError(error)) {
      throw convert(error, request, state);
    }

    // A transient failure: network, timeout, 408, 429 or 5xx.
    const failure = convert(error, request, state, retryAfter);
    const used = state.transientRetries ?? 0;
    const decision = decideTransient(
      {
        method: request.method,
        hasIdempotencyKey: request.headers.has('idempotency-key'),
        provablyNotSent: notSent,
        quotaExhausted: failure instanceof QuotaExceededError,
        retryAfterMs: retryAfter,
        maxRetryAfterMs: settings.maxRetryAfterMs,
        retriesUsed: used,
        maxRetries: state.maxRetries ?? settings.maxRetries,
        attemptsMade: used + (state.refreshed ? 2 : 1),
        now: Date.now(),
        // The same deadline and overall timeout the error's message names.
        ...timing(state),
        target: target(request),
      },
      failure,
    );
    if (decision.action === 'fail') throw decision.error;
    state.transientRetries = used + 1;
    state.watch?.retrying(reason, status, decision.ms);
    await sleep(decision.ms, signal);
    settings.stats.retries += 1;
    // The current token on a request that carries a credential, so that no retry sends an expired one.
    if (tokens !== undefined && credentialed(request)) {
      state.sent = tokens.peek(settings.fetch) ?? (await tokens.get(signal, settings.fetch));
      request.headers.set(header, state.sent.value);
    }
  }

  function beforeError({ error, request, options }: BeforeErrorState): Error {
    return convert(error, request, options.context as CallState);
  }

  return { beforeRetry, beforeError, target };
}
