import { describe, expect, test } from 'vitest';
import { apiKey, ConfigurationError, tokenFunction } from '../../../src/index';
import { credentialUrl, knownKeys } from '../../../src/core/util/validate';

describe('credentialUrl', () => {
  // DESIGN.md › Errors: secrets never appear in a message; a URL that does not parse may still hold one.
  test('an unparsable URL is refused without being repeated', () => {
    const parse = () => credentialUrl('baseUrl', 'https://deploy:hunter2-pass@api.example.com:99999/v1');
    expect(parse).toThrow(ConfigurationError);
    expect(parse).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2-pass') }));
  });
});

describe('knownKeys', () => {
  test.each([[null], ['header'], [['header']]])('%j instead of an options object is refused', (options: unknown) => {
    const check = () => knownKeys('apiKey()', options, ['header']);
    expect(check).toThrow(ConfigurationError);
    expect(check).toThrow(/expects an options object/);
  });

  test.each([
    ['apiKey()', () => apiKey('key-1234567', null as never)],
    ['tokenFunction()', () => tokenFunction(() => 'token', null as never)],
  ])('%s with null options throws ConfigurationError, not a TypeError', (_label, build) => {
    expect(build).toThrow(ConfigurationError);
  });
});
