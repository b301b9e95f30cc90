import { ConfigurationError } from '../core/errors/configuration-error';
import type { StoredToken, TokenLease, TokenStore } from '../core/auth/token-store';
import { describe, knownKeys } from '../core/util/validate';

/**
 * The one method RedisTokenStore calls: send a command, get its reply. A node-redis v6 client has it;
 * other clients fit with a line, e.g. ioredis: `{ sendCommand: ([name, ...args]) => redis.call(name, ...args) }`,
 * Valkey GLIDE: `{ sendCommand: (args) => glide.customCommand(args) }`. Commands sent: GET, SET (with
 * PX, and NX PX for leases) and EVAL of three short Lua scripts.
 */
export interface RedisCommands {
  sendCommand(args: string[]): Promise<unknown>;
}

/** Options of `new RedisTokenStore()`. */
export interface RedisTokenStoreOptions {
  /** A connected client (node-redis v6, or any object with `sendCommand`); `rediss://` and ACL users are the client's business. */
  client: RedisCommands;
  /** Prefix of every key keycard writes; give each application its own. @default 'keycard:' */
  prefix?: string;
  /** How long a renewal lease lasts, in ms: longer than one token exchange takes. @default 10_000 */
  leaseMs?: number;
}

/** The format keycard writes; anything else under its keys is ignored. */
const format = 1;

// Commits the token only while the caller's lease (its fencing generation) is still the one held.
const commitScript = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
  redis.call('DEL', KEYS[1])
  return 1
end
return 0`;

const releaseScript = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0`;

// Deletes the stored token only if it is still the one the API rejected, not a newer one.
const deleteScript = `local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local ok, entry = pcall(cjson.decode, raw)
if not ok or type(entry) ~= 'table' or entry.token == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0`;

/** A stored entry read back, or undefined for a value keycard did not write. */
function parse(raw: unknown): StoredToken | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const entry = JSON.parse(raw) as Partial<StoredToken> & { v?: unknown };
    if (entry?.v !== format) return undefined;
    const token: StoredToken = { token: entry.token as string, issuedAt: entry.issuedAt as number, expiresAt: entry.expiresAt as number };
    if (entry.renewAt !== undefined) token.renewAt = entry.renewAt;
    return token;
  } catch {
    return undefined;
  }
}

/**
 * A `TokenStore` on Redis that makes a fleet of processes renew a token with one exchange: the
 * process that takes the lease (`SET NX PX`) exchanges and commits the token with a compare-and-set
 * on its fencing generation; the others keep serving their token, or wait for the commit. Each entry
 * expires with its token. Only access tokens are written, under keys that hash public parts of the
 * credential (token URL, client id, scopes), never a secret.
 *
 * @example
 * ```ts
 * import { createClient as createRedisClient } from 'redis';
 * import { RedisTokenStore } from 'keycard/redis';
 *
 * const redis = await createRedisClient({ url: process.env.REDIS_URL }).connect();
 * const scrydon = new ScrydonClient({ tokenStore: new RedisTokenStore({ client: redis, prefix: 'billing:' }) });
 * ```
 */
export class RedisTokenStore implements TokenStore {
  readonly #client: RedisCommands;
  readonly #prefix: string;
  readonly leaseMs: number;

  constructor(options: RedisTokenStoreOptions) {
    knownKeys('RedisTokenStore', options, ['client', 'prefix', 'leaseMs']);
    if (typeof options.client?.sendCommand !== 'function') {
      throw new ConfigurationError('client', `must be a connected Redis client with sendCommand(args), got ${describe(options.client)}`);
    }
    const prefix = options.prefix ?? 'keycard:';
    if (typeof prefix !== 'string' || prefix.length > 200 || /[\s{}]/.test(prefix)) {
      throw new ConfigurationError('prefix', 'must be a string of at most 200 characters without whitespace or braces');
    }
    const leaseMs = options.leaseMs ?? 10_000;
    if (!Number.isInteger(leaseMs) || leaseMs < 100 || leaseMs > 600_000) {
      throw new ConfigurationError('leaseMs', `must be a whole number of milliseconds from 100 to 600000, got ${describe(leaseMs)}`);
    }
    this.#client = options.client;
    this.#prefix = prefix;
    this.leaseMs = leaseMs;
  }

  /** The braces keep a key's token and lease in one cluster slot, as the scripts need. */
  #keys(key: string): { token: string; lease: string } {
    return { token: `${this.#prefix}{${key}}:token`, lease: `${this.#prefix}{${key}}:lease` };
  }

  async get(key: string): Promise<StoredToken | undefined> {
    return parse(await this.#client.sendCommand(['GET', this.#keys(key).token]));
  }

  async set(key: string, token: StoredToken): Promise<void> {
    const ttlMs = this.#ttlMs(token);
    if (ttlMs !== undefined) await this.#client.sendCommand(['SET', this.#keys(key).token, this.#serialize(token), 'PX', String(ttlMs)]);
  }

  async delete(key: string, token?: string): Promise<void> {
    const keys = this.#keys(key);
    if (token === undefined) await this.#client.sendCommand(['DEL', keys.token]);
    else await this.#client.sendCommand(['EVAL', deleteScript, '1', keys.token, token]);
  }

  async acquireLease(key: string): Promise<TokenLease | undefined> {
    const fence = `${Date.now().toString(36)}.${globalThis.crypto.randomUUID()}`;
    const reply = await this.#client.sendCommand(['SET', this.#keys(key).lease, fence, 'NX', 'PX', String(this.leaseMs)]);
    return reply === 'OK' ? { fence } : undefined;
  }

  async commitLease(key: string, lease: TokenLease, token: StoredToken): Promise<boolean> {
    const ttlMs = this.#ttlMs(token);
    if (ttlMs === undefined) return false;
    const keys = this.#keys(key);
    const reply = await this.#client.sendCommand(['EVAL', commitScript, '2', keys.lease, keys.token, lease.fence, this.#serialize(token), String(ttlMs)]);
    return Number(reply) === 1;
  }

  async releaseLease(key: string, lease: TokenLease): Promise<void> {
    await this.#client.sendCommand(['EVAL', releaseScript, '1', this.#keys(key).lease, lease.fence]);
  }

  /** Entries expire with their token, so Redis never holds a dead one. */
  #ttlMs(token: StoredToken): number | undefined {
    const ttlMs = Math.floor(token.expiresAt - Date.now());
    return Number.isFinite(ttlMs) && ttlMs > 0 ? ttlMs : undefined;
  }

  #serialize(token: StoredToken): string {
    return JSON.stringify({ v: format, token: token.token, issuedAt: token.issuedAt, expiresAt: token.expiresAt, renewAt: token.renewAt });
  }
}
