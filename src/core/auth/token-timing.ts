/** When a token should be renewed in the background, and when it may no longer be sent. */
export interface TokenTiming {
  /** From here the next call starts one background renewal and still uses this token. */
  refreshAt: number;
  /** From here callers wait for a new token: the hard margin before expiry. */
  usableUntil: number;
}

const minWindowMs = 60_000;
const maxWindowMs = 300_000;
const maxMarginMs = 30_000;

/**
 * The refresh window is 10% of the lifetime clamped to 60 s … 5 min and never more than half the
 * lifetime, so a fresh token never starts inside its own window; the hard margin is
 * min(30 s, lifetime / 4), so even tokens of a few seconds are usable for most of their life.
 * Each call returns a new object, which the caller may adjust.
 */
export function tokenTiming(issuedAt: number, expiresAt: number): TokenTiming {
  const lifetime = expiresAt - issuedAt;
  if (!Number.isFinite(lifetime)) return { refreshAt: Infinity, usableUntil: Infinity };
  const window = Math.min(Math.max(lifetime * 0.1, minWindowMs), maxWindowMs, lifetime / 2);
  const margin = Math.min(maxMarginMs, lifetime / 4);
  return { refreshAt: expiresAt - window, usableUntil: expiresAt - margin };
}
