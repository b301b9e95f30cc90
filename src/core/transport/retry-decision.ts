import { ConnectionError, TimeoutError } from '../errors/connection-errors';
import { explainError } from '../errors/explain-error';
import type { KeycardError } from '../errors/keycard-error';
import { backoffMs, type BackoffSettings } from '../util/backoff';
import { redirectRequest } from './redirect-request';

/**
 * What to do after a failed attempt: send again now, send again after a wait, or fail with this
 * error. Decisions are plain data, made without ky, so every rule is tested on its own; the ky
 * hooks in `retry-policy.ts` only carry them out.
 */
export type RetryDecision =
  | { readonly action: 'resend' }
  | { readonly action: 'wait'; readonly ms: number }
  | { readonly action: 'fail'; readonly error: KeycardError };

/** Methods that may be sent twice without changing the outcome (RFC 9110 §9.2.2). */
const idempotent = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/** Full jitter (AWS architecture blog): a random wait up to an exponentially growing cap. */
export const retryBackoff: BackoffSettings = { baseMs: 500, maxMs: 8_000, jitter: 'full' };

const attempts = (count: number) => (count === 1 ? '1 attempt' : `${count} attempts`);

/** What is known about a 401 when deciding whether to refresh the credential. */
export interface UnauthorizedFacts {
  /** The client's credential can be obtained again (not a fixed API key). */
  refreshable: boolean;
  /** This call already refreshed once. */
  refreshed: boolean;
  /** The failed request carried the client's credential to the API's own origin. */
  credentialed: boolean;
}

/** 401: refresh once and resend once, whatever the method; a second 401 is final. */
export function decideUnauthorized(facts: UnauthorizedFacts, failure: KeycardError): RetryDecision {
  if (!facts.refreshable || !facts.credentialed) return { action: 'fail', error: failure };
  if (facts.refreshed) return { action: 'fail', error: explainError(failure, 'the credential was refreshed once and rejected again') };
  return { action: 'resend' };
}

/** What is known about a transient failure (network, timeout, 408, 429, 5xx). */
export interface TransientFacts {
  method: string;
  /** The request carries an `Idempotency-Key`, which makes a POST or PATCH safe to resend. */
  hasIdempotencyKey: boolean;
  /** The cause proves the request never reached the server (connection refused, DNS). */
  provablyNotSent: boolean;
  /** A quota or spending cap: waiting seconds will not help. */
  quotaExhausted: boolean;
  /** The wait the server asked for, in ms, if it asked. */
  retryAfterMs: number | undefined;
  maxRetryAfterMs: number;
  /** Transient retries this call has made so far. */
  retriesUsed: number;
  maxRetries: number;
  /** Attempts sent so far, refresh resends included. */
  attemptsMade: number;
  now: number;
  /** When the call's overall deadline ends (epoch ms); Infinity without one. */
  deadlineAt: number;
  /** The overall deadline as configured, for the message. */
  totalTimeoutMs: number | false;
  /** `${method} ${redacted url}`, for the message of a new error. */
  target: string;
  random?: () => number;
}

/**
 * A transient failure: resend after the server's wait or a backoff, when resending is safe, the
 * retry budget allows it and the wait ends before the call's deadline. The error says why it
 * stopped, and after how many attempts.
 */
export function decideTransient(facts: TransientFacts, failure: KeycardError): Exclude<RetryDecision, { action: 'resend' }> {
  const tried = attempts(facts.attemptsMade);
  let why: string | undefined;
  if (facts.quotaExhausted) why = `not retried: the quota is exhausted (${tried})`;
  else if (!idempotent.has(facts.method) && !facts.hasIdempotencyKey && !facts.provablyNotSent) {
    why = `not retried: a ${facts.method} without an Idempotency-Key header may already have taken effect (${tried})`;
  } else if (facts.retryAfterMs !== undefined && facts.retryAfterMs > facts.maxRetryAfterMs) {
    why = `not retried: the server asked to wait ${facts.retryAfterMs} ms, longer than maxRetryAfterMs (${facts.maxRetryAfterMs} ms) (${tried})`;
  } else if (facts.retriesUsed >= facts.maxRetries) {
    why = facts.maxRetries === 0 ? `not retried: maxRetries is 0 (${tried})` : `gave up after ${tried}: maxRetries (${facts.maxRetries}) used up`;
  }
  if (why !== undefined) return { action: 'fail', error: explainError(failure, why) };
  const ms = facts.retryAfterMs ?? backoffMs(facts.retriesUsed + 1, retryBackoff, facts.random);
  // A wait that the deadline would cut short times out now, with the last failure as the cause,
  // instead of sleeping on after the call has ended.
  if (facts.now + ms >= facts.deadlineAt) {
    const total = facts.totalTimeoutMs === false ? 'its deadline' : `totalTimeoutMs (${facts.totalTimeoutMs} ms)`;
    const error = new TimeoutError(`${facts.target} timed out after ${tried}: ${total} ends before the next retry, due in ${Math.ceil(ms)} ms`, {
      cause: failure,
    });
    return { action: 'fail', error };
  }
  return { action: 'wait', ms };
}

/** Where a redirect leads: the next hop's request, or the error that ends the call. */
export type RedirectDecision = { readonly action: 'follow'; readonly request: Request } | { readonly action: 'fail'; readonly error: KeycardError };

/**
 * A 3xx: follow it with fetch's rules (see `redirectRequest`), at most `maxRedirects` hops, never
 * with the credential to another origin. `failure` is the error for a 3xx without a Location.
 */
export function decideRedirect(
  hop: { request: Request; status: number; location: string | null; redirectsSoFar: number; maxRedirects: number; apiOrigin: string; target: string },
  failure: () => KeycardError,
): RedirectDecision {
  if (hop.location === null) return { action: 'fail', error: failure() };
  if (hop.redirectsSoFar >= hop.maxRedirects) {
    return { action: 'fail', error: new ConnectionError(`${hop.target} redirected more than ${hop.maxRedirects} times`) };
  }
  try {
    return { action: 'follow', request: redirectRequest(hop.request, hop.status, hop.location, hop.apiOrigin, hop.target) };
  } catch (error) {
    return { action: 'fail', error: error as KeycardError };
  }
}
