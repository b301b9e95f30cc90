import { InvalidTokenError, MissingCredentialsError } from '../../core/errors/authentication-errors';
import type { ErrorCodeMap } from '../../core/errors/error-codes';
import { InsufficientScopeError } from '../../core/errors/permission-errors';
import { RateLimitError } from '../../core/errors/rate-limit-errors';
import { NotFoundError, ServerError, ValidationError } from '../../core/errors/status-errors';
import { WorkspaceAccessError } from './workspace-access-error';

/** Scrydon's error codes (the `code` of its error body) and the error each one becomes. */
export const scrydonErrorCodes: ErrorCodeMap = {
  UNAUTHORIZED: MissingCredentialsError,
  INVALID_TOKEN: InvalidTokenError,
  INSUFFICIENT_SCOPE: InsufficientScopeError,
  WORKSPACE_ACCESS_DENIED: WorkspaceAccessError,
  WORKSPACE_ROLE_REQUIRED: WorkspaceAccessError,
  // Scrydon answers validation failures with 400, which alone would read as a BadRequestError.
  VALIDATION_ERROR: ValidationError,
  ENVIRONMENT_NOT_FOUND: NotFoundError,
  NOT_FOUND: NotFoundError,
  RATE_LIMITED: RateLimitError,
  INTERNAL_ERROR: ServerError,
};
