// RedisTokenStore against a real redis-server, and clients sharing tokens through it. Each client has
// its own RedisTokenStore instance here, as separate processes would: nothing is shared in memory.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient as createRedisClient, type RedisClientType } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { clientCredentials, ConfigurationError, createClient } from '../../src/index';
import { RedisTokenStore } from '../../src/redis/index';
import type { paths } from '../example/things-api.gen';
import { clientId, clientSecret, startFleetServer } from './fleet-server';
import { makeTlsFiles, startRedisServer, type RedisServer } from './redis-server';

let redisServer: RedisServer;
let redis: RedisClientType;
const connect = async (url: string) => {
  const client = createRedisClient({ url }) as RedisClientType;
  client.on('error', () => {});
  await client.connect();
  return client;
};

beforeAll(async () => {
  redisServer = await startRedisServer();
  redis = await connect(redisServer.url);
});
afterEach(async () => {
  await redis.sendCommand(['FLUSHALL']);
});
afterAll(async () => {
  redis?.destroy();
  await redisServer?.stop();
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RedisTokenStore', () => {
  test('a token written is read back, and its entry expires with the token', async () => {
    const store = new RedisTokenStore({ client: redis, prefix: 'app:' });
    const now = Date.now();
    const token = { token: 'access-1', issuedAt: now, expiresAt: now + 1_500, renewAt: now + 900 };
    await store.set('oauth:abc', token);
    expect(await store.get('oauth:abc')).toEqual(token);
    const ttl = Number(await redis.sendCommand(['PTTL', 'app:{oauth:abc}:token']));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1_500);
  });

  test.each([
    ['text', 'not json'],
    ['JSON of another shape', '{"token":"x","issuedAt":1,"expiresAt":2}'],
    ['a JSON number', '42'],
  ])('a value keycard did not write (%s) reads as nothing', async (_case, value) => {
    const store = new RedisTokenStore({ client: redis });
    await redis.sendCommand(['SET', 'keycard:{k}:token', value]);
    expect(await store.get('k')).toBeUndefined();
  });

  test('a delete naming a token removes only that token, not a newer one', async () => {
    const store = new RedisTokenStore({ client: redis });
    const now = Date.now();
    await store.set('k', { token: 'newer', issuedAt: now, expiresAt: now + 60_000 });
    await store.delete('k', 'rejected');
    expect((await store.get('k'))?.token).toBe('newer');
    await store.delete('k', 'newer');
    expect(await store.get('k')).toBeUndefined();
  });

  test('one lease at a time; a holder whose lease lapsed cannot commit over the next holder', async () => {
    const store = new RedisTokenStore({ client: redis, leaseMs: 150 });
    const now = Date.now();
    const first = await store.acquireLease('k');
    expect(first).toBeDefined();
    expect(await store.acquireLease('k')).toBeUndefined();
    await wait(250);
    const second = await store.acquireLease('k');
    expect(second).toBeDefined();
    expect(await store.commitLease('k', second!, { token: 'from-second', issuedAt: now, expiresAt: now + 60_000 })).toBe(true);
    expect(await store.commitLease('k', first!, { token: 'from-first', issuedAt: now, expiresAt: now + 60_000 })).toBe(false);
    expect((await store.get('k'))?.token).toBe('from-second');
    // The commit ended the lease: the next renewal can take it at once.
    expect(await store.acquireLease('k')).toBeDefined();
  });

  test('an ACL user limited to its prefix and the commands listed works', async () => {
    await redis.sendCommand(['ACL', 'SETUSER', 'billing', 'on', '>billing-pass', '~billing:*', '+get', '+set', '+del', '+eval']);
    const limited = await connect(`redis://billing:billing-pass@127.0.0.1:${redisServer.port}`);
    try {
      const store = new RedisTokenStore({ client: limited, prefix: 'billing:', leaseMs: 1_000 });
      const now = Date.now();
      const lease = await store.acquireLease('k');
      expect(await store.commitLease('k', lease!, { token: 't', issuedAt: now, expiresAt: now + 60_000 })).toBe(true);
      expect((await store.get('k'))?.token).toBe('t');
      await store.delete('k', 't');
      expect(await store.get('k')).toBeUndefined();
    } finally {
      limited.destroy();
      await redis.sendCommand(['ACL', 'DELUSER', 'billing']);
    }
  });

  test.each([
    [{}, /`client`: must be a connected Redis client/],
    [{ client: {} }, /`client`: must be a connected Redis client/],
    [{ client: { sendCommand: async (): Promise<unknown> => null }, leaseMs: 10 }, /`leaseMs`: must be a whole number of milliseconds from 100/],
    [{ client: { sendCommand: async (): Promise<unknown> => null }, prefix: 'a b' }, /`prefix`: must be a string/],
    [{ client: { sendCommand: async (): Promise<unknown> => null }, prefx: 'a' }, /`prefx`: is not an option of RedisTokenStore; did you mean `prefix`/],
  ])('bad options are refused, naming the option (%#)', (options, message) => {
    const create = () => new RedisTokenStore(options as never);
    expect(create).toThrow(ConfigurationError);
    expect(create).toThrow(message);
  });
});

