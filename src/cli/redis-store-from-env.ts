import type { TokenStore } from '../core/auth/token-store';
import { env } from '../core/util/env';
import { loadOptional } from './load-optional';
import type { ProgressStream } from './progress-reporter';

/** A token store the command opened, and how to close it when the command is done. */
export interface OpenedStore {
  store: TokenStore;
  close(): Promise<void>;
}

interface RedisConnection {
  sendCommand(args: string[]): Promise<unknown>;
  connect(): Promise<RedisConnection>;
  close?(): Promise<void>;
  quit?(): Promise<unknown>;
}
type RedisModule = { createClient(options: object): RedisConnection & { on(event: string, listener: () => void): unknown } };
type KeycardRedisModule = { RedisTokenStore: new (options: { client: RedisConnection }) => TokenStore };

/**
 * With `KEYCARD_REDIS_URL` set, a `RedisTokenStore` (keycard/redis) on it, so that runs of the
 * command share one token until it is due for renewal; undefined without it. A Redis that cannot be
 * reached leaves the command exchanging on its own, with a warning that names the host, never the
 * URL (it may carry a password).
 */
export async function redisStoreFromEnv(stderr: ProgressStream): Promise<OpenedStore | undefined> {
  const url = env('KEYCARD_REDIS_URL');
  if (url === undefined) return undefined;
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    throw new Error('KEYCARD_REDIS_URL is not a URL: expected e.g. redis://127.0.0.1:6379');
  }
  const { createClient } = await loadOptional<RedisModule>('redis', 'redis', 'KEYCARD_REDIS_URL');
  const { RedisTokenStore } = await loadOptional<KeycardRedisModule>('./redis.js', 'redis', 'KEYCARD_REDIS_URL');
  // No reconnecting: a command that cannot reach Redis goes on without it rather than waiting.
  const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 5_000 } });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    stderr.write(`keycard: cannot reach Redis at ${host}${code ? ` (${code})` : ''}; exchanging without the shared store\n`);
    return undefined;
  }
  return {
    store: new RedisTokenStore({ client }),
    close: async () => void (await (client.close?.() ?? client.quit?.())),
  };
}
