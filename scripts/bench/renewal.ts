// 3. Latency across a renewal: calls at a fixed rate while short-lived tokens come and go, with
// latency injected on the token endpoint so that a caller who waits for a renewal shows in p99.
// Calls starting within `windowMs` of a refresh point are "around a renewal", the others after the
// cold start are "steady". A refresh point is when a renewal reached the token endpoint, or, for a
// token that was never renewed, when it expired. The goal's ratio compares p99 window by window
// (each renewal's window against steady windows of the same length, median over windows), so that
// one stall of a shared machine moves one window rather than the result; pooled p99s are given too.
import { median, openLoop, percentile, type TimedCall } from './measure.ts';
import type { ServerProcess } from './server-process.ts';
import { tokenManagingVariants, type BenchEnv } from './variants.ts';

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
  /** Median over renewal windows of their p99 / median over steady windows of the same length of theirs. */
  windowP99Ratio: number;
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

export async function renewalLatency(
  server: ServerProcess,
  env: BenchEnv,
  settings: RenewalSettings,
  progress: (text: string) => void,
): Promise<RenewalResult[]> {
  const results: RenewalResult[] = [];
  for (const variant of tokenManagingVariants) {
    progress(`latency across a renewal: ${variant.name}`);
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
    const aroundCalls = measured.filter(near);
    const steadyCalls = measured.filter((call) => !near(call));
    const around = stats(aroundCalls);
    const steady = stats(steadyCalls);
    const span = 2 * settings.windowMs;
    const aroundWindows = points.map((point) => aroundCalls.filter((call) => Math.abs(call.startedAt - point) <= settings.windowMs));
    const steadyByWindow = new Map<number, TimedCall[]>();
    for (const call of steadyCalls) {
      const index = Math.floor((call.startedAt - started) / span);
      steadyByWindow.set(index, [...(steadyByWindow.get(index) ?? []), call]);
    }
    const steadyWindows = [...steadyByWindow.values()];
    results.push({
      variant: variant.name,
      steady,
      around,
      p99Ratio: around.p99Ms / steady.p99Ms,
      windowP99Ratio: windowedP99(aroundWindows) / windowedP99(steadyWindows),
      tokenRequests: issued.length,
      refreshPoints: points.length,
    });
  }
  await server.control('reset');
  return results;
}
