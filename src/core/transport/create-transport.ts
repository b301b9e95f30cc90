import ky, { type Options } from 'ky';
import type { TokenCache, TokenEntry } from '../auth/token-cache';
import type { ErrorCodeMap } from '../errors/error-codes';
import { TimeoutError } from '../errors/connection-errors';
import { namedAbort } from '../errors/error-from-abort';
import { CallWatch, watchedFetch, watchOption } from '../observe/call-watch';
import type { Observer } from '../observe/observer';
import { timeoutSignal } from '../util/abortable';
import { count, milliseconds } from '../util/validate';
import { mayCarryCredential } from './origin-guard';
import { createRetryPolicy, maxRedirects, type CallState, type TransportStats } from './retry-policy';

/** How a client's transport behaves; validated by the client before it gets here. */
export interface TransportSettings {
  /** Origin of the API (`https://api.example.com`): the only one that ever sees the credential. */
  apiOrigin: string;
  tokens: TokenCache | undefined;
  codes: ErrorCodeMap | undefined;
  timeoutMs: number;
  totalTimeoutMs: number | false;
  maxRetries: number;
  maxRetryAfterMs: number;
  fetch: typeof globalThis.fetch | undefined;
  /** Secret values the credential has read (key, client secret, token), scrubbed from every error. */
  knownSecrets: () => readonly string[];
  /** Where retries, refreshes and redirects are counted. */
  stats: TransportStats;
  /** Told about every attempt, retry and failed call; undefined when nothing watches requests. */
  observer: Observer | undefined;
}

/** Options a single call may override; openapi-fetch copies them onto the Request it builds. */
export interface CallOptions {
  /** Timeout of each attempt of this call, in ms. @default the client's `timeoutMs` */
  timeoutMs?: number;
  /** Deadline of this call including the wait for a token, retries and waits, in ms. @default the client's `totalTimeoutMs` */
  totalTimeoutMs?: number;
  /** Retries of a transient failure for this call. @default the client's `maxRetries` */
  maxRetries?: number;
}

/** A `fetch` for openapi-fetch: signs the request for its own origin, then hands it to ky. */
export type Transport = (request: Request) => Promise<Response>;

/** The most retries a client or a call may set (both are checked against it). */
const retriesCap = 10;
const methods = ['get', 'head', 'options', 'put', 'delete', 'trace', 'post', 'patch', 'query'];
const statusCodes = [301, 302, 303, 307, 308, 401, 408, 429, 500, 502, 503, 504];
// Resolved per request so that a fetch patched after the client was built (msw, tracing) is used.
const globalFetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init);

/**
 * Builds the one ky instance of a client and the function openapi-fetch sends through. The hot
 * path (a fresh token, a 2xx) adds a string compare, two clock reads (the token's freshness, the
 * call's deadline), one header and a small per-call context to a bare ky call: no hooks run, no
 * response is cloned, nothing is awaited. 401, 3xx, 429 and 5xx are handled in ky's retry hooks,
 * where they happen.
 */
