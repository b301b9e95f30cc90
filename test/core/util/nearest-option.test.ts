import { describe, expect, test } from 'vitest';
import { nearestOption } from '../../../src/core/util/nearest-option';

const known = ['apiKey', 'apiToken', 'baseUrl', 'region', 'timeoutMs', 'totalTimeoutMs', 'maxRetries', 'clientId', 'clientSecret', 'tokenStore'];

describe('nearestOption', () => {
  test.each([
    ['timeout', 'timeoutMs'],
    ['apikey', 'apiKey'],
    ['clientID', 'clientId'],
    ['regoin', 'region'],
    ['maxRetry', 'maxRetries'],
    ['tokenstore', 'tokenStore'],
    ['baseURL', 'baseUrl'],
  ])('%s means %s', (typed, meant) => {
    expect(nearestOption(typed, known)).toBe(meant);
  });

  test.each(['auth', 'url', 'x', 'somethingElse'])('%s is near nothing', (typed) => {
    expect(nearestOption(typed, known)).toBeUndefined();
  });
});
