// A fleet of processes sharing one token through Redis, on real time (leases run on Redis's clock):
// 3 s tokens (renewed from 1.5 s, sent until 2.25 s), 1 s leases, and counts asserted, not timings.
// The store budget is generous where the test is about leases, so that a loaded machine's slow
// answers are not taken for a store that is down (which would rightly add exchanges).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFleetServer } from './fleet-server';
import { startRedisServer, type RedisServer } from './redis-server';
import { exchangesPerRenewal, extraExchanges, runFleet, type WorkerReport } from './run-fleet';

const lifetimeSeconds = 3;
const lifetimeMs = lifetimeSeconds * 1000;
let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

/** What a failed assertion prints: exchanges (ms from the first, and which process) and each process's counters. */
const summary = (fleet: { state: { exchanges: { at: number; worker: string | null }[]; lateBy: number[] } }, reports: WorkerReport[]) => {
  const first = fleet.state.exchanges[0]?.at ?? 0;
  return JSON.stringify({ arrivedLateBy: fleet.state.lateBy, exchanges: fleet.state.exchanges.map((exchange) => [exchange.at - first, exchange.worker]), reports: reports.map((report) => report.stats) });
};
const expiredSends = (reports: WorkerReport[]) => reports.reduce((sum, report) => sum + report.expiredSends, 0);
const failuresOf = (reports: WorkerReport[]) => reports.flatMap((report) => report.errors);
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Fleet = Awaited<ReturnType<typeof startFleetServer>>;

/** What every fleet run must show, whatever happened to it: no failed call, no expired or unknown token sent. */
function expectNoCallHurt(fleet: Fleet, reports: WorkerReport[]): void {
  expect(failuresOf(reports)).toEqual([]);
  expect(expiredSends(reports), summary(fleet, reports)).toBe(0);
  expect(fleet.state.unknownUses).toBe(0);
}

describe('a fleet sharing tokens through Redis', () => {
  test('4 processes × 5 callers on 3 s tokens: one exchange per renewal, no expired token sent, no failed call', async () => {
    const fleet = await startFleetServer({ lifetimeSeconds });
    try {
      const reports = await runFleet({ processes: 4, callers: 5, durationMs: 8_000, storeTimeoutMs: 3_000, redisUrl: redis.url, ...fleet }).done;
      expect(reports).toHaveLength(4);
      expectNoCallHurt(fleet, reports);
      expect(fleet.state.exchanges.length).toBeGreaterThanOrEqual(3); // the cold start and at least two renewals
      expect(extraExchanges(fleet.state.exchanges, lifetimeMs), summary(fleet, reports)).toBe(0);
    } finally {
      await fleet.close();
    }
  });

  test('the lease holder SIGKILLed mid-exchange: another process takes over after the lease, and no call fails', async () => {
    let killed: string | undefined;
    let run: ReturnType<typeof runFleet> | undefined;
    const fleet = await startFleetServer({
      lifetimeSeconds,
      // The second renewal never answers: its asker is killed while it waits.
      hold: (exchange, index) => {
        if (index !== 3 || exchange.worker === null) return undefined;
        killed = exchange.worker;
        run?.children.get(exchange.worker)?.kill('SIGKILL');
        return wait(50);
      },
    });
    try {
      run = runFleet({ processes: 4, callers: 5, durationMs: 9_000, storeTimeoutMs: 3_000, redisUrl: redis.url, ...fleet });
      const reports = await run.done;
      expect(killed).toBeDefined();
      expect(reports.map((report) => report.worker)).not.toContain(killed);
      expect(reports).toHaveLength(3);
      expectNoCallHurt(fleet, reports);
      expect(fleet.state.exchanges.length).toBeGreaterThanOrEqual(4); // the killed exchange and the takeover among them
      expect(extraExchanges(fleet.state.exchanges, lifetimeMs), summary(fleet, reports)).toBe(0);
    } finally {
      await fleet.close();
    }
  });

  test('Redis stopped and restarted mid-run: processes renew on their own meanwhile, no call fails, and one exchange per renewal returns', async () => {
    const fleet = await startFleetServer({ lifetimeSeconds });
    try {
      const run = runFleet({ processes: 4, callers: 5, durationMs: 16_000, redisUrl: redis.url, ...fleet });
      await run.ready;
      await wait(2_000);
      const stoppedAt = Date.now();
      await redis.stop();
      await wait(4_000);
      await redis.restart();
      const restartedAt = Date.now();
      const reports = await run.done;
      expect(reports).toHaveLength(4);
      expectNoCallHurt(fleet, reports);
      const first = fleet.state.exchanges[0]!.at;
      const outage = `Redis down from ${stoppedAt - first} to ${restartedAt - first} ms: ${summary(fleet, reports)}`;
      expect(reports.reduce((sum, report) => sum + report.stats.tokenStoreFailures!, 0), outage).toBeGreaterThan(0);
      // Back to one exchange per renewal once every process has asked the store again (its rest is at most 5 s).
      expect(exchangesPerRenewal(fleet.state.exchanges, lifetimeMs).slice(-2), outage).toEqual([1, 1]);
    } finally {
      await fleet.close();
    }
  });
});
