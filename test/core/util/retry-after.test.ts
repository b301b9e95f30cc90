import { describe, expect, test } from 'vitest';
import { retryAfterMs } from '../../../src/core/util/retry-after';

const now = Date.parse('2026-11-22T10:00:00Z');
const wait = (headers: Record<string, string>, body?: unknown, status = 429) => retryAfterMs(new Headers(headers), status, body, now);

describe('retryAfterMs', () => {
  test('Retry-After in seconds', () => expect(wait({ 'retry-after': '2' })).toBe(2000));
  test('Retry-After as an HTTP date', () => expect(wait({ 'retry-after': 'Sun, 22 Nov 2026 10:00:30 GMT' })).toBe(30_000));
  // RFC 9110 §5.6.7: recipients also accept the obsolete RFC 850 and asctime forms (asctime is GMT).
  test.each(['Sunday, 22-Nov-26 10:00:30 GMT', 'Sun Nov 22 10:00:30 2026'])('Retry-After as the obsolete HTTP date %j', (date) =>
    expect(wait({ 'retry-after': date })).toBe(30_000),
  );
  test('a date in the past means no wait', () => expect(wait({ 'retry-after': 'Sun, 22 Nov 2026 09:00:00 GMT' })).toBe(0));
  test('retry-after-ms wins over Retry-After', () => expect(wait({ 'retry-after-ms': '250', 'retry-after': '9' })).toBe(250));
  test('RateLimit-Reset as delay seconds', () => expect(wait({ 'ratelimit-reset': '7' })).toBe(7000));
  test('X-RateLimit-Reset as a Unix time', () => expect(wait({ 'x-ratelimit-reset': String(now / 1000 + 12) })).toBe(12_000));
  test('a retryAfter body field in seconds', () => expect(wait({}, { retryAfter: 3 })).toBe(3000));
  test('rate-limit windows count only for a 429, Retry-After for any status', () => {
    expect(wait({ 'x-ratelimit-reset': String(now / 1000 + 12) }, undefined, 503)).toBeUndefined();
    expect(wait({}, { retryAfter: 3 }, 503)).toBeUndefined();
    expect(wait({ 'retry-after': '2', 'x-ratelimit-reset': String(now / 1000 + 60) }, undefined, 503)).toBe(2000);
  });

  test('nothing usable means undefined', () => {
    expect(wait({})).toBeUndefined();
    expect(wait({ 'retry-after': 'soon' })).toBeUndefined();
    expect(wait({}, { retryAfter: 'x' })).toBeUndefined();
  });

  // RFC 9110 §10.2.3: delay-seconds (1*DIGIT) or an HTTP-date; Date.parse alone reads these as dates in 2001.
  test.each(['-1', '-5', '2, 2', 'foo 2', 'abc 1 2'])('a Retry-After of %j, neither delay-seconds nor an HTTP date, is unusable', (value) => {
    expect(wait({ 'retry-after': value }, undefined, 503)).toBeUndefined();
  });
});
