import { ApiError } from './api-error';

/** 400: the request was malformed. */
export class BadRequestError extends ApiError {
  override name = 'BadRequestError';
}

/** 422 (and validation codes sent with 400): the request body or parameters failed validation. */
export class ValidationError extends ApiError {
  override name = 'ValidationError';
}

/** 404: the resource does not exist (or is not visible to this credential). */
export class NotFoundError extends ApiError {
  override name = 'NotFoundError';
}

/** 409: the request conflicts with the resource's current state. */
export class ConflictError extends ApiError {
  override name = 'ConflictError';
}

/** 5xx: the server failed. Retried for safe methods before it reaches you. */
export class ServerError extends ApiError {
  override name = 'ServerError';
}
