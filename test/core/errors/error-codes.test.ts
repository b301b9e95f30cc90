import { describe, expect, test } from 'vitest';
import { AuthenticationError, InvalidTokenError, NotFoundError } from '../../../src/index';
import { classForCode, standardErrorCodes } from '../../../src/core/errors/error-codes';
import { errorFromResponse } from '../../../src/core/errors/error-from-response';

// Codes come from the server: one that names an Object.prototype member must not find it there.
const prototypeNames = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

const unauthorized = (body: unknown, headers: Record<string, string> = {}) => ({
  status: 401,
  headers: new Headers(headers),
  body,
  method: 'GET',
  url: 'https://api.example.com/things',
});

describe('classForCode', () => {
  test('finds the class a map gives a code', () => {
    expect(classForCode({ ERR_GONE: NotFoundError }, 'ERR_GONE')).toBe(NotFoundError);
    expect(classForCode(standardErrorCodes, 'invalid_token')).toBe(InvalidTokenError);
  });

  test('finds nothing without a map', () => {
    expect(classForCode(undefined, 'invalid_token')).toBeUndefined();
  });

  test.each(prototypeNames)('finds nothing for `%s`, which only Object.prototype has', (code) => {
    expect(classForCode({ ERR_GONE: NotFoundError }, code)).toBeUndefined();
    expect(classForCode(standardErrorCodes, code)).toBeUndefined();
  });
});

// DESIGN.md › Errors: "an unknown code falls back to its status class".
describe('a code named like an Object.prototype member falls back to the status class', () => {
  test.each(prototypeNames)('body code `%s`', (code) => {
    const error = errorFromResponse({ ...unauthorized({ code, message: 'x' }), codes: { ERR_GONE: NotFoundError } });
    expect(error.constructor).toBe(AuthenticationError);
  });

  test('a WWW-Authenticate challenge with error="toString"', () => {
    const error = errorFromResponse(unauthorized('', { 'www-authenticate': 'Bearer error="toString"' }));
    expect(error.constructor).toBe(AuthenticationError);
  });
});
