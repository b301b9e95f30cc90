import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { AbortError, createClient, TimeoutError, type CallOptions, type ClientOptions } from '../../../src/index';
import type { paths } from '../../example/things-api.gen';
import { apiUrl } from '../../helpers/fake-oauth';
import { settle, useFakeTime } from '../../helpers/fake-time';
import { useMswServer } from '../../helpers/msw-server';

const server = useMswServer();

/** Serves `/things` with `respond` and records when each attempt arrived. */
function things(respond: () => Response | Promise<Response>) {
  const seen: number[] = [];
  server.use(
    http.get(`${apiUrl}/things`, () => {
      seen.push(Date.now());
      return respond();
    }),
  );
  return seen;
}

/** Answers after `ms` of (fake) time. */
const slow = (ms: number) => async () => {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return HttpResponse.json({ items: [] });
};

/** A GET /things whose every attempt is asked to retry after `retryAfterSeconds`, run to its failure. */
async function untilFailure(client: Partial<ClientOptions>, call: CallOptions, retryAfterSeconds: number) {
  const seen = things(() => HttpResponse.json({ message: 'later' }, { status: 503, headers: { 'retry-after': String(retryAfterSeconds) } }));
  const before = Date.now();
  const error = await settle(createClient<paths>({ baseUrl: apiUrl, ...client }).GET('/things', call));
  return { error, elapsed: Date.now() - before, attempts: seen.length };
}

beforeEach(useFakeTime);
afterEach(() => vi.useRealTimers());

// ClientOverrides: a per-call option changes that option only; the client's others still apply.
describe('a per-call option keeps the client’s other timeouts', () => {
  test.each([
    ['maxRetries', { maxRetries: 0 }],
    ['totalTimeoutMs', { totalTimeoutMs: 100_000 }],
  ])('per-call %s keeps the client’s per-attempt timeoutMs', async (_option, call) => {
    const seen = things(slow(20_000)); // inside the client's 60 s, past ky's own default of 10 s
    const api = createClient<paths>({ baseUrl: apiUrl, timeoutMs: 60_000 });
    expect(await settle(api.GET('/things', call))).toEqual({ items: [] });
    expect(seen).toHaveLength(1);
  });

  test('per-call maxRetries keeps the client’s overall deadline', async () => {
    const { error, elapsed, attempts } = await untilFailure({ totalTimeoutMs: 45_000 }, { maxRetries: 5 }, 30);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(elapsed).toBeLessThanOrEqual(45_000);
    expect(attempts).toBe(2); // at 0 s and 30 s; a third at 60 s would be past the deadline
  });

  test('per-call timeoutMs keeps the default overall deadline of 120 s', async () => {
    const { error, elapsed, attempts } = await untilFailure({ maxRetries: 10 }, { timeoutMs: 5_000 }, 50);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(elapsed).toBeLessThanOrEqual(120_000);
    expect(attempts).toBe(3); // at 0 s, 50 s and 100 s
  });
});

test('with per-call options, an abort during an attempt is an AbortError', async () => {
  things(() => new Promise<Response>(() => {}));
  const controller = new AbortController();
  const call = createClient<paths>({ baseUrl: apiUrl }).GET('/things', { signal: controller.signal, timeoutMs: 50_000, maxRetries: 1 });
  const outcome = call.catch((caught: unknown) => caught);
  await vi.advanceTimersByTimeAsync(1_000);
  controller.abort();
  expect(await outcome).toBeInstanceOf(AbortError);
});

describe('a per-call maxRetries above the client’s', () => {
  test('gets every retry it asks for, after the most redirects a call may follow', async () => {
    let finalAttempts = 0;
    server.use(
      http.get(`${apiUrl}/things`, () => new HttpResponse(null, { status: 302, headers: { location: `${apiUrl}/hop/1` } })),
      http.get(`${apiUrl}/hop/:n`, ({ params }) => {
        const next = Number(params.n) + 1;
        return new HttpResponse(null, { status: 302, headers: { location: next === 20 ? `${apiUrl}/final` : `${apiUrl}/hop/${next}` } });
      }),
      http.get(`${apiUrl}/final`, () => {
        finalAttempts += 1;
        return HttpResponse.json({ message: 'later' }, { status: 503, headers: { 'retry-after': '0' } });
      }),
    );
    const api = createClient<paths>({ baseUrl: apiUrl, maxRetries: 0 });
    const error = await settle(api.GET('/things', { maxRetries: 10 }));
    expect(finalAttempts).toBe(11);
    expect((error as Error).message).toContain('gave up after 11 attempts: maxRetries (10) used up');
    expect(api.stats).toMatchObject({ redirects: 20, retries: 10 });
  });
});