describe('clients sharing tokens through Redis', () => {
  const clientOn = (tokenStore: RedisTokenStore, fleet: { tokenUrl: string; apiUrl: string }, options = {}) =>
    createClient<paths>({ baseUrl: fleet.apiUrl, auth: clientCredentials({ tokenUrl: fleet.tokenUrl, clientId, clientSecret }), tokenStore, ...options });

  test('only the access token and its times are stored, under a key that names neither the client id nor the secret', async () => {
    const fleet = await startFleetServer({ lifetimeSeconds: 60 });
    try {
      await clientOn(new RedisTokenStore({ client: redis }), fleet).GET('/things');
      const keys = (await redis.sendCommand(['KEYS', '*'])) as string[];
      expect(keys).toHaveLength(1);
      const value = (await redis.sendCommand(['GET', keys[0]!])) as string;
      expect(Object.keys(JSON.parse(value)).sort()).toEqual(['expiresAt', 'issuedAt', 'renewAt', 'token', 'v']);
      expect(JSON.parse(value).token).toBe(fleet.state.exchanges[0]!.token);
      expect(`${keys[0]} ${value}`).not.toContain(clientSecret);
      expect(keys[0]).not.toContain(clientId);
    } finally {
      await fleet.close();
    }
  });

  test('three processes starting together make one exchange', async () => {
    const fleet = await startFleetServer({ lifetimeSeconds: 60 });
    try {
      const clients = Array.from({ length: 3 }, () => clientOn(new RedisTokenStore({ client: redis, leaseMs: 1_000 }), fleet));
      await Promise.all(clients.flatMap((api) => Array.from({ length: 5 }, () => api.GET('/things'))));
      expect(fleet.state.exchanges).toHaveLength(1);
    } finally {
      await fleet.close();
    }
  });

  test('a 401 for a token every process holds makes one renewal for the fleet, and the rejected token is never adopted again', async () => {
    const fleet = await startFleetServer({ lifetimeSeconds: 60 });
    try {
      const clients = Array.from({ length: 3 }, () => clientOn(new RedisTokenStore({ client: redis, leaseMs: 1_000 }), fleet));
      for (const api of clients) await api.GET('/things');
      expect(fleet.state.exchanges).toHaveLength(1);
      fleet.revoke(fleet.state.exchanges[0]!.token);
      const outcomes = await Promise.allSettled(clients.flatMap((api) => Array.from({ length: 4 }, () => api.GET('/things'))));
      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
      expect(fleet.state.exchanges).toHaveLength(2);
      const stored = JSON.parse((await redis.sendCommand(['GET', ((await redis.sendCommand(['KEYS', '*:token'])) as string[])[0]!])) as string);
      expect(stored.token).toBe(fleet.state.exchanges[1]!.token);
    } finally {
      await fleet.close();
    }
  });

  test('with Redis unreachable, calls go on with their own exchange within the store budget, and the failures are counted', async () => {
    const fleet = await startFleetServer({ lifetimeSeconds: 60 });
    const lonely = await startRedisServer();
    const client = await connect(lonely.url);
    try {
      await lonely.stop(); // node-redis now queues commands, as it does while reconnecting
      const api = clientOn(new RedisTokenStore({ client }), fleet, { tokenStoreTimeoutMs: 200 });
      const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => api.GET('/things')));
      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
      expect(fleet.state.exchanges).toHaveLength(1);
      expect(api.stats.tokenStoreFailures).toBeGreaterThanOrEqual(1);
    } finally {
      client.destroy();
      await fleet.close();
    }
  });
});

