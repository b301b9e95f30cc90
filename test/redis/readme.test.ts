// The README's "Sharing tokens across processes" example, run as written against a real redis-server
// and a token endpoint on loopback.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient as createRedisClient } from 'redis';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { clientSecret, startFleetServer } from './fleet-server';
import { startRedisServer, type RedisServer } from './redis-server';

const root = join(import.meta.dirname, '..', '..');
const scratch = join(import.meta.dirname, '.readme');
const section = readFileSync(join(root, 'README.md'), 'utf8').split(/^## Sharing tokens across processes$/m)[1]!.split(/^## /m)[0]!;
const example = /```ts\n([\s\S]*?)```/.exec(section)![1]!;

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await redis?.stop();
});

test('README: a client on RedisTokenStore calls the API, and Redis holds its access token under the prefix', async () => {
  const fleet = await startFleetServer({ lifetimeSeconds: 60, clientId: 'things-worker' });
  vi.stubEnv('REDIS_URL', redis.url);
  vi.stubEnv('THINGS_API_URL', fleet.apiUrl);
  vi.stubEnv('THINGS_TOKEN_URL', fleet.tokenUrl);
  vi.stubEnv('THINGS_SECRET', clientSecret);
  const printed: unknown[] = [];
  vi.spyOn(console, 'log').mockImplementation((value: unknown) => void printed.push(value));
  mkdirSync(scratch, { recursive: true });
  const file = join(scratch, 'sharing-tokens.ts');
  writeFileSync(
    file,
    example
      .replace("from 'keycard/redis'", `from '${join(root, 'src/redis/index.ts')}'`)
      .replace("from 'keycard'", `from '${join(root, 'src/index.ts')}'`)
      .replace("from './things-api.gen'", `from '${join(root, 'test/example/things-api.gen.ts')}'`),
  );
  const inspector = await createRedisClient({ url: redis.url }).connect();
  try {
    await import(pathToFileURL(file).href);
    expect(printed).toEqual([{ items: [] }]);
    const keys = (await inspector.sendCommand(['KEYS', '*'])) as string[];
    expect(keys).toEqual([expect.stringMatching(/^things:\{oauth:[0-9a-z]+\}:token$/)]);
    expect(fleet.state.exchanges).toHaveLength(1);
  } finally {
    inspector.destroy();
    await fleet.close();
  }
});
