// Load generators and statistics.

/** Percentile (0–100) of unsorted samples, nearest rank. */
export function percentile(samples: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(samples).sort();
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

/** What one closed-loop run measured. */
export interface RunResult {
  /** Calls made. */
  calls: number;
  /** Median and 99th-percentile latency of one call, ms. */
  p50Ms: number;
  p99Ms: number;
  /** Calls per second of wall time. */
  perSecond: number;
  /** Client CPU (user + system of this process) per call, µs. */
  cpuUs: number;
}

/**
 * `calls` calls with `concurrency` of them in flight at all times (a closed loop), timing each
 * one and the process's CPU time over the whole run.
 */
export async function closedLoop(call: () => Promise<unknown>, calls: number, concurrency: number): Promise<RunResult> {
  const latencies = new Float64Array(calls);
  let next = 0;
  const worker = async () => {
    while (next < calls) {
      const index = next++;
      const start = performance.now();
      await call();
      latencies[index] = performance.now() - start;
    }
  };
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    calls,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    perSecond: (calls / wallMs) * 1000,
    cpuUs: (cpu.user + cpu.system) / calls,
  };
}

/** One call of an open-loop run: when it started (epoch ms), how long it took, whether it succeeded. */
export interface TimedCall {
  startedAt: number;
  latencyMs: number;
  ok: boolean;
}

const epochNow = () => performance.timeOrigin + performance.now();
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/**
 * Calls at a fixed rate for `durationMs`, whatever the previous calls are doing (an open loop, so
 * that a stalled call does not hide the calls it would have delayed). Resolves when all are done.
 */
export async function openLoop(call: () => Promise<unknown>, perSecond: number, durationMs: number): Promise<TimedCall[]> {
  const results: TimedCall[] = [];
  const pending: Promise<void>[] = [];
  const intervalMs = 1000 / perSecond;
  const started = epochNow();
  let due = started;
  while (due < started + durationMs) {
    const now = epochNow();
    while (due <= now && due < started + durationMs) {
      const startedAt = epochNow();
      pending.push(
        call().then(
          () => void results.push({ startedAt, latencyMs: epochNow() - startedAt, ok: true }),
          () => void results.push({ startedAt, latencyMs: epochNow() - startedAt, ok: false }),
        ),
      );
      due += intervalMs;
    }
    await tick();
  }
  await Promise.all(pending);
  return results.sort((a, b) => a.startedAt - b.startedAt);
}
