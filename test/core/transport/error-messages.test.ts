import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { AbortError, ApiError, clientCredentials, createClient, RateLimitError, ServerError, TimeoutError, type ClientOptions } from '../../../src/index';
import type { paths } from '../../example/things-api.gen';
import { apiUrl, clientId, clientSecret, tokenUrl } from '../../helpers/fake-oauth';
import { settle, useFakeTime } from '../../helpers/fake-time';
import { useMswServer } from '../../helpers/msw-server';

const server = useMswServer();

/** Serves `GET /things` with `respond` every time; counts the attempts. */
function things(respond: () => Response | Promise<Response>) {
  const seen = { attempts: 0 };
  server.use(
    http.get(`${apiUrl}/things`, () => {
      seen.attempts += 1;
      return respond();
    }),
    http.post(`${apiUrl}/things`, () => {
      seen.attempts += 1;
      return respond();
    }),
  );
  return seen;
}

const api = (options: Partial<ClientOptions> = {}) => createClient<paths>({ baseUrl: apiUrl, ...options });
const hanging = () => new Promise<Response>(() => {});

beforeEach(useFakeTime);
afterEach(() => vi.useRealTimers());

describe('errors say enough to act on', () => {
  test('after retries, the message says how many attempts were made and why it stopped', async () => {
    const seen = things(() => HttpResponse.json({ message: 'try later' }, { status: 503 }));
    const error = await settle(api().GET('/things'));
    expect(error).toBeInstanceOf(ServerError);
    expect(seen.attempts).toBe(3);
    expect((error as Error).message).toMatch(/gave up after 3 attempts: maxRetries \(2\) used up/);
    expect((error as Error).stack).toContain('gave up after 3 attempts');
  });

  test('a POST without an Idempotency-Key says why it was not retried', async () => {
    things(() => HttpResponse.json({}, { status: 503 }));
    const error = await settle(api().POST('/things', { body: { name: 'x' } }));
    expect((error as Error).message).toMatch(/not retried: a POST without an Idempotency-Key header may already have taken effect \(1 attempt\)/);
  });

  test('a per-attempt timeout says timeoutMs fired, and its value', async () => {
    things(hanging);
    const error = await settle(api({ timeoutMs: 500, maxRetries: 0 }).GET('/things'));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toContain(`GET ${apiUrl}/things timed out: no response within timeoutMs (500 ms)`);
  });

  test('the overall deadline says totalTimeoutMs fired, and its value', async () => {
    things(hanging);
    const error = await settle(api({ timeoutMs: 60_000, totalTimeoutMs: 5_000 }).GET('/things'));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toContain('totalTimeoutMs (5000 ms) ran out');
  });

  test('a deadline that ends before the next retry says so, with the attempts made', async () => {
    things(() => HttpResponse.json({}, { status: 503, headers: { 'retry-after': '30' } }));
    const error = await settle(api({ totalTimeoutMs: 45_000 }).GET('/things'));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/timed out after 2 attempts: totalTimeoutMs \(45000 ms\) ends before the next retry/);
  });

  test('a 429 whose wait exceeds maxRetryAfterMs says so', async () => {
    const seen = things(() => HttpResponse.json({ message: 'slow down' }, { status: 429, headers: { 'retry-after': '120' } }));
    const error = await settle(api().GET('/things'));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(seen.attempts).toBe(1);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
    expect((error as Error).message).toMatch(/the server asked to wait 120000 ms, longer than maxRetryAfterMs \(60000 ms\)/);
  });

  test('an abort names the method and URL', async () => {
    things(hanging);
    const controller = new AbortController();
    const call = api().GET('/things', { signal: controller.signal }).catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    const error = await call;
    expect(error).toBeInstanceOf(AbortError);
    expect((error as Error).message).toContain(`GET ${apiUrl}/things`);
  });

  test('an abort during the wait before a retry names the method and URL', async () => {
    const seen = things(() => HttpResponse.json({}, { status: 503, headers: { 'retry-after': '20' } }));
    const controller = new AbortController();
    const call = api().GET('/things', { signal: controller.signal }).catch((caught: unknown) => caught);
    while (seen.attempts === 0) await vi.advanceTimersByTimeAsync(10);
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort();
    const error = await call;
    expect(error).toBeInstanceOf(AbortError);
    expect((error as Error).message).toBe(`GET ${apiUrl}/things was aborted by the caller's signal`);
  });

  test('an abort while waiting for a token names the method and URL', async () => {
    server.use(http.post(tokenUrl, () => new Promise<Response>(() => {})));
    const controller = new AbortController();
    const client = api({ auth: clientCredentials({ tokenUrl, clientId, clientSecret }) });
    const call = client.GET('/things', { signal: controller.signal }).catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    const error = await call;
    expect(error).toBeInstanceOf(AbortError);
    expect((error as Error).message).toBe(`GET ${apiUrl}/things was aborted by the caller's signal`);
  });

  test('an HTML error page is summarised by its title, not pasted as markup', async () => {
    const page = '<!DOCTYPE html><html><head><title>502 Bad Gateway &amp; more</title></head><body><h1>nginx</h1></body></html>';
    things(() => new HttpResponse(page, { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } }));
    const error = await settle(api({ maxRetries: 0 }).GET('/things'));
    expect((error as Error).message).toMatch(/^502: 502 Bad Gateway & more \(GET/);
    expect((error as Error).message).not.toContain('<');
  });

  test('an HTML error page without a title is summarised by the status text', async () => {
    things(() => new HttpResponse('<html><body>oops</body></html>', { status: 500, statusText: 'Internal Server Error' }));
    const error = await settle(api({ maxRetries: 0 }).GET('/things'));
    expect((error as Error).message).toMatch(/^500: Internal Server Error \(GET/);
  });

  test('a 5 MB error body is capped at 64 kB, with a flag saying it was cut', async () => {
    things(() => new HttpResponse('x'.repeat(5_000_000), { status: 400 }));
    const error = await settle(api().GET('/things'));
    expect(error).toBeInstanceOf(ApiError);
    expect(((error as ApiError).body as string).length).toBe(65_536);
    expect((error as ApiError).bodyTruncated).toBe(true);
    expect(JSON.stringify(error).length).toBeLessThan(70_000);
  });

  test('a small error body is kept whole and not flagged', async () => {
    things(() => HttpResponse.json({ message: 'bad' }, { status: 400 }));
    const error = await settle(api().GET('/things'));
    expect(error).toMatchObject({ body: { message: 'bad' }, bodyTruncated: false });
  });
});
