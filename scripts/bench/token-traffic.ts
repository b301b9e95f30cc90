// 2. Token traffic: token requests for 1,000 concurrent calls on a cold client, and over a
// simulated day of steady calls with 12 h and with 15 min tokens; and how many requests carried
// an expired token. Counted by the sandbox.
import { tokenTiming } from '../../src/core/auth/token-timing.ts';
import type { ApiCounts } from '../../src/sandbox/sandbox-control.ts';
import type { ServerProcess } from './server-process.ts';
import { tokenManagingVariants, type BenchEnv } from './variants.ts';
import { installVirtualClock } from './virtual-clock.ts';

export interface TrafficSettings {
  concurrentCalls: number;
  /** Simulated duration and the interval between two steady calls, ms. */
  dayMs: number;
  callEveryMs: number;
  /** Token lifetimes of the day runs, seconds. */
  lifetimesS: number[];
}

export interface TrafficResult {
  /** What was run: `cold` or `day` with a token lifetime. */
  scenario: 'cold' | 'day';
  lifetimeS: number;
  variant: string;
  calls: number;
  failedCalls: number;
  tokenRequests: number;
  /** The least token requests that can serve the scenario: 1 cold, ⌈day / lifetime⌉ over a day. */
  minimum: number;
  /**
   * The least a client renewing ahead by DESIGN's refresh window can make: each token serves until
   * the first call at or after `expiry − window`. Equal to `minimum` for the cold scenario.
   */
  windowMinimum: number;
  expiredTokenUses: number;
  /** API requests answered 401. */
  rejected: number;
}

/** Token requests over the day when each token is replaced at the first call inside its refresh window. */
function windowMinimum(settings: TrafficSettings, lifetimeS: number): number {
  const { refreshAt } = tokenTiming(0, lifetimeS * 1000);
  const servedMs = Math.ceil(refreshAt / settings.callEveryMs) * settings.callEveryMs;
  return Math.ceil(settings.dayMs / servedMs);
}

const counts = (server: ServerProcess) => server.control<ApiCounts>('counts', 'scrydon');

export async function tokenTraffic(
  server: ServerProcess,
  env: BenchEnv,
  settings: TrafficSettings,
  progress: (text: string) => void,
): Promise<TrafficResult[]> {
  const results: TrafficResult[] = [];
  const scrydonLifetimeS = 900;

  for (const variant of tokenManagingVariants) {
    progress(`token traffic: ${settings.concurrentCalls} concurrent calls on a cold client, ${variant.name}`);
    await server.control('reset');
    const call = variant.create(env);
    const outcomes = await Promise.allSettled(Array.from({ length: settings.concurrentCalls }, () => call()));
    const after = await counts(server);
    results.push({
      scenario: 'cold',
      lifetimeS: scrydonLifetimeS,
      variant: variant.name,
      calls: settings.concurrentCalls,
      failedCalls: outcomes.filter((outcome) => outcome.status === 'rejected').length,
      tokenRequests: after.tokenExchanges,
      minimum: 1,
      windowMinimum: 1,
      expiredTokenUses: after.expiredTokenUses,
      rejected: after.rejected,
    });
  }

  for (const lifetimeS of settings.lifetimesS) {
    for (const variant of tokenManagingVariants) {
      progress(`token traffic: a simulated day with ${lifetimeS} s tokens, ${variant.name}`);
      await server.control('reset');
      await server.control('setTokenLifetime', 'scrydon', lifetimeS);
      const clock = installVirtualClock(server);
      let calls = 0;
      let failedCalls = 0;
      try {
        const call = variant.create(env);
        for (let elapsed = 0; elapsed < settings.dayMs; elapsed += settings.callEveryMs) {
          if (elapsed > 0) await clock.advance(settings.callEveryMs);
          calls += 1;
          await call().catch(() => (failedCalls += 1));
        }
      } finally {
        await clock.uninstall();
      }
      const after = await counts(server);
      results.push({
        scenario: 'day',
        lifetimeS,
        variant: variant.name,
        calls,
        failedCalls,
        tokenRequests: after.tokenExchanges,
        minimum: Math.ceil(settings.dayMs / (lifetimeS * 1000)),
        windowMinimum: windowMinimum(settings, lifetimeS),
        expiredTokenUses: after.expiredTokenUses,
        rejected: after.rejected,
      });
    }
  }
  await server.control('reset');
  return results;
}
