// `npm run bench`: keycard against plain fetch, ky, openapi-fetch, the hand-written alternatives and
// the floor of its own stack, side by side in this process, over loopback sockets to the sandbox
// served by a child process (so that this process's CPU time is the client's alone).
//
//   npm run bench                  Markdown tables on stdout, progress on stderr
//   npm run bench -- --json        one JSON document on stdout
//   npm run bench -- --quick       fewer calls, for trying changes (numbers are rougher)
//
// KEYCARD_BENCH_SOURCE=src measures src/ instead of the built package.
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--json' && arg !== '--quick');
if (unknown.length > 0) {
  console.error(`Unknown option ${unknown.join(' ')}; use --json and/or --quick`);
  process.exit(2);
}

// The memory measurement needs gc(), and src/ (the sandbox server, KEYCARD_BENCH_SOURCE=src) the
// resolver hook: run again with both.
if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
  const hooks = new URL('./bench/src-hooks.ts', import.meta.url).pathname;
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', hooks, import.meta.filename, ...args], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

const json = args.includes('--json');
const quick = args.includes('--quick');
const progress = (text: string) => process.stderr.write(`bench: ${text}\n`);
const started = performance.now();
const loadAverage = loadavg();

const { startServerProcess } = await import('./bench/server-process.ts');
const { benchEnv } = await import('./bench/environment.ts');
const { ROUTE, routes } = await import('./bench/target.ts');
const { perRequest } = await import('./bench/per-request.ts');
const { tokenTraffic } = await import('./bench/token-traffic.ts');
const { renewalLatency } = await import('./bench/renewal.ts');
const { measureBundles } = await import('./bench/bundle-size.ts');
const { memory } = await import('./bench/memory.ts');
const { fleetBench } = await import('./bench/fleet.ts');
const { observeCost } = await import('./bench/observe-cost.ts');
const { keycardSource } = await import('./bench/keycard.ts');
const { goals, markdown } = await import('./bench/report.ts');
type BenchResults = import('./bench/report.ts').BenchResults;

const settings = {
  perRequest: quick ? { rounds: 2, calls: { 1: 50, 64: 192 }, warmupCalls: 50 } : { rounds: 9, calls: { 1: 384, 64: 1344 }, warmupCalls: 300 },
  observeCost: quick ? { rounds: 3, calls: { 1: 200, 64: 640 }, warmupCalls: 50 } : { rounds: 7, calls: { 1: 600, 64: 2000 }, warmupCalls: 300 },
  tokenTraffic: {
    concurrentCalls: 1000,
    dayMs: 24 * 3600_000,
    callEveryMs: quick ? 300_000 : 60_000,
    lifetimesS: [12 * 3600, 15 * 60],
  },
  renewal: { lifetimeS: 4, tokenLatencyMs: 50, perSecond: 150, durationMs: quick ? 4_500 : 5_000, keycardDurationMs: quick ? 4_500 : 11_000, windowMs: 500, coldMs: 500, keycardRuns: quick ? 1 : 3 },
  memory: { readings: quick ? [2_000, 10_000, 20_000, 30_000] : [10_000, 100_000, 150_000, 200_000, 250_000, 300_000], concurrency: 64 },
  fleet: { sizes: [1, 4, 8], callers: 4, durationMs: quick ? 4_000 : 8_000, lifetimeSeconds: 3, perCallDurationMs: quick ? 1_000 : 2_000, perCallRounds: quick ? 3 : 5 },
};

progress('starting the sandbox server');
const server = await startServerProcess();
let results: BenchResults;
try {
  const route = routes[ROUTE];
  const env = await benchEnv(server, route);
  const oauthEnv = route.auth === 'oauth' ? env : await benchEnv(server, routes.scrydon);
  const timings: Record<string, number> = {};
  const timed = async <T>(part: string, run: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await run();
    } finally {
      timings[part] = (performance.now() - start) / 1000;
    }
  };
  const perRequestRows = await timed('per-request', () => perRequest(env, settings.perRequest, progress));
  const observeCostRows = await timed('observability cost', () => observeCost(env, settings.observeCost, progress));
  const traffic = await timed('token traffic', () => tokenTraffic(server, oauthEnv, settings.tokenTraffic, progress));
  const renewal = await timed('renewal', () => renewalLatency(server, oauthEnv, settings.renewal, progress));
  progress('bundle sizes');
  const bundles = await timed('bundles', () => measureBundles());
  const heap = await timed('memory', () => memory(settings.memory, progress));
  const fleet = await timed('fleet', () => fleetBench(settings.fleet, progress));
  results = {
    machine: { cpus: availableParallelism(), model: cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform}-${process.arch}`, loadAverage },
    keycardSource,
    route: `${ROUTE}: GET ${route.path}`,
    perRequest: perRequestRows,
    observeCost: observeCostRows,
    tokenTraffic: traffic,
    renewal,
    bundles,
    memory: heap,
    fleet,
    timings,
    durationS: (performance.now() - started) / 1000,
  };
} finally {
  await server.stop();
}

if (json) process.stdout.write(`${JSON.stringify({ ...results, settings, goals: goals(results) }, null, 2)}\n`);
else process.stdout.write(`${markdown(results)}\n`);
