import { ApiError } from './api-error';

/**
 * 429: too many requests. Thrown after the retries ran out, or at once when the server asked for a
 * longer wait than `maxRetryAfterMs`; `retryAfterMs` then says how long.
 */
export class RateLimitError extends ApiError {
  override name = 'RateLimitError';
}

/** A quota or spending cap is exhausted: waiting a few seconds will not help, so it is never retried. */
export class QuotaExceededError extends RateLimitError {
  override name = 'QuotaExceededError';
}
