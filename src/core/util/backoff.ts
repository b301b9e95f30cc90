/** How a backoff grows and how much of it is random. */
export interface BackoffSettings {
  /** The cap of the first wait, in ms; it doubles with each failure. */
  baseMs: number;
  /** The largest cap, in ms. */
  maxMs: number;
  /**
   * `full`: anywhere from 0 to the cap (AWS "full jitter": spreads a crowd of clients the most).
   * `equal`: half the cap fixed, half random (never retries at once, still spread).
   */
  jitter: 'full' | 'equal';
}

/**
 * The wait before retry number `failures` (1 for the first), from one of the jitter formulas of
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/. `random` is
 * `Math.random` unless a test pins it.
 */
export function backoffMs(failures: number, settings: BackoffSettings, random: () => number = Math.random): number {
  const cap = Math.min(settings.maxMs, settings.baseMs * 2 ** Math.max(0, failures - 1));
  return settings.jitter === 'full' ? random() * cap : cap / 2 + (random() * cap) / 2;
}

/** A short pause before looking again: `ms` held within 10 ms … 1 s, then spread over half to one and a half times that. */
export function shortPauseMs(ms: number, random: () => number = Math.random): number {
  return Math.min(1_000, Math.max(10, ms)) * (0.5 + random());
}
