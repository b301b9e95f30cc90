import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { ConfigurationError, isKeycardError, KeycardError, NotFoundError } from '../../../src/index';

describe('isKeycardError', () => {
  test('recognises keycard errors and rejects others', () => {
    expect(isKeycardError(new ConfigurationError('baseUrl', 'is required'))).toBe(true);
    expect(isKeycardError(new Error('x'))).toBe(false);
    expect(isKeycardError({ message: 'x' })).toBe(false);
    expect(isKeycardError(null)).toBe(false);
  });

  test('recognises an error made in another realm', () => {
    const foreign = runInNewContext(`(() => {
      class NotFoundError extends Error { constructor() { super('gone'); this.name = 'NotFoundError'; } }
      Object.defineProperty(NotFoundError.prototype, Symbol.for('keycard.error'), { value: true });
      return new NotFoundError();
    })()`);
    expect(foreign instanceof Error).toBe(false);
    expect(isKeycardError(foreign)).toBe(true);
  });

  test('does not mistake platform errors that share a name for keycard errors', () => {
    expect(isKeycardError(new DOMException('stop', 'AbortError'))).toBe(false);
    expect(isKeycardError(new DOMException('late', 'TimeoutError'))).toBe(false);
    expect(isKeycardError(Object.assign(new Error('x'), { name: 'NotFoundError' }))).toBe(false);
  });

  test('every error has its own name and a plain JSON form', () => {
    const error = new ConfigurationError('timeoutMs', 'must be positive');
    expect(error.name).toBe('ConfigurationError');
    expect(error).toBeInstanceOf(KeycardError);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'ConfigurationError',
      message: 'Invalid option `timeoutMs`: must be positive',
      option: 'timeoutMs',
    });
    expect(NotFoundError.name).toBe('NotFoundError');
  });
});
