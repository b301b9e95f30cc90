import { ConfigurationError } from '../errors/configuration-error';
import { describe } from '../util/validate';
import { ApiPromise, type ApiResult } from './api-promise';

/**
 * Runs a named method's body and returns an `ApiPromise` whatever happens: an argument check that
 * throws, or a step that rejects, fails the returned promise (never a synchronous throw), so that
 * `.catch()` and `.withResponse()` see every failure the same way.
 */
export function apiCall<T>(call: () => ApiPromise<T> | Promise<ApiResult<T>>): ApiPromise<T> {
  try {
    const result = call();
    return result instanceof ApiPromise ? result : new ApiPromise(result);
  } catch (error) {
    return new ApiPromise<T>(Promise.reject(error));
  }
}

/** A non-empty string argument; the error names the argument, never its value. */
export function requireText(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigurationError(name, `must be a non-empty string, got ${describe(value)}`);
  }
  return value;
}

/** An optional whole number ≥ 1. */
export function optionalPositiveInteger(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ConfigurationError(name, `must be a whole number ≥ 1, got ${describe(value)}`);
  }
  return value;
}
