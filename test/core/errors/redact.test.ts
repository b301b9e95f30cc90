import { describe, expect, test } from 'vitest';
import { redactBody, redactHeaders, redactUrl } from '../../../src/core/errors/redact';

describe('redaction', () => {
  test('headers: credentials and cookies are replaced, the rest kept', () => {
    const headers = redactHeaders(new Headers({ Authorization: 'Bearer t', 'X-API-Key': 'k', Cookie: 'c=1', 'Content-Type': 'text/plain' }));
    expect(Object.fromEntries(headers)).toEqual({
      authorization: '[REDACTED]',
      'x-api-key': '[REDACTED]',
      cookie: '[REDACTED]',
      'content-type': 'text/plain',
    });
  });

  test('urls: user info and secret-looking query values are replaced', () => {
    expect(redactUrl('https://user:pw@x.test/a?access_token=t&X-Amz-Signature=s&page=2&key=k')).toBe(
      'https://x.test/a?access_token=%5BREDACTED%5D&X-Amz-Signature=%5BREDACTED%5D&page=2&key=%5BREDACTED%5D',
    );
    expect(redactUrl('not a url')).toBe('[REDACTED]');
  });

  test('bodies: secret-named fields and known secret values are replaced, depth is bounded', () => {
    const body = { client_secret: 'x', nested: { refreshToken: 'y', note: 'key is abcdef123' }, list: [{ apiKey: 'z' }], tokens_used: 3 };
    expect(redactBody(body, ['abcdef123'])).toEqual({
      client_secret: '[REDACTED]',
      nested: { refreshToken: '[REDACTED]', note: 'key is [REDACTED]' },
      list: [{ apiKey: '[REDACTED]' }],
      tokens_used: 3,
    });
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let index = 0; index < 20; index++) deep = deep.next = {} as Record<string, unknown>;
    expect(JSON.stringify(redactBody(root))).toContain('[REDACTED]');
  });
});
