import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { transformSync } from 'esbuild';
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

  test('recognises an error of the real KeycardError class, loaded in another realm', () => {
    // Another copy of the package, as an iframe or a vm context would load it: the brand must come with the class.
    const source = readFileSync(new URL('../../../src/core/errors/keycard-error.ts', import.meta.url), 'utf8');
    const { code } = transformSync(source, { loader: 'ts', format: 'cjs' });
    const foreign = runInNewContext(`var module = { exports: {} }; var exports = module.exports; ${code}; new module.exports.KeycardError('x');`);
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
