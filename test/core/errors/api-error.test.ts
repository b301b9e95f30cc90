import { describe, expect, test } from 'vitest';
import { ApiError, NotFoundError } from '../../../src/index';

const init = {
  status: 404,
  code: 'ERR_404',
  detail: 'no such thing',
  requestId: 'req_1',
  method: 'GET',
  url: 'https://api.example.com/things/1',
  headers: new Headers({ 'x-request-id': 'req_1' }),
  body: { message: 'no such thing' },
};

describe('ApiError', () => {
  test('its JSON form shows every field but the headers, in a fixed order', () => {
    const error = new NotFoundError(init);
    expect(Object.keys(error.toJSON())).toEqual([
      'name',
      'message',
      'status',
      'code',
      'type',
      'detail',
      'requestId',
      'method',
      'url',
      'retryAfterMs',
      'body',
      'bodyTruncated',
    ]);
    expect(error.toJSON()).toMatchObject({ name: 'NotFoundError', status: 404, code: 'ERR_404', requestId: 'req_1', bodyTruncated: false });
  });

  test('the fields are read from the init, and bodyTruncated is false unless it says so', () => {
    const error = new ApiError({ ...init, retryAfterMs: 1_500 });
    expect(error).toMatchObject({ status: 404, code: 'ERR_404', type: undefined, detail: 'no such thing', method: 'GET', retryAfterMs: 1_500, bodyTruncated: false });
    expect(error.headers.get('x-request-id')).toBe('req_1');
    expect(new ApiError({ ...init, bodyTruncated: true }).bodyTruncated).toBe(true);
    expect(error.message).toBe('404 ERR_404: no such thing (GET https://api.example.com/things/1) [request req_1]');
  });
});
