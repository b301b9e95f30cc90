import { describe, expectTypeOf, test } from 'vitest';
import { ApiPromise, createClient, type ApiResult } from '../../../src/index';
import type { components, paths } from '../../example/things-api.gen';

type Thing = components['schemas']['Thing'];
const api = createClient<paths>({ baseUrl: 'https://api.example.com' });

describe('typed calls', () => {
  test('resolve to the 2xx body of the operation', () => {
    expectTypeOf(api.GET('/things')).toEqualTypeOf<ApiPromise<{ items: Thing[] }>>();
    expectTypeOf(api.GET('/things/{id}', { params: { path: { id: '1' } } })).resolves.toEqualTypeOf<Thing>();
    expectTypeOf(api.POST('/things', { body: { name: 'x' } })).resolves.toEqualTypeOf<Thing>();
  });

  test('an operation without a response body resolves to undefined', () => {
    expectTypeOf(api.DELETE('/things/{id}', { params: { path: { id: '1' } } })).resolves.toEqualTypeOf<undefined>();
  });

  test('withResponse gives the body and the Response', () => {
    expectTypeOf(api.GET('/things').withResponse()).resolves.toEqualTypeOf<ApiResult<{ items: Thing[] }>>();
    expectTypeOf<ApiResult<Thing>['response']>().toEqualTypeOf<Response>();
  });

  test('paths, methods, parameters and bodies are checked', () => {
    // @ts-expect-error — no such path
    void api.GET('/nothing');
    // @ts-expect-error — /things has no DELETE
    void api.DELETE('/things');
    // @ts-expect-error — the path parameter is required
    void api.GET('/things/{id}');
    // @ts-expect-error — the body is required
    void api.POST('/things');
    // @ts-expect-error — name must be a string
    void api.POST('/things', { body: { name: 1 } });
    // @ts-expect-error — limit is a number
    void api.GET('/things', { params: { query: { limit: 'ten' } } });
  });

  test('per-call options are accepted and typed', () => {
    void api.GET('/things', { timeoutMs: 5_000, maxRetries: 0, signal: AbortSignal.timeout(1_000) });
    // @ts-expect-error — timeoutMs is a number
    void api.GET('/things', { timeoutMs: '5s' });
  });
});
