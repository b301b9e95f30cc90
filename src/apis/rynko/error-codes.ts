import {
  ApiKeyDeactivatedError,
  InvalidApiKeyError,
  InvalidTokenError,
  MissingCredentialsError,
} from '../../core/errors/authentication-errors';
import type { ErrorCodeMap } from '../../core/errors/error-codes';
import { InsufficientScopeError } from '../../core/errors/permission-errors';
import { QuotaExceededError, RateLimitError } from '../../core/errors/rate-limit-errors';
import { NotFoundError, ValidationError } from '../../core/errors/status-errors';
import { DocumentGenerationError } from './document-generation-error';

/** Rynko's error codes (read from `code ?? error`) and the errors they become. */
export const rynkoErrorCodes: ErrorCodeMap = {
  ERR_AUTH_001: MissingCredentialsError,
  ERR_AUTH_004: InvalidTokenError,
  ERR_AKEY_002: InvalidApiKeyError,
  ERR_AKEY_003: ApiKeyDeactivatedError,
  ERR_AUTH_005: InsufficientScopeError,
  ERR_TMPL_001: NotFoundError,
  ERR_TMPL_003: ValidationError,
  ERR_DOC_001: NotFoundError,
  ERR_DOC_004: DocumentGenerationError,
  ERR_VALID_001: ValidationError,
  // The monthly quota: waiting seconds will not help, so the transport never retries it.
  ERR_QUOTA_001: QuotaExceededError,
  ERR_QUOTA_002: RateLimitError,
  ERR_QUOTA_003: RateLimitError,
};
