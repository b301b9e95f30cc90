import type { KeycardError } from './keycard-error';

/**
 * Adds why a call stopped to an error's message (and its stack's first line), so that a log line
 * alone says what to do: retry later, raise a limit, add an Idempotency-Key.
 */
export function explainError<E extends KeycardError>(error: E, why: string): E {
  const before = error.message;
  error.message = `${before}; ${why}`;
  if (typeof error.stack === 'string') error.stack = error.stack.replace(before, error.message);
  return error;
}
