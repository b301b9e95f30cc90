import { ApiError } from './api-error';

/** 403: the credential is valid but not allowed to do this. */
export class PermissionDeniedError extends ApiError {
  override name = 'PermissionDeniedError';
}

/** 403 because a scope or permission is missing (or the account has no role in the workspace). */
export class InsufficientScopeError extends PermissionDeniedError {
  override name = 'InsufficientScopeError';
}
