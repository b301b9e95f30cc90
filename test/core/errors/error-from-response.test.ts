import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import {
  ApiError,
  ApiKeyDeactivatedError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InsufficientScopeError,
  InvalidTokenError,
  NotFoundError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
  ValidationError,
} from '../../../src/index';
import { errorFromResponse } from '../../../src/core/errors/error-from-response';

const failure = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers(headers),
  body,
  method: 'GET',
  url: 'https://api.example.com/things',
});

/** Everything an error shows: its message, its JSON form and what util.inspect prints. */
const views = (error: Error) => [error.message, JSON.stringify(error), inspect(error, { depth: 10 })].join('\n');

describe('errorFromResponse', () => {
  test.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, ValidationError],
    [429, RateLimitError],
    [500, ServerError],
    [503, ServerError],
    [418, ApiError],
  ])('maps status %i to its class', (status, ErrorClass) => {
    const error = errorFromResponse(failure(status, 'nope'));
    expect(error.constructor).toBe(ErrorClass);
    expect(error.status).toBe(status);
  });

  test('a Rynko ERR_AKEY_003 body becomes ApiKeyDeactivatedError with code, status and request id', () => {
    const error = errorFromResponse({
      ...failure(401, { statusCode: 401, code: 'ERR_AKEY_003', message: 'API key has been deactivated', timestamp: '2026-11-22T10:00:00Z' }, {
        'x-request-id': 'req_42',
      }),
      codes: { ERR_AKEY_003: ApiKeyDeactivatedError },
    });
    expect(error).toBeInstanceOf(ApiKeyDeactivatedError);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ name: 'ApiKeyDeactivatedError', code: 'ERR_AKEY_003', status: 401, requestId: 'req_42' });
    expect(error.message).toBe('401 ERR_AKEY_003: API key has been deactivated (GET https://api.example.com/things) [request req_42]');
  });

  test('an unknown code falls back to the status class', () => {
    const error = errorFromResponse({ ...failure(404, { code: 'ERR_NEW_999', message: 'x' }), codes: { ERR_AKEY_003: ApiKeyDeactivatedError } });
    expect(error.constructor).toBe(NotFoundError);
    expect(error.code).toBe('ERR_NEW_999');
  });

  test('standard codes are understood without a map, including from WWW-Authenticate', () => {
    expect(errorFromResponse(failure(429, { error: { code: 'insufficient_quota', message: 'x' } }))).toBeInstanceOf(QuotaExceededError);
    const challenged = errorFromResponse(failure(403, '', { 'www-authenticate': 'Bearer error="insufficient_scope", scope="a:write"' }));
    expect(challenged).toBeInstanceOf(InsufficientScopeError);
    expect(errorFromResponse(failure(401, '', { 'www-authenticate': 'Bearer realm="x", error="invalid_token"' }))).toBeInstanceOf(
      InvalidTokenError,
    );
  });

  test('a status entry of the map applies when the body has no known code', () => {
    const codes = { '403': InsufficientScopeError, ERR_X: ApiKeyDeactivatedError };
    expect(errorFromResponse({ ...failure(403, { message: 'missing river:execute' }), codes })).toBeInstanceOf(InsufficientScopeError);
    expect(errorFromResponse({ ...failure(403, { code: 'ERR_X' }), codes })).toBeInstanceOf(ApiKeyDeactivatedError);
    expect(errorFromResponse({ ...failure(401, { message: 'x' }), codes }).constructor).toBe(AuthenticationError);
  });

  test('the API map wins over the standard codes', () => {
    const error = errorFromResponse({ ...failure(401, { code: 'invalid_token' }), codes: { invalid_token: ApiKeyDeactivatedError } });
    expect(error).toBeInstanceOf(ApiKeyDeactivatedError);
  });

  test('reads the request id from the body when no header carries one', () => {
    expect(errorFromResponse(failure(500, { message: 'x', request_id: 'abc' })).requestId).toBe('abc');
  });

  test('uses the status text, then the status, when the body says nothing', () => {
    expect(errorFromResponse({ ...failure(502, undefined), statusText: 'Bad Gateway' }).detail).toBe('Bad Gateway');
    expect(errorFromResponse(failure(502, undefined)).detail).toBe('HTTP 502');
  });

  test('redacts echoed credentials, secret fields, secret query values and cookies', () => {
    const key = 'fm_live_a1b2c3d4e5f6';
    const error = errorFromResponse({
      status: 401,
      headers: new Headers({ 'set-cookie': 'session=s3cr3t', 'x-request-id': 'r1' }),
      body: { code: 'ERR_AKEY_002', message: `Invalid API key ${key}`, access_token: 'leaked-token-123' },
      method: 'GET',
      url: 'https://api.example.com/files?signature=abcdef&name=report',
      secrets: [key],
    });
    const everything = [error.message, JSON.stringify(error), inspect(error, { depth: 10 }), error.headers.get('set-cookie')].join('\n');
    expect(everything).not.toContain(key);
    expect(everything).not.toContain('leaked-token-123');
    expect(everything).not.toContain('s3cr3t');
    expect(everything).not.toContain('abcdef');
    expect(error.url).toContain('name=report');
    expect(error.headers.get('x-request-id')).toBe('r1');
  });

  test('carries the retry-after it was given', () => {
    expect(errorFromResponse({ ...failure(429, 'slow'), retryAfterMs: 2000 }).retryAfterMs).toBe(2000);
  });
});

// DESIGN.md › Errors: secrets never appear in an error's message, toJSON() or util.inspect output.
describe('secrets echoed in error bodies', () => {
  test('a JSON body served as text has its token fields redacted', () => {
    const error = errorFromResponse(failure(400, '{"message":"bad","access_token":"at-leaked-4242","refresh_token":"rt-leaked-4242"}'));
    expect(views(error)).not.toContain('at-leaked-4242');
    expect(views(error)).not.toContain('rt-leaked-4242');
  });

  test('an echoed Proxy-Authorization request header is redacted', () => {
    const error = errorFromResponse(failure(400, { message: 'x', headers: { 'Proxy-Authorization': 'Basic cHJveHk6c2VjcmV0' } }));
    expect(views(error)).not.toContain('cHJveHk6c2VjcmV0');
  });

  test('echoed cookies are redacted', () => {
    const error = errorFromResponse(failure(400, { message: 'x', cookies: { sid: 'sess-abc-123' } }));
    expect(views(error)).not.toContain('sess-abc-123');
  });

  test('a credential at the end of a long message leaves no prefix of it once the message is cut short', () => {
    const secret = 'sk_live_0123456789abcdefghijklmnopqrstuv';
    const error = errorFromResponse({ ...failure(401, { message: `${'x'.repeat(480)} ${secret}` }), secrets: [secret] });
    expect(error.message).not.toContain(secret.slice(0, 16));
  });
});

describe('error bodies are capped at 64 kB', () => {
  test('a parsed body too large is kept as the start of its JSON text', () => {
    const error = errorFromResponse(failure(400, { items: 'x'.repeat(70_000) }));
    expect(error.bodyTruncated).toBe(true);
    expect(error.body).toBe(JSON.stringify({ items: 'x'.repeat(70_000) }).slice(0, 65_536));
  });

  test('a body JSON cannot write (a BigInt) is kept as it is, not flagged', () => {
    const error = errorFromResponse(failure(400, { message: 'too big', count: 10n }));
    expect(error.bodyTruncated).toBe(false);
    expect(error.body).toEqual({ message: 'too big', count: 10n });
  });
});
