// One process of a fleet: M concurrent callers on one client until the deadline, then a JSON report
// on stdout. Plain JavaScript on the built package (npm test builds it first), as a user's process
// would run it, and so that type checking does not depend on a build.
import { createClient as createRedisClient } from 'redis';
import { clientCredentials, createClient } from '../../dist/index.js';
import { RedisTokenStore } from '../../dist/redis.js';

const env = process.env;
const callers = Number(env.CALLERS ?? 4);
const worker = String(process.pid);

const redis = createRedisClient({ url: env.REDIS_URL });
// Errors surface through the store's budget; unhandled 'error' events would end the process.
redis.on('error', () => {});
if (env.STORE !== 'memory') await redis.connect();

const report = { worker, calls: 0, failures: 0, expiredSends: 0, tokensUsed: 0, cpuUsPerCall: 0, errors: [], stats: {} };
const tokensUsed = new Set();

// Token requests say which process sent them, so a test can kill the lease holder mid-exchange; API
// requests are checked as they leave: the fleet server writes each token's expiry into the token.
const fetchAs = (input, init) => {
  if (!(input instanceof Request)) return fetch(input, { ...init, headers: { ...init?.headers, 'x-worker': worker } });
  const expiresAt = Number(/^Bearer fleet-\d+-(\d+)-/.exec(input.headers.get('authorization') ?? '')?.[1]);
  if (Date.now() >= expiresAt) report.expiredSends += 1;
  tokensUsed.add(expiresAt);
  return fetch(input, init);
};

const api = createClient({
  baseUrl: env.API_URL,
  auth: clientCredentials({ tokenUrl: env.TOKEN_URL, clientId: env.CLIENT_ID, clientSecret: env.CLIENT_SECRET }),
  fetch: fetchAs,
  tokenStoreTimeoutMs: Number(env.STORE_TIMEOUT_MS ?? 250),
  ...(env.STORE === 'memory' ? {} : { tokenStore: new RedisTokenStore({ client: redis, prefix: 'fleet:', leaseMs: Number(env.LEASE_MS ?? 1_000) }) }),
});

const pauseMs = env.PAUSE_MS === undefined ? undefined : Number(env.PAUSE_MS);
const pause = () => (pauseMs === 0 ? undefined : new Promise((resolve) => setTimeout(resolve, pauseMs ?? 5 + Math.random() * 15)));

/** Where the CPU per call starts counting: after the warm-up, so that it is a warm token's cost. */
let measured;
async function caller() {
  while (Date.now() < endAt) {
    if (measured === undefined && Date.now() >= measureFrom) measured = { cpu: process.cpuUsage(), calls: report.calls };
    try {
      await api.GET('/things');
      report.calls += 1;
    } catch (error) {
      report.failures += 1;
      if (report.errors.length < 3) report.errors.push(String(error));
    }
    await pause();
  }
}

// The whole fleet starts calling together, however long each process took to start.
process.stdout.write(`ready ${worker}\n`);
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.pause();
const measureFrom = Date.now() + Number(env.WARMUP_MS ?? 0);
const endAt = measureFrom + Number(env.DURATION_MS ?? 5_000);
await Promise.all(Array.from({ length: callers }, caller));
const cpu = process.cpuUsage(measured?.cpu);
report.cpuUsPerCall = (cpu.user + cpu.system) / Math.max(1, report.calls - (measured?.calls ?? 0));
report.tokensUsed = tokensUsed.size;
report.stats = api.stats;
process.stdout.write(`${JSON.stringify(report)}\n`);
redis.destroy();
process.exit(0);
