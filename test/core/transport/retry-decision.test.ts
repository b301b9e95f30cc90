import { describe, expect, test } from 'vitest';
import { ConnectionError, KeycardError, QuotaExceededError, ServerError, TimeoutError } from '../../../src/index';
import { decideRedirect, decideTransient, decideUnauthorized, type TransientFacts } from '../../../src/core/transport/retry-decision';

// The decisions alone, without ky or a network: each rule of the retry policy as data in, data out.
const failure = () => new ServerError({ status: 503, detail: 'down', method: 'GET', url: 'https://api.test/x', headers: new Headers(), body: undefined });
const facts = (overrides: Partial<TransientFacts> = {}): TransientFacts => ({
  method: 'GET',
  hasIdempotencyKey: false,
  provablyNotSent: false,
  quotaExhausted: false,
  retryAfterMs: undefined,
  maxRetryAfterMs: 60_000,
  retriesUsed: 0,
  maxRetries: 2,
  attemptsMade: 1,
  now: 1_000,
  deadlineAt: Infinity,
  totalTimeoutMs: false,
  target: 'GET https://api.test/x',
  random: () => 0.5,
  ...overrides,
});

describe('decideTransient', () => {
  test('an idempotent request waits a full-jitter backoff that doubles per retry', () => {
    expect(decideTransient(facts(), failure())).toEqual({ action: 'wait', ms: 250 });
    expect(decideTransient(facts({ retriesUsed: 1, attemptsMade: 2 }), failure())).toEqual({ action: 'wait', ms: 500 });
  });

  test('the server’s own wait is used as given', () => {
    expect(decideTransient(facts({ retryAfterMs: 7_000 }), failure())).toEqual({ action: 'wait', ms: 7_000 });
  });

  test.each([
    ['a POST without an Idempotency-Key', { method: 'POST' }, /without an Idempotency-Key/],
    ['an exhausted quota', { quotaExhausted: true }, /quota is exhausted/],
    ['a wait beyond maxRetryAfterMs', { retryAfterMs: 61_000 }, /longer than maxRetryAfterMs \(60000 ms\)/],
    ['a used-up retry budget', { retriesUsed: 2, attemptsMade: 3 }, /gave up after 3 attempts: maxRetries \(2\) used up/],
    ['maxRetries 0', { maxRetries: 0 }, /not retried: maxRetries is 0 \(1 attempt\)/],
  ])('%s fails with the reason in the message', (_case, overrides, reason) => {
    const decision = decideTransient(facts(overrides), failure());
    expect(decision.action).toBe('fail');
    expect(decision.action === 'fail' && decision.error).toBeInstanceOf(ServerError);
    expect(decision.action === 'fail' && decision.error.message).toMatch(reason);
  });

  test.each([
    ['an Idempotency-Key', { method: 'POST', hasIdempotencyKey: true }],
    ['a request that provably never left', { method: 'PATCH', provablyNotSent: true }],
  ])('a POST or PATCH with %s waits', (_case, overrides) => {
    expect(decideTransient(facts(overrides), failure()).action).toBe('wait');
  });

  test('a wait that would end past the deadline is a TimeoutError now, caused by the last failure', () => {
    const last = failure();
    const decision = decideTransient(facts({ retryAfterMs: 30_000, deadlineAt: 20_000, totalTimeoutMs: 19_000 }), last);
    expect(decision.action).toBe('fail');
    const error = (decision as { error: KeycardError }).error;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toMatch(/timed out after 1 attempt: totalTimeoutMs \(19000 ms\) ends before the next retry/);
    expect(error.cause).toBe(last);
  });

  test('a QuotaExceededError keeps its class', () => {
    const quota = new QuotaExceededError({ status: 429, detail: 'cap', method: 'GET', url: 'u', headers: new Headers(), body: undefined });
    expect(decideTransient(facts({ quotaExhausted: true }), quota)).toMatchObject({ action: 'fail', error: quota });
  });
});

describe('decideUnauthorized', () => {
  test('the first 401 on a refreshable credential resends', () => {
    expect(decideUnauthorized({ refreshable: true, refreshed: false, credentialed: true }, failure())).toEqual({ action: 'resend' });
  });

  test('a second 401 fails, saying the credential was refreshed once already', () => {
    const decision = decideUnauthorized({ refreshable: true, refreshed: true, credentialed: true }, failure());
    expect(decision.action === 'fail' && decision.error.message).toMatch(/refreshed once and rejected again/);
  });

  test.each([
    ['a fixed key', { refreshable: false, refreshed: false, credentialed: true }],
    ['a request that carried no credential', { refreshable: true, refreshed: false, credentialed: false }],
  ])('%s fails at once', (_case, input) => {
    expect(decideUnauthorized(input, failure()).action).toBe('fail');
  });
});

describe('decideRedirect', () => {
  const hop = (overrides: Partial<Parameters<typeof decideRedirect>[0]> = {}) => ({
    request: new Request('https://api.test/a', { headers: { authorization: 'Bearer t', 'x-scrydon-secret': 's', 'x-trace': '1' } }),
    status: 302,
    location: 'https://files.test/b' as string | null,
    redirectsSoFar: 0,
    maxRedirects: 20,
    apiOrigin: 'https://api.test',
    target: 'GET https://api.test/a',
    ...overrides,
  });

  test('a hop to another origin is followed without any credential header, Scrydon’s secret included', () => {
    const decision = decideRedirect(hop(), failure);
    expect(decision.action).toBe('follow');
    const next = (decision as { request: Request }).request;
    expect(next.url).toBe('https://files.test/b');
    expect([...next.headers.keys()]).toEqual(['x-trace']);
  });

  test('a hop on the same origin keeps the credential', () => {
    const next = (decideRedirect(hop({ location: '/c' }), failure) as { request: Request }).request;
    expect(next.headers.get('authorization')).toBe('Bearer t');
  });

  test('one hop too many fails with a ConnectionError naming the request', () => {
    const decision = decideRedirect(hop({ redirectsSoFar: 20 }), failure);
    expect(decision.action === 'fail' && decision.error).toBeInstanceOf(ConnectionError);
    expect(decision.action === 'fail' && decision.error.message).toBe('GET https://api.test/a redirected more than 20 times');
  });

  test('a 3xx without a Location fails with the given error', () => {
    const given = failure();
    expect(decideRedirect(hop({ location: null }), () => given)).toEqual({ action: 'fail', error: given });
  });
});
