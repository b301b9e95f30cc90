/** A token as a store keeps it. */
export interface StoredToken {
  /** The access token. */
  token: string;
  /** When the request that obtained it was sent (epoch ms). */
  issuedAt: number;
  /** When it expires (epoch ms); `Infinity` for a key read from a function, which has `renewAt`. */
  expiresAt: number;
  /** When to obtain a new one in the background at the latest (epoch ms), if earlier than the refresh window. */
  renewAt?: number;
}

/**
 * Where obtained tokens are kept, keyed by `Auth.cacheKey`. The default keeps them in memory for
 * one client; a shared store (Redis, a file) lets clients and processes reuse one token. A `get` or
 * `delete` that throws fails the calls waiting for a token, as a `KeycardError` naming the store; one
 * that hangs fails them at the exchange deadline (60 s). A `set` that fails is counted in
 * `stats.tokenStoreFailures` and the fresh token is used all the same. Entries that keycard could
 * not have written (no token, times that are not finite) are ignored.
 */
export interface TokenStore {
  /** The token stored under `key`, if any. */
  get(key: string): StoredToken | undefined | Promise<StoredToken | undefined>;
  /** Stores a freshly obtained token. */
  set(key: string, token: StoredToken): void | Promise<void>;
  /** Forgets a token the API rejected. */
  delete(key: string): void | Promise<void>;
}

/**
 * The default `TokenStore`: a map in memory. Share one instance between clients with the same
 * credentials to make them share tokens.
 *
 * @example
 * ```ts
 * const tokenStore = new MemoryTokenStore();
 * const a = createClient<paths>({ baseUrl, auth, tokenStore });
 * const b = createClient<paths>({ baseUrl: otherUrl, auth, tokenStore });
 * ```
 */
export class MemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, StoredToken>();

  get(key: string): StoredToken | undefined {
    return this.#tokens.get(key);
  }

  set(key: string, token: StoredToken): void {
    this.#tokens.set(key, token);
  }

  delete(key: string): void {
    this.#tokens.delete(key);
  }
}
