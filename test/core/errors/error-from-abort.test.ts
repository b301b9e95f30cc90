import { describe, expect, test } from 'vitest';
import { AbortError, TimeoutError } from '../../../src/index';
import { errorFromAbort } from '../../../src/core/errors/error-from-abort';

describe('errorFromAbort', () => {
  test('an abort where the request is not known says the caller’s signal cut the operation short', () => {
    const reason = new DOMException('aborted', 'AbortError');
    const error = errorFromAbort(reason);
    expect(error).toBeInstanceOf(AbortError);
    expect(error.message).toBe("The operation was aborted by the caller's signal");
    expect(error.cause).toBe(reason);
  });

  test('a timeout signal is a TimeoutError, named after the call when it is known', () => {
    const reason = new DOMException('timed out', 'TimeoutError');
    expect(errorFromAbort(reason)).toBeInstanceOf(TimeoutError);
    expect(errorFromAbort(reason).message).toBe("The operation timed out: the caller's signal fired");
    expect(errorFromAbort(reason, 'GET https://api.example.com/x').message).toBe("GET https://api.example.com/x timed out: the caller's signal fired");
  });
});
