// tokenFunction() checks what the function returns: an expiry it cannot read is a ConfigurationError
// that names it, not a token "that had already expired" or one kept for the wrong length of time.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ConfigurationError, createClient, tokenFunction, type TokenFunctionResult } from '../../../src/index';
import type { paths } from '../../example/things-api.gen';
import { apiUrl, recordingThingsApi } from '../../helpers/fake-oauth';
import { settle, start, useFakeTime } from '../../helpers/fake-time';
import { useMswServer } from '../../helpers/msw-server';

const server = useMswServer();
beforeEach(useFakeTime);
afterEach(() => vi.useRealTimers());

const hour = 3_600_000;

/** The outcome of one call on a client whose token function returns `result`. */
function callWith(result: TokenFunctionResult) {
  recordingThingsApi(server);
  return settle(createClient<paths>({ baseUrl: apiUrl, auth: tokenFunction(() => result) }).GET('/things'));
}

describe('tokenFunction() results', () => {
  test.each([
    ['an ISO date string', '2099-01-01T00:00:00Z'],
    ['an invalid Date', new Date('not a date')],
    ['NaN', Number.NaN],
    ['Infinity', Infinity],
  ])('an expiresAt that is %s is refused as not a time', async (_case, expiresAt) => {
    const error = await callWith({ token: 'tok', expiresAt: expiresAt as number });
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ option: 'tokenFunction', message: expect.stringMatching(/expiresAt .* not a Date or a time in epoch milliseconds/) });
  });

  test('an expiresAt in epoch seconds is refused as such', async () => {
    const error = await callWith({ token: 'tok', expiresAt: Math.floor((start + hour) / 1000) });
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ option: 'tokenFunction', message: expect.stringMatching(/looks like epoch seconds/) });
  });

  test.each([
    ['a string', '3600'],
    ['zero', 0],
    ['negative', -60],
    ['NaN', Number.NaN],
  ])('an expiresInSeconds that is %s is refused as not a positive number', async (_case, expiresInSeconds) => {
    const error = await callWith({ token: 'tok', expiresInSeconds: expiresInSeconds as number });
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ option: 'tokenFunction', message: expect.stringMatching(/expiresInSeconds .* not a positive number/) });
  });

  test.each([
    ['expiresAt as a Date', { token: 'tok', expiresAt: new Date(start + hour) }],
    ['expiresAt in epoch milliseconds', { token: 'tok', expiresAt: start + hour }],
    ['expiresInSeconds', { token: 'tok', expiresInSeconds: 3600 }],
  ])('a token with %s is used', async (_case, result) => {
    expect(await callWith(result)).toEqual({ items: [] });
  });
});
