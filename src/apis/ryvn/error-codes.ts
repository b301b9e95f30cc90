import { InvalidTokenError, MissingCredentialsError } from '../../core/errors/authentication-errors';
import type { ErrorCodeMap } from '../../core/errors/error-codes';
import { PermissionDeniedError } from '../../core/errors/permission-errors';
import { RateLimitError } from '../../core/errors/rate-limit-errors';
import { ConflictError, NotFoundError, ServerError, ValidationError } from '../../core/errors/status-errors';

/**
 * The codes of Ryvn's error body `{code, message}`. Ryvn does not publish its error codes: these are
 * the ones `openapi/ryvn.yaml` models, each with the class its status would give or a more precise one.
 */
export const ryvnErrorCodes: ErrorCodeMap = {
  unauthenticated: MissingCredentialsError,
  invalid_token: InvalidTokenError,
  permission_denied: PermissionDeniedError,
  not_found: NotFoundError,
  // Sent with 400 for a body that fails validation, e.g. a key both added and removed.
  invalid_argument: ValidationError,
  already_exists: ConflictError,
  rate_limited: RateLimitError,
  internal: ServerError,
  unavailable: ServerError,
};
