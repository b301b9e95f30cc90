import { describe, expect, test } from 'vitest';
import { parseErrorBody } from '../../../src/core/errors/parse-error-body';

describe('parseErrorBody', () => {
  test('reads {code, message}', () => {
    expect(parseErrorBody({ statusCode: 401, code: 'ERR_AKEY_003', message: 'API key deactivated' })).toMatchObject({
      code: 'ERR_AKEY_003',
      message: 'API key deactivated',
    });
  });

  test('reads the code from `error` when `code` is absent (Rynko SDK convention)', () => {
    expect(parseErrorBody({ error: 'ERR_QUOTA_001', message: 'quota' }).code).toBe('ERR_QUOTA_001');
  });

  test('reads OpenAI style {error: {code, type, message}}', () => {
    const parsed = parseErrorBody({ error: { message: 'slow down', type: 'rate_limit_error', code: 'spending_velocity_exceeded' } });
    expect(parsed).toMatchObject({ code: 'spending_velocity_exceeded', type: 'rate_limit_error', message: 'slow down' });
  });

  test('falls back to the type when an OpenAI style error has no code', () => {
    expect(parseErrorBody({ error: { type: 'invalid_request_error', message: 'x' } }).code).toBe('invalid_request_error');
  });

  test('reads RFC 6749 {error, error_description}', () => {
    expect(parseErrorBody({ error: 'invalid_client', error_description: 'client not found' })).toMatchObject({
      code: 'invalid_client',
      message: 'client not found',
    });
  });

  test('reads FastAPI {detail} as text and as a validation list', () => {
    expect(parseErrorBody({ detail: 'River not found' }).message).toBe('River not found');
    const parsed = parseErrorBody({ detail: [{ loc: ['body', 'river_id'], msg: 'field required', type: 'missing' }] });
    expect(parsed.message).toBe('body.river_id: field required');
    expect(parsed.details).toHaveLength(1);
  });

  test('reads Rynko field errors from relatedInfo', () => {
    const parsed = parseErrorBody({
      code: 'ERR_VALID_001',
      message: 'Validation failed',
      relatedInfo: { errors: [{ field: 'format', message: 'must be pdf, excel or csv' }] },
    });
    expect(parsed.message).toBe('Validation failed: format: must be pdf, excel or csv');
  });

  test('reads RFC 9457 problem details', () => {
    expect(parseErrorBody({ type: 'https://example.com/out-of-credit', title: 'Out of credit', detail: 'Balance is 30' }).message).toBe(
      'Balance is 30',
    );
  });

  test('reads plain text, and JSON that arrived as text', () => {
    expect(parseErrorBody('  Bad Gateway \n')).toEqual({ message: 'Bad Gateway' });
    expect(parseErrorBody('{"code":"E1","message":"m"}')).toMatchObject({ code: 'E1', message: 'm' });
  });

  test('reads a JSON array or broken JSON that arrived as text as plain text', () => {
    expect(parseErrorBody('["quota", "exceeded"]')).toEqual({ message: '["quota", "exceeded"]' });
    expect(parseErrorBody('  {"message": "cut off')).toEqual({ message: '{"message": "cut off' });
  });

  test('turns numeric codes into strings and caps long messages', () => {
    const parsed = parseErrorBody({ code: 4001, message: 'x'.repeat(2000) });
    expect(parsed.code).toBe('4001');
    expect(parsed.message).toHaveLength(500);
  });

  test('never throws, whatever the body', () => {
    const hostile = Object.defineProperty({}, 'message', {
      get() {
        throw new Error('boom');
      },
      enumerable: true,
    });
    for (const body of [undefined, null, 42, [], [1, 2], '', '{not json', hostile, { error: null }, { detail: [null, 3] }]) {
      expect(() => parseErrorBody(body)).not.toThrow();
    }
  });

  test('summarises an HTML page by its title, entities decoded, and never returns markup', () => {
    expect(parseErrorBody('<!DOCTYPE html>\n<html><head><title>\n  503 Service   Unavailable &amp; &lt;edge&gt;</title></head><body>…</body></html>')).toEqual({
      message: '503 Service Unavailable & <edge>',
    });
    expect(parseErrorBody('<html><body><h1>Bad Gateway</h1></body></html>')).toEqual({ message: undefined });
  });
});
