// 3. Latency across a renewal: calls at a fixed rate while short-lived tokens come and go, with
// latency injected on the token endpoint so that a caller who waits for a renewal shows in p99.
// Calls starting within `windowMs` of a refresh point are "around a renewal", the others after the
// cold start are "steady". A refresh point is when a renewal reached the token endpoint, or, for a
// token that was never renewed, when it expired. The goal's ratio compares p99 window by window
// (each renewal's window against steady windows of the same length, median over windows), so that
// one stall of a shared machine moves one window rather than the result; pooled p99s are given too.
// Even so a single run's ratio swings by ±40% on a shared 2-vCPU machine, so keycard, whose ratio is
// the goal, runs several times and its ratio is the median of the runs'.
import { median, openLoop, percentile, type TimedCall } from './measure.ts';
import type { ServerProcess } from './server-process.ts';
import { tokenManagingVariants, type BenchEnv, type Variant } from './variants.ts';

export interface RenewalSettings {
  lifetimeS: number;
  tokenLatencyMs: number;
  perSecond: number;
  durationMs: number;
  /** keycard runs longer (more renewals), since its ratio is the goal and noise weighs more on it. */
  keycardDurationMs: number;
  windowMs: number;
  /** Calls in the first ms are the cold start: neither steady nor around a renewal. */
  coldMs: number;
  /** How many times keycard runs; its ratio is the median of the runs' ratios. */
  keycardRuns: number;
}

interface Stats {
  calls: number;
  failed: number;
  p50Ms: number;
  p99Ms: number;
}

export interface RenewalResult {
  variant: string;
  steady: Stats;
  around: Stats;
  /** p99 of all calls around renewals / p99 of all steady calls. */
  p99Ratio: number;
  /** Median over renewal windows of their p99 / median over steady windows of the same length of theirs (median over runs). */
  windowP99Ratio: number;
  /** That ratio in each run. */
  windowP99Ratios: number[];
  tokenRequests: number;
  refreshPoints: number;
}

const p99Of = (calls: TimedCall[]) =>
  percentile(
    calls.map((call) => call.latencyMs),
    99,
  );

/** The median over windows of each window's p99 (windows with too few calls for a p99 are left out). */
const windowedP99 = (windows: TimedCall[][]) => median(windows.filter((window) => window.length >= 50).map(p99Of));

const stats = (calls: TimedCall[]): Stats => ({
  calls: calls.length,
  failed: calls.filter((call) => !call.ok).length,
  p50Ms: percentile(
    calls.map((call) => call.latencyMs),
    50,
  ),
  p99Ms: percentile(
    calls.map((call) => call.latencyMs),
    99,
  ),
});

/** One open-loop run of a variant: the calls around each refresh point, and steady windows of the same length. */
async function measureRun(server: ServerProcess, env: BenchEnv, settings: RenewalSettings, variant: Variant) {
  await server.control('reset');
  await server.control('setTokenLifetime', 'scrydon', settings.lifetimeS);
  await server.control('inject', 'scrydon', { tokenEndpoint: true, latencyMs: settings.tokenLatencyMs, times: 1_000_000 });
  const issuedBefore = await server.control<number>('issuedCount');
  const call = variant.create(env);
  const durationMs = variant.kind === 'keycard' ? settings.keycardDurationMs : settings.durationMs;
  const calls = await openLoop(call, settings.perSecond, durationMs);
  const started = calls[0]!.startedAt;
  const end = started + durationMs;
  // Issue times are taken after the injected latency: a renewal reached the endpoint that much earlier.
  const issued = await server.control<number[]>('issuedSince', issuedBefore);
  const reached = issued.map((at) => at - settings.tokenLatencyMs);
  const points = reached.filter((at) => at >= started + settings.coldMs);
  // A token that expired within the run with no renewal reaching the endpoint near its expiry.
  for (const at of issued) {
    const expiry = at + settings.lifetimeS * 1000;
    if (expiry < end && !reached.some((other) => other > at && other <= expiry + settings.windowMs)) points.push(expiry);
  }
  // Renewals that come in a burst (no single flight) make one refresh point.
  points.sort((a, b) => a - b);
  for (let index = points.length - 1; index > 0; index--) if (points[index]! - points[index - 1]! <= settings.windowMs) points.splice(index, 1);
  const near = (call: TimedCall) => points.some((point) => Math.abs(call.startedAt - point) <= settings.windowMs);
  const measured = calls.filter((call) => call.startedAt >= started + settings.coldMs);
  const aroundWindows = points.map((point) => measured.filter((call) => Math.abs(call.startedAt - point) <= settings.windowMs));
  const span = 2 * settings.windowMs;
  const steadyByWindow = new Map<number, TimedCall[]>();
  for (const call of measured) {
    if (near(call)) continue;
    const index = Math.floor((call.startedAt - started) / span);
    steadyByWindow.set(index, [...(steadyByWindow.get(index) ?? []), call]);
  }
  return { aroundWindows, steadyWindows: [...steadyByWindow.values()], tokenRequests: issued.length };
}

export async function renewalLatency(
  server: ServerProcess,
  env: BenchEnv,
  settings: RenewalSettings,
  progress: (text: string) => void,
): Promise<RenewalResult[]> {
  const results: RenewalResult[] = [];
  for (const variant of tokenManagingVariants) {
    // keycard's ratio is the goal: it runs several times, and its ratio is the median of the runs'.
    const runs = variant.kind === 'keycard' ? settings.keycardRuns : 1;
    const aroundCalls: TimedCall[] = [];
    const steadyCalls: TimedCall[] = [];
    const ratios: number[] = [];
    let tokenRequests = 0;
    let refreshPoints = 0;
    for (let run = 0; run < runs; run++) {
      progress(`latency across a renewal: ${variant.name}${runs > 1 ? `, run ${run + 1} of ${runs}` : ''}`);
      const measured = await measureRun(server, env, settings, variant);
      aroundCalls.push(...measured.aroundWindows.flat());
      steadyCalls.push(...measured.steadyWindows.flat());
      ratios.push(windowedP99(measured.aroundWindows) / windowedP99(measured.steadyWindows));
      tokenRequests += measured.tokenRequests;
      refreshPoints += measured.aroundWindows.length;
    }
    const around = stats(aroundCalls);
    const steady = stats(steadyCalls);
    results.push({
      variant: variant.name,
      steady,
      around,
      p99Ratio: around.p99Ms / steady.p99Ms,
      windowP99Ratio: median(ratios),
      windowP99Ratios: ratios,
      tokenRequests,
      refreshPoints,
    });
  }
  await server.control('reset');
  return results;
}
