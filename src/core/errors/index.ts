// The public errors: exported by `keycard` and re-exported by every `keycard/<api>`.
export { KeycardError, isKeycardError } from './keycard-error';
export { ApiError, type ApiErrorClass, type ApiErrorInit } from './api-error';
export { BadRequestError, ConflictError, NotFoundError, ServerError, ValidationError } from './status-errors';
export {
  ApiKeyDeactivatedError,
  AuthenticationError,
  InvalidApiKeyError,
  InvalidTokenError,
  MissingCredentialsError,
} from './authentication-errors';
export { InsufficientScopeError, PermissionDeniedError } from './permission-errors';
export { QuotaExceededError, RateLimitError } from './rate-limit-errors';
export {
  InvalidClientError,
  InvalidGrantError,
  InvalidRequestError,
  InvalidScopeError,
  TokenExchangeError,
  UnauthorizedClientError,
  UnsupportedGrantTypeError,
  type TokenExchangeErrorInit,
} from './token-exchange-errors';
export { AbortError, ConnectionError, TimeoutError } from './connection-errors';
export { ConfigurationError } from './configuration-error';
export { standardErrorCodes, type ErrorCodeMap } from './error-codes';
