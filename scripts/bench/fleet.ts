// 6. Fleets: token exchanges per renewal for fleets of processes sharing a MemoryTokenStore each (so
// nothing) or one RedisTokenStore, and the per-call cost with each. Child processes run the built
// package against a counting token endpoint and a redis-server on loopback (test/redis's helpers).
import { startFleetServer } from '../../test/redis/fleet-server.ts';
import { startRedisServer } from '../../test/redis/redis-server.ts';
import { runFleet } from '../../test/redis/run-fleet.ts';

export interface FleetSettings {
  sizes: number[];
  callers: number;
  durationMs: number;
  lifetimeSeconds: number;
  perCallDurationMs: number;
  /** Rounds of the per-call runs, memory and Redis side by side in each, in alternating order. */
  perCallRounds: number;
}

export interface FleetRow {
  processes: number;
  store: 'memory' | 'redis';
  exchanges: number;
  /** Generations of the token the fleet went through: the most distinct tokens one process sent. */
  renewals: number;
  perRenewal: number;
  failedCalls: number;
  expiredSends: number;
  /** Store operations that failed or ran past the budget (each then renewed on its own). */
  storeFailures: number;
}

export interface FleetResult {
  rows: FleetRow[];
  /** Client CPU per call with a warm token, µs (median of rounds): one process, one caller, no pause; `ratio` is the median of the rounds' ratios. */
  perCall: { memoryUs: number; redisUs: number; ratio: number };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function fleetBench(settings: FleetSettings, progress: (text: string) => void): Promise<FleetResult> {
  const redis = await startRedisServer();
  const rows: FleetRow[] = [];
  try {
    for (const store of ['memory', 'redis'] as const) {
      for (const processes of settings.sizes) {
        progress(`fleet: ${processes} processes × ${settings.callers} callers, ${store} store`);
        const fleet = await startFleetServer({ lifetimeSeconds: settings.lifetimeSeconds });
        try {
          // A lease well past one exchange, even on a loaded machine: a lease that lapses mid-exchange
          // rightly lets another process exchange too.
          const run = { processes, callers: settings.callers, durationMs: settings.durationMs, redisUrl: redis.url, store, leaseMs: 5_000, ...fleet };
          const reports = await runFleet(run).done;
          const renewals = Math.max(1, ...reports.map((report) => report.tokensUsed));
          const exchanges = fleet.state.exchanges.length;
          rows.push({
            processes,
            store,
            exchanges,
            renewals,
            perRenewal: exchanges / renewals,
            failedCalls: reports.reduce((sum, report) => sum + report.failures, 0),
            expiredSends: reports.reduce((sum, report) => sum + report.expiredSends, 0),
            storeFailures: reports.reduce((sum, report) => sum + (report.stats.tokenStoreFailures ?? 0), 0),
          });
        } finally {
          await fleet.close();
        }
      }
    }
    const perCall = async (store: 'memory' | 'redis') => {
      progress(`fleet: per-call cost, ${store} store`);
      const fleet = await startFleetServer({ lifetimeSeconds: 3600 });
      try {
        const run = { processes: 1, callers: 1, durationMs: settings.perCallDurationMs, warmupMs: 500, redisUrl: redis.url, store, pauseMs: 0, ...fleet };
        return (await runFleet(run).done)[0]?.cpuUsPerCall ?? Number.NaN;
      } finally {
        await fleet.close();
      }
    };
    // Side by side, round after round: one run of each is at the mercy of whatever else the machine does.
    const rounds: { memoryUs: number; redisUs: number }[] = [];
    for (let round = 0; round < settings.perCallRounds; round++) {
      const order = round % 2 === 0 ? (['memory', 'redis'] as const) : (['redis', 'memory'] as const);
      const measured: Record<string, number> = {};
      for (const store of order) measured[store] = await perCall(store);
      rounds.push({ memoryUs: measured.memory!, redisUs: measured.redis! });
    }
    return {
      rows,
      perCall: {
        memoryUs: median(rounds.map((round) => round.memoryUs)),
        redisUs: median(rounds.map((round) => round.redisUs)),
        ratio: median(rounds.map((round) => round.redisUs / round.memoryUs)),
      },
    };
  } finally {
    await redis.stop();
  }
}
