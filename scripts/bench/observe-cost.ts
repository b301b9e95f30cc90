// 1b. What observability costs a call when nothing listens: keycard told `logLevel: 'off'` against
// keycard as built by default, and, as the noise floor, keycard against an identical second client.
// Each pair runs back to back in A B B A order, round after round, so that drift and the position
// in the run hit both sides alike; the per-request table's ratios go through a floor variant run
// seconds apart and cannot tell a 5% difference from where a variant happened to run.
import { closedLoop, median } from './measure.ts';
import { variants, type BenchEnv } from './variants.ts';

export interface ObserveCostSettings {
  rounds: number;
  /** Calls per run, by concurrency. */
  calls: Record<number, number>;
  warmupCalls: number;
}

export interface ObserveCostRow {
  concurrency: number;
  /** CPU per call of `logLevel: 'off'` over keycard's default: the median of the rounds' A B B A ratios. */
  offVsKeycard: number;
  /** The same for two identical keycard clients: what the method cannot tell apart. */
  keycardVsItself: number;
}

const variant = (name: string) => {
  const found = variants.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`bench: no variant named ${name}`);
  return found;
};

export async function observeCost(env: BenchEnv, settings: ObserveCostSettings, progress: (text: string) => void): Promise<ObserveCostRow[]> {
  const keycard = variant('keycard').create(env);
  const twin = variant('keycard').create(env);
  const off = variant('keycard, logging off, no hooks').create(env);
  for (const call of [keycard, twin, off]) await closedLoop(call, settings.warmupCalls, 8);
  const gc = () => (globalThis as { gc?: () => void }).gc?.();

  /** CPU of `b` over `a`, from runs a, b, b, a. */
  const paired = async (a: () => Promise<unknown>, b: () => Promise<unknown>, calls: number, concurrency: number) => {
    const cpu: number[] = [];
    for (const call of [a, b, b, a]) {
      gc();
      cpu.push((await closedLoop(call, calls, concurrency)).cpuUs);
    }
    return (cpu[1]! + cpu[2]!) / (cpu[0]! + cpu[3]!);
  };

  const rows: ObserveCostRow[] = [];
  for (const [concurrency, calls] of Object.entries(settings.calls).map(([key, value]) => [Number(key), value] as const)) {
    const offRatios: number[] = [];
    const twinRatios: number[] = [];
    for (let round = 0; round < settings.rounds; round++) {
      progress(`observability cost: concurrency ${concurrency}, round ${round + 1} of ${settings.rounds}`);
      offRatios.push(await paired(keycard, off, calls, concurrency));
      twinRatios.push(await paired(keycard, twin, calls, concurrency));
    }
    rows.push({ concurrency, offVsKeycard: median(offRatios), keycardVsItself: median(twinRatios) });
  }
  return rows;
}
