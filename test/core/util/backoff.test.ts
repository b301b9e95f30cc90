import { describe, expect, test } from 'vitest';
import { backoffMs, shortPauseMs } from '../../../src/core/util/backoff';

describe('backoffMs', () => {
  const full = { baseMs: 500, maxMs: 8_000, jitter: 'full' } as const;
  const equal = { baseMs: 1_000, maxMs: 30_000, jitter: 'equal' } as const;

  test('full jitter ranges from 0 to a cap that doubles per failure', () => {
    expect([1, 2, 3].map((failures) => backoffMs(failures, full, () => 0.999_999))).toEqual([
      expect.closeTo(500, 0),
      expect.closeTo(1_000, 0),
      expect.closeTo(2_000, 0),
    ]);
    expect(backoffMs(3, full, () => 0)).toBe(0);
  });

  test('equal jitter keeps half the cap fixed', () => {
    expect(backoffMs(1, equal, () => 0)).toBe(500);
    expect(backoffMs(2, equal, () => 1)).toBe(2_000);
  });

  test('the cap stops growing at maxMs, even after many failures', () => {
    expect(backoffMs(60, full, () => 1)).toBe(8_000);
    expect(backoffMs(1_000, equal, () => 0)).toBe(15_000);
  });
});

describe('shortPauseMs', () => {
  test('is held within 10 ms … 1 s before it is spread', () => {
    expect(shortPauseMs(0.5, () => 0.5)).toBe(10);
    expect(shortPauseMs(300, () => 0.5)).toBe(300);
    expect(shortPauseMs(60_000, () => 0.5)).toBe(1_000);
  });

  test('is spread over half to one and a half times the held value', () => {
    expect(shortPauseMs(400, () => 0)).toBe(200);
    expect(shortPauseMs(400, () => 1)).toBe(600);
  });
});