describe('over TLS (rediss://)', () => {
  let dir: string;
  let tlsServer: RedisServer;
  let files: ReturnType<typeof makeTlsFiles>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keycard-redis-tls-'));
    files = makeTlsFiles(dir);
    tlsServer = await startRedisServer({ tls: files });
  });
  afterAll(async () => {
    await tlsServer?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const connectTls = async () => {
    const client = createRedisClient({ url: tlsServer.url, socket: { tls: true, ca: readFileSync(files.caFile) } }) as RedisClientType;
    client.on('error', () => {});
    await client.connect();
    return client;
  };

  test('processes sharing tokens through a TLS-only redis-server make one exchange, and the token is stored there', async () => {
    expect(tlsServer.url).toMatch(/^rediss:\/\/127\.0\.0\.1:\d+$/);
    const fleet = await startFleetServer({ lifetimeSeconds: 60 });
    const connections = [await connectTls(), await connectTls()];
    try {
      const clients = connections.map((client) =>
        createClient<paths>({
          baseUrl: fleet.apiUrl,
          auth: clientCredentials({ tokenUrl: fleet.tokenUrl, clientId, clientSecret }),
          tokenStore: new RedisTokenStore({ client, prefix: 'tls:', leaseMs: 1_000 }),
        }),
      );
      const outcomes = await Promise.allSettled(clients.flatMap((api) => Array.from({ length: 5 }, () => api.GET('/things'))));
      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
      expect(fleet.state.exchanges).toHaveLength(1);
      expect(clients.map((api) => api.stats.tokenStoreFailures)).toEqual([0, 0]);
      const keys = (await connections[0]!.sendCommand(['KEYS', 'tls:*:token'])) as string[];
      expect(JSON.parse((await connections[0]!.sendCommand(['GET', keys[0]!])) as string).token).toBe(fleet.state.exchanges[0]!.token);
    } finally {
      for (const client of connections) client.destroy();
      await fleet.close();
    }
  });

  test('a client that does not trust the server certificate never connects: calls go on with their own exchange', async () => {
    // The server's certificate is signed by the test CA, which this client was not given.
    const untrusting = createRedisClient({ url: tlsServer.url, socket: { tls: true, reconnectStrategy: false } }) as RedisClientType;
    untrusting.on('error', () => {});
    await expect(untrusting.connect()).rejects.toThrow(/certificate/i);
    const fleet = await startFleetServer({ lifetimeSeconds: 60 });
    try {
      const api = createClient<paths>({
        baseUrl: fleet.apiUrl,
        auth: clientCredentials({ tokenUrl: fleet.tokenUrl, clientId, clientSecret }),
        tokenStore: new RedisTokenStore({ client: untrusting }),
        tokenStoreTimeoutMs: 200,
        logLevel: 'off',
      });
      await expect(api.GET('/things')).resolves.toBeDefined();
      expect(fleet.state.exchanges).toHaveLength(1);
      expect(api.stats.tokenStoreFailures).toBeGreaterThanOrEqual(1);
    } finally {
      untrusting.destroy();
      await fleet.close();
    }
  });
});
