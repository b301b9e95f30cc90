import { describe, expect, test } from 'vitest';
import { InvalidClientError, TokenExchangeError } from '../../../src/index';

describe('TokenExchangeError', () => {
  test('its JSON form shows what the endpoint said, in a fixed order', () => {
    const error = new InvalidClientError({ error: 'invalid_client', errorDescription: 'unknown client', status: 401, tokenUrl: 'https://auth.example.com/token' });
    expect(Object.keys(error.toJSON())).toEqual(['name', 'message', 'error', 'errorDescription', 'errorUri', 'status', 'tokenUrl', 'retryAfterMs']);
    expect(error.toJSON()).toMatchObject({ name: 'InvalidClientError', error: 'invalid_client', status: 401, errorUri: undefined });
    expect(error.message).toBe('Token request to https://auth.example.com/token failed with 401 invalid_client: unknown client');
  });

  test('the fields are read from the init, and the cause is kept', () => {
    const cause = new Error('socket closed');
    const error = new TokenExchangeError({ error: 'server_error', tokenUrl: 'https://auth.example.com/token', retryAfterMs: 2_000, errorUri: 'https://docs.example.com/e' }, { cause });
    expect(error).toMatchObject({ error: 'server_error', status: undefined, retryAfterMs: 2_000, errorUri: 'https://docs.example.com/e', tokenUrl: 'https://auth.example.com/token' });
    expect(error.cause).toBe(cause);
    expect(error.message).toBe('Token request to https://auth.example.com/token failed with server_error (see https://docs.example.com/e)');
  });
});
