// 1. Per-request cost of one authenticated GET with a warm client: every variant at concurrency 1
// and 64, interleaved in rounds and summarised by the median over rounds, so that drift and machine
// noise hit every variant alike. Each round runs the variants in a new shuffled order (seeded, so
// runs are comparable): a variant that always ran right after the same other one measured up to
// 30% more CPU than an identical copy of itself placed elsewhere.
import { closedLoop, median, type RunResult } from './measure.ts';
import { variants, type BenchEnv, type VariantKind } from './variants.ts';

export interface PerRequestSettings {
  rounds: number;
  /** Calls per variant per round, by concurrency. */
  calls: Record<number, number>;
  warmupCalls: number;
}

export interface PerRequestRow extends Omit<RunResult, 'calls'> {
  variant: string;
  kind: VariantKind;
  concurrency: number;
  /** Calls measured in all rounds together. */
  calls: number;
  /** p50 latency and CPU per call as ratios to plain fetch: the median of the ratios within each round. */
  latencyVsFetch: number;
  cpuVsFetch: number;
  /** The same, as ratios to openapi-fetch over a bare ky (the floor of keycard's own stack). */
  latencyVsFloor: number;
  cpuVsFloor: number;
  /** Each round's result, in round order. */
  rounds: RunResult[];
}

/** The reference variants of the ratios. */
export const fetchVariant = 'fetch';
export const floorVariant = 'openapi-fetch + ky';

/** A small seeded PRNG (mulberry32), so every run shuffles the rounds the same way. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A Fisher–Yates shuffled copy. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();

export async function perRequest(env: BenchEnv, settings: PerRequestSettings, progress: (text: string) => void): Promise<PerRequestRow[]> {
  const clients = variants.map((variant) => ({ variant, call: variant.create(env) }));
  const concurrencies = Object.keys(settings.calls).map(Number);
  for (const { call } of clients) await closedLoop(call, settings.warmupCalls, 8);

  const runs = new Map<string, RunResult[]>();
  const random = seededRandom(0x6b6579);
  for (let round = 0; round < settings.rounds; round++) {
    progress(`per-request cost: round ${round + 1} of ${settings.rounds}`);
    for (const concurrency of concurrencies) {
      const order = shuffled(clients, random);
      for (const { variant, call } of order) {
        gc();
        const result = await closedLoop(call, settings.calls[concurrency]!, concurrency);
        const key = `${variant.name}@${concurrency}`;
        runs.set(key, [...(runs.get(key) ?? []), result]);
      }
    }
  }

  const rows: PerRequestRow[] = [];
  for (const concurrency of concurrencies) {
    const roundsOf = (name: string) => runs.get(`${name}@${concurrency}`)!;
    // Ratios within a round compare runs made seconds apart, which cancels the machine's drift.
    const ratio = (name: string, reference: string, pick: (result: RunResult) => number) => {
      const references = roundsOf(reference);
      return median(roundsOf(name).map((result, round) => pick(result) / pick(references[round]!)));
    };
    for (const { variant } of clients) {
      const rounds = roundsOf(variant.name);
      const of = (pick: (result: RunResult) => number) => median(rounds.map(pick));
      rows.push({
        variant: variant.name,
        kind: variant.kind,
        concurrency,
        calls: rounds.reduce((sum, result) => sum + result.calls, 0),
        p50Ms: of((result) => result.p50Ms),
        p99Ms: of((result) => result.p99Ms),
        perSecond: of((result) => result.perSecond),
        cpuUs: of((result) => result.cpuUs),
        latencyVsFetch: ratio(variant.name, fetchVariant, (result) => result.p50Ms),
        cpuVsFetch: ratio(variant.name, fetchVariant, (result) => result.cpuUs),
        latencyVsFloor: ratio(variant.name, floorVariant, (result) => result.p50Ms),
        cpuVsFloor: ratio(variant.name, floorVariant, (result) => result.cpuUs),
        rounds,
      });
    }
  }
  return rows;
}
