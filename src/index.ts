export { createClient } from './core/client/create-client';
export type { ClientOptions, ClientOverrides } from './core/client/client-options';
export type { ClientMethod, ClientStats, HttpMethod, KeycardClient, PathsWithMethod, ResponseBody } from './core/client/client-types';
export { ApiPromise, type ApiResult } from './core/client/api-promise';
export { ApiClient } from './core/client/api-client';
export type { CallOptions } from './core/transport/create-transport';

export { clientCredentials, type ClientCredentialsOptions } from './core/auth/client-credentials';
export { apiKey, type ApiKeyOptions } from './core/auth/api-key';
export { tokenFunction, type TokenFunctionOptions, type TokenFunctionResult } from './core/auth/token-function';
export type { AccessToken, Auth, CredentialSource, TokenContext } from './core/auth/auth';
export { MemoryTokenStore, type StoredToken, type TokenStore } from './core/auth/token-store';

export { KeycardError, isKeycardError } from './core/errors/keycard-error';
export { ApiError, type ApiErrorClass, type ApiErrorInit } from './core/errors/api-error';
export { BadRequestError, ConflictError, NotFoundError, ServerError, ValidationError } from './core/errors/status-errors';
export {
  ApiKeyDeactivatedError,
  AuthenticationError,
  InvalidApiKeyError,
  InvalidTokenError,
  MissingCredentialsError,
} from './core/errors/authentication-errors';
export { InsufficientScopeError, PermissionDeniedError } from './core/errors/permission-errors';
export { QuotaExceededError, RateLimitError } from './core/errors/rate-limit-errors';
export {
  InvalidClientError,
  InvalidGrantError,
  InvalidRequestError,
  InvalidScopeError,
  TokenExchangeError,
  UnauthorizedClientError,
  UnsupportedGrantTypeError,
  type TokenExchangeErrorInit,
} from './core/errors/token-exchange-errors';
export { AbortError, ConnectionError, TimeoutError } from './core/errors/connection-errors';
export { ConfigurationError } from './core/errors/configuration-error';
export { standardErrorCodes, type ErrorCodeMap } from './core/errors/error-codes';
