import type { ApiErrorClass } from './api-error';
import { InvalidApiKeyError, InvalidTokenError } from './authentication-errors';
import { InsufficientScopeError } from './permission-errors';
import { QuotaExceededError } from './rate-limit-errors';

/**
 * Error code → error class. Each API brings its own; unknown codes fall back to the status class.
 * A key of three digits (`'403'`) maps a status, for APIs whose bodies carry no code.
 */
export type ErrorCodeMap = Readonly<Record<string, ApiErrorClass>>;

/** Codes defined by standards and widely shared conventions, understood for every API. */
export const standardErrorCodes: ErrorCodeMap = {
  // RFC 6750 §3.1, also sent in WWW-Authenticate.
  invalid_token: InvalidTokenError,
  insufficient_scope: InsufficientScopeError,
  // OpenAI-compatible APIs.
  invalid_api_key: InvalidApiKeyError,
  insufficient_quota: QuotaExceededError,
};

/**
 * The class a map gives a code, looking at the map's own entries only: a server's code such as
 * `constructor` or `toString` must not find `Object.prototype`'s members.
 */
export function classForCode(map: ErrorCodeMap | undefined, code: string): ApiErrorClass | undefined {
  return map !== undefined && Object.hasOwn(map, code) ? map[code] : undefined;
}
