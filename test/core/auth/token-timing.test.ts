import { describe, expect, test } from 'vitest';
import { tokenTiming } from '../../../src/core/auth/token-timing';

const minute = 60_000;

describe('tokenTiming', () => {
  test.each([
    // lifetime, refresh window, hard margin
    ['12 h', 43_199_000, 5 * minute, 30_000],
    ['1 h', 3_600_000, 6 * minute > 5 * minute ? 5 * minute : 6 * minute, 30_000],
    ['15 min', 900_000, 90_000, 30_000],
    ['5 min', 300_000, 60_000, 30_000],
    ['90 s', 90_000, 45_000, 22_500],
    ['4 s', 4_000, 2_000, 1_000],
  ])('a %s token: window and margin follow the rules', (_label, lifetime, window, margin) => {
    const timing = tokenTiming(1_000, 1_000 + lifetime);
    expect(1_000 + lifetime - timing.refreshAt).toBe(window);
    expect(1_000 + lifetime - timing.usableUntil).toBe(margin);
  });

  test('a fresh token never starts inside its own window, and the window opens before the margin', () => {
    for (const lifetime of [1_000, 7_000, 61_000, 599_000, 3_600_000, 86_400_000]) {
      const { refreshAt, usableUntil } = tokenTiming(0, lifetime);
      expect(refreshAt).toBeGreaterThanOrEqual(lifetime / 2);
      expect(refreshAt).toBeLessThanOrEqual(usableUntil);
    }
  });

  test('credentials that never expire are never renewed', () => {
    expect(tokenTiming(0, Infinity)).toEqual({ refreshAt: Infinity, usableUntil: Infinity });
  });
});
