// One memory measurement, in a fresh process (run by memory.ts): prints a HeapGrowth as JSON.
//   node --expose-gc scripts/bench/memory-run.ts <client> <concurrency> <calls at each reading…>
import ky from 'ky';
import createOpenApiClient from 'openapi-fetch';
import type { BenchPaths } from './bench-paths.ts';
import { keycard } from './keycard.ts';
import { closedLoop } from './measure.ts';
import type { HeapGrowth } from './memory.ts';

/**
 * The heap once it stops shrinking: full GCs with timers in between, until two readings agree.
 * undici's Request and AbortSignal bookkeeping is released by FinalizationRegistry callbacks, which
 * need several rounds: one GC after 100k calls still shows several times the live heap.
 */
const settle = async () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('the memory measurement needs node --expose-gc');
  let previous = Infinity;
  for (let round = 0; round < 20; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const used = process.memoryUsage().heapUsed;
    if (Math.abs(previous - used) < 64 * 1024) return used;
    previous = used;
  }
  return previous;
};

const origin = 'http://127.0.0.1:9';
const whoami = JSON.stringify({ organizationId: 'org_sandbox', clientId: 'sa_sandbox', scopes: ['workflows:write'] });
const token = JSON.stringify({ access_token: 'scrydon_at_memory', token_type: 'Bearer', expires_in: 900 });
const headers = { 'content-type': 'application/json' };
const inMemoryFetch: typeof fetch = async (input) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  return new Response(url.endsWith('/oauth2/token') ? token : whoami, { status: 200, headers });
};

const clients: Record<string, () => () => Promise<unknown>> = {
  keycard() {
    const { createClient, clientCredentials } = keycard;
    const api = createClient<BenchPaths>({
      baseUrl: `${origin}/scrydon`,
      auth: clientCredentials({
        tokenUrl: `${origin}/scrydon-auth/api/auth/oauth2/token`,
        clientId: 'sa_sandbox',
        clientSecret: 'scrydon-sandbox-secret',
        scopes: ['workflows:write'],
      }),
      fetch: inMemoryFetch,
    });
    return () => api.GET('/api/v1/service-account/whoami');
  },
  'openapi-fetch + ky'() {
    const api = ky.create({ fetch: inMemoryFetch });
    const client = createOpenApiClient<BenchPaths>({
      baseUrl: `${origin}/scrydon`,
      headers: { authorization: 'Bearer scrydon_at_memory' },
      fetch: (request) => api(request),
    });
    return () => client.GET('/api/v1/service-account/whoami');
  },
};

const [client = 'keycard', concurrency = '64', ...checkpoints] = process.argv.slice(2);
const readings = (checkpoints.length > 0 ? checkpoints : ['10000', '100000']).map(Number);
const call = clients[client]!();
const heapUsedBytes: number[] = [];
let done = 0;
for (const calls of readings) {
  await closedLoop(call, calls - done, Number(concurrency));
  done = calls;
  heapUsedBytes.push(await settle());
}
const growth: HeapGrowth = {
  client,
  calls: readings,
  heapUsedBytes,
  ratio: heapUsedBytes.at(-1)! / heapUsedBytes[0]!,
  bytesPerCall: (heapUsedBytes.at(-1)! - heapUsedBytes[0]!) / (readings.at(-1)! - readings[0]!),
  lastBytesPerCall: (heapUsedBytes.at(-1)! - heapUsedBytes.at(-2)!) / (readings.at(-1)! - readings.at(-2)!),
};
process.stdout.write(`${JSON.stringify(growth)}\n`);
