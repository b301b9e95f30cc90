import { ApiError } from './api-error';

/** 401: the credential was missing, invalid, expired or revoked, and a refresh did not cure it. */
export class AuthenticationError extends ApiError {
  override name = 'AuthenticationError';
}

/** No credential reached the API, or its header was malformed. */
export class MissingCredentialsError extends AuthenticationError {
  override name = 'MissingCredentialsError';
}

/** The token was rejected as invalid, expired or revoked. */
export class InvalidTokenError extends AuthenticationError {
  override name = 'InvalidTokenError';
}

/** The API key is unknown or not in the expected format. */
export class InvalidApiKeyError extends AuthenticationError {
  override name = 'InvalidApiKeyError';
}

/** The API key exists but was deactivated; only its owner can reactivate or replace it. */
export class ApiKeyDeactivatedError extends AuthenticationError {
  override name = 'ApiKeyDeactivatedError';
}
