/** A token as a store keeps it. */
export interface StoredToken {
  /** The access token. */
  token: string;
  /** When the request that obtained it was sent (epoch ms). */
  issuedAt: number;
  /** When it expires (epoch ms). */
  expiresAt: number;
}

/**
 * Where obtained tokens are kept, keyed by `Auth.cacheKey`. The default keeps them in memory for
 * one client; a shared store (Redis, a file) lets clients and processes reuse one token. Errors a
 * store throws reach the caller: catch them inside the store to make it best-effort.
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
