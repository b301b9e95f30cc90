import type { components } from './schema.gen';

export { RyvnClient, type ListDeploymentsOptions, type RyvnCallOptions, type RyvnEnvironmentCallOptions } from './ryvn-client';
export type { RyvnClientOptions } from './ryvn-client-options';
export type { SecretChanges } from './secret-update-body';
export { ryvnErrorCodes } from './error-codes';

export type Organization = components['schemas']['Organization'];
export type Environment = components['schemas']['Environment'];
export type Service = components['schemas']['Service'];
export type Deployment = components['schemas']['Deployment'];
export type DeploymentStatus = components['schemas']['DeploymentStatus'];
export type Secret = components['schemas']['Secret'];
export type SecretUpdate = components['schemas']['SecretUpdate'];
export type ResourceSchema = components['schemas']['ResourceSchema'];
/** Ryvn's error body as modeled (Ryvn does not publish it). */
export type RyvnErrorBody = components['schemas']['Error'];

export { KeycardError, isKeycardError } from '../../core/errors/keycard-error';
export { ApiError, type ApiErrorClass, type ApiErrorInit } from '../../core/errors/api-error';
export { BadRequestError, ConflictError, NotFoundError, ServerError, ValidationError } from '../../core/errors/status-errors';
export {
  ApiKeyDeactivatedError,
  AuthenticationError,
  InvalidApiKeyError,
  InvalidTokenError,
  MissingCredentialsError,
} from '../../core/errors/authentication-errors';
export { InsufficientScopeError, PermissionDeniedError } from '../../core/errors/permission-errors';
export { QuotaExceededError, RateLimitError } from '../../core/errors/rate-limit-errors';
export {
  InvalidClientError,
  InvalidGrantError,
  InvalidRequestError,
  InvalidScopeError,
  TokenExchangeError,
  UnauthorizedClientError,
  UnsupportedGrantTypeError,
  type TokenExchangeErrorInit,
} from '../../core/errors/token-exchange-errors';
export { AbortError, ConnectionError, TimeoutError } from '../../core/errors/connection-errors';
export { ConfigurationError } from '../../core/errors/configuration-error';
export { standardErrorCodes, type ErrorCodeMap } from '../../core/errors/error-codes';
