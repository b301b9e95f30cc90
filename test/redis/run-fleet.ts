// Starts N worker processes against a fleet server and a Redis, and collects their reports.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { clientId, clientSecret, type Exchange } from './fleet-server';

export interface WorkerReport {
  worker: string;
  calls: number;
  failures: number;
  /** API requests that left the process with a token past its expiry. */
  expiredSends: number;
  /** Distinct tokens the process sent: the generations it saw. */
  tokensUsed: number;
  /** Process CPU time per call while calling, µs. */
  cpuUsPerCall: number;
  errors: string[];
  stats: Record<string, number>;
}

export interface FleetRun {
  processes: number;
  callers: number;
  durationMs: number;
  redisUrl: string;
  tokenUrl: string;
  apiUrl: string;
  store?: 'redis' | 'memory';
  /** The workers' `tokenStoreTimeoutMs`. @default 1_000 */
  storeTimeoutMs?: number;
  /** The RedisTokenStore's `leaseMs`: longer than one exchange takes. @default 1_000 */
  leaseMs?: number;
  /** Pause between two calls of one caller, ms. @default random 5–20 */
  pauseMs?: number;
  /** Calls made before the CPU per call is counted (the first exchange, cold code). @default 0 */
  warmupMs?: number;
}

const root = join(import.meta.dirname, '..', '..');
const workerPath = join(import.meta.dirname, 'fleet-worker.mjs');

/** Runs the fleet; `children` lets a test kill one meanwhile. Reports of killed workers are missing. */
export function runFleet(run: FleetRun): { children: Map<string, ChildProcess>; ready: Promise<void>; done: Promise<WorkerReport[]> } {
  if (!existsSync(join(root, 'dist', 'redis.js'))) throw new Error('The fleet tests run the built package: run `npm run build` first');
  const children = new Map<string, ChildProcess>();
  const started: Promise<void>[] = [];
  const reports = Array.from({ length: run.processes }, () => {
    const child = spawn(process.execPath, [workerPath], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
      env: {
        ...process.env,
        REDIS_URL: run.redisUrl,
        TOKEN_URL: run.tokenUrl,
        API_URL: run.apiUrl,
        CLIENT_ID: clientId,
        CLIENT_SECRET: clientSecret,
        CALLERS: String(run.callers),
        DURATION_MS: String(run.durationMs),
        STORE: run.store ?? 'redis',
        STORE_TIMEOUT_MS: String(run.storeTimeoutMs ?? 1_000),
        ...(run.pauseMs === undefined ? {} : { PAUSE_MS: String(run.pauseMs) }),
        ...(run.warmupMs === undefined ? {} : { WARMUP_MS: String(run.warmupMs) }),
        ...(run.leaseMs === undefined ? {} : { LEASE_MS: String(run.leaseMs) }),
      },
    });
    children.set(String(child.pid), child);
    let output = '';
    started.push(
      new Promise<void>((resolve) => {
        const onData = (chunk: Buffer) => `${output}${chunk.toString()}`.includes('ready ') && resolve();
        child.stdout!.on('data', onData);
        child.once('exit', () => resolve());
      }),
    );
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return new Promise<WorkerReport | undefined>((resolve) => {
      child.once('exit', () => {
        const line = output.trim().split('\n').at(-1) ?? '';
        resolve(line.startsWith('{') ? (JSON.parse(line) as WorkerReport) : undefined);
      });
    });
  });
  // Every process is up: they start calling together.
  const ready = Promise.all(started).then(() => {
    for (const child of children.values()) child.stdin!.end('go\n');
  });
  return { children, ready, done: Promise.all(reports).then((all) => all.filter((report) => report !== undefined)) };
}

/**
 * Exchanges that came sooner after the previous one than any renewal could: with the fleet's
 * renewal point at least half a lifetime after issue, two exchanges closer than a quarter of the
 * lifetime belong to the same renewal.
 */
export function extraExchanges(exchanges: readonly Exchange[], lifetimeMs: number, from = 0): number {
  const times = exchanges.map((exchange) => exchange.at).sort((a, b) => a - b);
  let extra = 0;
  for (let index = 1; index < times.length; index++) {
    if (times[index]! >= from && times[index]! - times[index - 1]! < lifetimeMs / 4) extra += 1;
  }
  return extra;
}

/** Exchanges grouped by renewal (as in extraExchanges): how many each renewal took, in order. */
export function exchangesPerRenewal(exchanges: readonly Exchange[], lifetimeMs: number): number[] {
  const times = exchanges.map((exchange) => exchange.at).sort((a, b) => a - b);
  const groups: number[] = [];
  times.forEach((time, index) => {
    if (index > 0 && time - times[index - 1]! < lifetimeMs / 4) groups[groups.length - 1]! += 1;
    else groups.push(1);
  });
  return groups;
}
