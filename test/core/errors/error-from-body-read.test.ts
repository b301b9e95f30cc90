import { describe, expect, test } from 'vitest';
import { AbortError, ConnectionError, KeycardError } from '../../../src/index';
import { errorFromBodyRead } from '../../../src/core/errors/error-from-body-read';

const target = 'GET https://api.example.com/things';

describe('errorFromBodyRead', () => {
  test('a body that is not JSON says so, with the parser message as the cause', () => {
    const cause = new SyntaxError('Unexpected token < in JSON');
    const error = errorFromBodyRead(cause, target, undefined);
    expect(error.constructor).toBe(KeycardError);
    expect(error.message).toBe(`Reading the response failed (${target}): the body is not valid JSON: Unexpected token < in JSON`);
    expect(error.cause).toBe(cause);
  });

  test('any other failure names the call and keeps the start of its message', () => {
    const error = errorFromBodyRead(new RangeError('x'.repeat(500)), target, undefined);
    expect(error.message).toBe(`Reading the response failed (${target}): ${'x'.repeat(200)}`);
  });

  test('a connection cut mid-body is a ConnectionError naming the socket code', () => {
    const cut = new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    const error = errorFromBodyRead(cut, target, undefined);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe(`${target} failed while reading the response: UND_ERR_SOCKET`);
  });

  test("the caller's abort while reading is an AbortError naming the call", () => {
    const controller = new AbortController();
    controller.abort();
    const error = errorFromBodyRead(new DOMException('aborted', 'AbortError'), target, controller.signal);
    expect(error).toBeInstanceOf(AbortError);
    expect(error.message).toContain(`${target} (reading the response)`);
  });
});