export function createTransport(settings: TransportSettings): Transport {
  const policy = createRetryPolicy(settings);
  const { observer } = settings;
  const fetch = settings.fetch ?? globalFetch;
  const api = ky.create({
    timeout: settings.timeoutMs,
    totalTimeout: settings.totalTimeoutMs,
    // Redirects come back to the retry policy, which decides what crosses origins.
    redirect: 'manual',
    // Attempts are watched by wrapping fetch, not by ky hooks: an afterResponse hook clones every response.
    fetch: observer === undefined ? fetch : watchedFetch(fetch),
    retry: {
      // An upper bound only, for every call: the policy enforces the retry, refresh and redirect
      // budgets of each call (its maxRetries, one refresh, maxRedirects) and fails before ky would.
      limit: retriesCap + 1 + maxRedirects,
      methods,
      statusCodes,
      afterStatusCodes: [],
      delay: () => 0,
      retryOnTimeout: true,
    },
    hooks: { beforeRetry: [policy.beforeRetry], beforeError: [policy.beforeError] },
  });

  /** When a call's overall deadline ends: no retry wait may outlast it. */
  const deadlineOf = (totalMs: number | false) => (totalMs === false ? Infinity : Date.now() + totalMs);

  /**
   * ky's options for one call: `deadlineAt`, when a wait for a token already started the call's
   * clock; `sent`, the token generation the request carries, for the 401 policy (issue 11 item 3).
   * The context is new for each call: the retry policy keeps the call's bookkeeping in it.
   */
  const callOptions = (request: Request, deadlineAt: number | undefined, sent: TokenEntry | undefined): Options & { context: CallState } => {
    const call = request as Request & CallOptions;
    if (call.timeoutMs === undefined && call.totalTimeoutMs === undefined && call.maxRetries === undefined && deadlineAt === undefined) {
      // The caller's own signal: the one ky hands to hooks is already aborted after an attempt timed out.
      return { context: { signal: request.signal, deadlineAt: deadlineOf(settings.totalTimeoutMs), sent } };
    }
    const maxRetries = count('maxRetries', call.maxRetries, -1, retriesCap);
    const timeoutMs = call.timeoutMs === undefined ? undefined : milliseconds('timeoutMs', call.timeoutMs, 0, 1);
    const totalTimeoutMs = call.totalTimeoutMs === undefined ? undefined : milliseconds('totalTimeoutMs', call.totalTimeoutMs, 0, 1);
    const at = deadlineAt ?? deadlineOf(totalTimeoutMs ?? settings.totalTimeoutMs);
    const context: CallState = { signal: request.signal, timeoutMs, totalTimeoutMs, deadlineAt: at, sent };
    const options: Options & { context: CallState } = { totalTimeout: at === Infinity ? false : Math.max(1, at - Date.now()), context };
    // Only the keys given: ky's merge copies an explicit undefined over the client's own setting.
    if (timeoutMs !== undefined) options.timeout = timeoutMs;
    if (maxRetries >= 0) context.maxRetries = maxRetries;
    return options;
  };

  const send = (request: Request, deadlineAt?: number, sent?: TokenEntry): Promise<Response> => api(request, callOptions(request, deadlineAt, sent));

  /** A call that is watched: its attempts carry the watch to the watched fetch and the retry policy. */
  const sendWatched = (request: Request, deadlineAt?: number, sent?: TokenEntry): Promise<Response> => {
    const watch = new CallWatch(observer!, request.method, request.url, settings.knownSecrets);
    const options = callOptions(request, deadlineAt, sent);
    options.context.watch = watch;
    return observer!.traceRequest(watch.view, () => api(request, { ...options, [watchOption]: watch } as Options)).catch((error: unknown) => {
      watch.failed(error);
      throw error;
    });
  };
  // Chosen once: an unwatched client's calls pay nothing for observability.
  const dispatch = observer === undefined ? send : sendWatched;

  const { tokens } = settings;
  if (tokens === undefined) return dispatch;
  const apiPrefix = `${settings.apiOrigin}/`;
  const { header } = tokens;
  // A derived client's fetch (a proxy, a tracer) also makes the token requests it starts.
  const tokenFetch = settings.fetch;

  return (request) => {
    // Credentials only ever go to the API's own origin.
    if (!mayCarryCredential(request.url, apiPrefix)) return dispatch(request);
    const entry = tokens.peek(tokenFetch);
    if (entry === undefined) return sendAfterToken(request);
    request.headers.set(header, entry.value);
    return dispatch(request, undefined, entry);
  };

  /** The wait for a token counts against the call's overall deadline, which then bounds the rest. */
  async function sendAfterToken(request: Request): Promise<Response> {
    const given = (request as Request & CallOptions).totalTimeoutMs;
    const totalMs = given === undefined ? settings.totalTimeoutMs : milliseconds('totalTimeoutMs', given, 0, 1);
    const deadlineAt = deadlineOf(totalMs);
    const deadline =
      totalMs === false
        ? undefined
        : timeoutSignal(totalMs, () => new TimeoutError(`${policy.target(request)} timed out waiting for a token: totalTimeoutMs (${totalMs} ms) ran out`));
    let entry: TokenEntry;
    try {
      const signal = deadline === undefined ? request.signal : AbortSignal.any([request.signal, deadline.signal]);
      entry = await tokens!.get(signal, tokenFetch);
    } catch (error) {
      // The cache does not know the request: an abort while waiting names it here.
      throw namedAbort(error, request.signal, () => policy.target(request));
    } finally {
      deadline?.clear();
    }
    request.headers.set(header, entry.value);
    return dispatch(request, deadlineAt, entry);
  }
}
