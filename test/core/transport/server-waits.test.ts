import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createClient, QuotaExceededError, RateLimitError, ServerError } from '../../../src/index';
import type { paths } from '../../example/things-api.gen';
import { apiUrl } from '../../helpers/fake-oauth';
import { settle, start, useFakeTime } from '../../helpers/fake-time';
import { useMswServer } from '../../helpers/msw-server';

const server = useMswServer();
beforeEach(useFakeTime);
afterEach(() => vi.useRealTimers());

const api = () => createClient<paths>({ baseUrl: apiUrl });

/** `/things` answers `first`, then succeeds (or answers `first` every time with `always`); records when each attempt arrived. */
function things(first: () => Response, always = false) {
  const seen: number[] = [];
  server.use(
    http.get(`${apiUrl}/things`, () => {
      seen.push(Date.now());
      return seen.length === 1 || always ? first() : HttpResponse.json({ items: [] });
    }),
  );
  return seen;
}
const tooMany = (headers: Record<string, string>, body: object = {}) => () => HttpResponse.json(body, { status: 429, headers });

describe('a wait the server asks for', () => {
  test.each([
    ['Retry-After as an HTTP date', { 'retry-after': new Date(start + 9_000).toUTCString() }, 9_000],
    ['retry-after-ms', { 'retry-after-ms': '1500' }, 1_500],
    ['RateLimit-Reset', { 'ratelimit-reset': '11' }, 11_000],
    ['X-RateLimit-Reset as a Unix time', { 'x-ratelimit-reset': String(start / 1000 + 13) }, 13_000],
    ['X-RateLimit-Reset as delay seconds', { 'x-ratelimit-reset': '4' }, 4_000],
  ])('429 with %s is waited out before the retry', async (_label, headers, ms) => {
    const seen = things(tooMany(headers));
    expect(await settle(api().GET('/things'))).toEqual({ items: [] });
    expect(seen).toHaveLength(2);
    expect(seen[1]! - seen[0]!).toBeGreaterThanOrEqual(ms);
    expect(seen[1]! - seen[0]!).toBeLessThan(ms + 100);
  });

  test('a Retry-After date in the past retries without waiting', async () => {
    const seen = things(tooMany({ 'retry-after': new Date(start - 60_000).toUTCString() }));
    expect(await settle(api().GET('/things'))).toEqual({ items: [] });
    expect(seen[1]! - seen[0]!).toBeLessThan(100);
  });

  test.each([
    ['Retry-After as an HTTP date a day ahead', { 'retry-after': new Date(start + 86_400_000).toUTCString() }, 86_400_000],
    ['RateLimit-Reset', { 'ratelimit-reset': '120' }, 120_000],
    ['X-RateLimit-Reset as a Unix time', { 'x-ratelimit-reset': String(start / 1000 + 600) }, 600_000],
    ['retry-after-ms', { 'retry-after-ms': '60001' }, 60_001],
  ])('429 with %s beyond maxRetryAfterMs fails at once, carrying the wait', async (_label, headers, ms) => {
    const seen = things(tooMany(headers));
    const before = Date.now();
    const error = await settle(api().GET('/things'));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(ms);
    expect(seen).toHaveLength(1);
    expect(Date.now() - before).toBeLessThan(1_000);
  });

  test('503 with a Retry-After beyond maxRetryAfterMs fails at once too, carrying the wait', async () => {
    const seen = things(() => HttpResponse.json({}, { status: 503, headers: { 'retry-after': '600' } }));
    const error = await settle(api().GET('/things'));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).retryAfterMs).toBe(600_000);
    expect(seen).toHaveLength(1);
  });

  test('429s past the last retry give a RateLimitError carrying the wait and the request', async () => {
    things(tooMany({ 'retry-after': '1' }), true);
    const error = await settle(api().GET('/things'));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 1000, method: 'GET', url: `${apiUrl}/things` });
  });

  test.each([
    ['as OpenAI sends it', { error: { message: 'quota', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } }],
    ['as a type only', { error: { message: 'quota', type: 'insufficient_quota', code: null } }],
  ])('a 429 for insufficient_quota %s is not waited out, whatever its Retry-After', async (_label, body) => {
    const seen = things(tooMany({ 'retry-after': '1' }, body));
    expect(await settle(api().GET('/things'))).toBeInstanceOf(QuotaExceededError);
    expect(seen).toHaveLength(1);
  });
});

describe('without a server wait', () => {
  test('retries back off with full jitter, up to 500 ms then up to 1 s', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    const seen = things(() => HttpResponse.json({}, { status: 503 }), true);
    await settle(api().GET('/things'));
    expect(seen).toHaveLength(3);
    expect(seen[1]! - seen[0]!).toBeGreaterThanOrEqual(499);
    expect(seen[1]! - seen[0]!).toBeLessThanOrEqual(500);
    expect(seen[2]! - seen[1]!).toBeGreaterThanOrEqual(998);
    expect(seen[2]! - seen[1]!).toBeLessThanOrEqual(1_000);
  });
});
