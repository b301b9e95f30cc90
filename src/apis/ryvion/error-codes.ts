import type { ErrorCodeMap } from '../../core/errors/error-codes';
import {
  ApiKeyDeactivatedError,
  InvalidApiKeyError,
  MissingCredentialsError,
} from '../../core/errors/authentication-errors';
import { InsufficientScopeError } from '../../core/errors/permission-errors';
import { QuotaExceededError } from '../../core/errors/rate-limit-errors';

/**
 * Ryvion's error codes (the `code` of its OpenAI-style `{error: {message, type, code}}` bodies) and
 * the error each becomes. Codes not listed fall back to the class of their HTTP status.
 */
export const ryvionErrorCodes: ErrorCodeMap = {
  missing_api_key: MissingCredentialsError,
  invalid_api_key: InvalidApiKeyError,
  api_key_deactivated: ApiKeyDeactivatedError,
  insufficient_scope: InsufficientScopeError,
  // The spending-velocity cap rolls over an hour: a retry seconds later would only be refused again.
  spending_velocity_exceeded: QuotaExceededError,
  // Ryvion's only limit is that cap, so a 429 without the code (a proxy's, or a bare body) means it too.
  '429': QuotaExceededError,
};
