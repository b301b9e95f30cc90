/** A token as a store keeps it. */
export interface StoredToken {
  /** The access token. */
  token: string;
  /** When the request that obtained it was sent (epoch ms). */
  issuedAt: number;
  /** When it expires (epoch ms). */
  expiresAt: number;
  /**
   * When to renew it (epoch ms), chosen by the process that wrote it: a point inside the refresh
   * window shared by every process that adopts the token, so that a fleet renews at one moment.
   */
  renewAt?: number;
}

/** Proof of holding a store's renewal lease, checked again when the token is committed. */
export interface TokenLease {
  /** The fencing generation: unique per lease, so a holder whose lease lapsed cannot commit over a newer one. */
  readonly fence: string;
}

/**
 * Where obtained tokens are kept, keyed by `Auth.cacheKey`. The default keeps them in memory for
 * one client; a shared store (Redis) lets clients and processes reuse one token.
 *
 * keycard treats every store as unreliable. Each operation has a short budget (`tokenStoreTimeoutMs`,
 * 1 s by default): an operation that throws, rejects or runs past it is counted in
 * `stats.tokenStoreFailures`, the process renews with its own exchange, and the store is asked again
 * a few seconds later. A store never fails a call, never holds one up beyond its budget, and never
 * makes keycard send a token it knows to be rejected or expired. Entries keycard could not have
 * written (no token, times that are not finite) are ignored.
 *
 * Stores hold access tokens only: never client secrets, and never API keys (those are read, not
 * exchanged). A credential whose cache key is only valid in one process (a `tokenFunction` or a
 * client id given as a function, without a `cacheKey`) is never written to a store.
 *
 * The lease operations are optional. A store that offers them (`keycard/redis`) gives a fleet one
 * exchange per renewal: one process takes the lease and exchanges; the others keep serving their
 * current token, or wait on the store for the new one.
 */
export interface TokenStore {
  /** The token stored under `key`, if any. */
  get(key: string): StoredToken | undefined | Promise<StoredToken | undefined>;
  /** Stores a freshly obtained token. */
  set(key: string, token: StoredToken): void | Promise<void>;
  /** Forgets the token the API rejected; when `token` is given, only if it is still the one stored. */
  delete(key: string, token?: string): void | Promise<void>;
  /** How long a renewal lease lasts, in ms; required with the lease operations. */
  readonly leaseMs?: number;
  /** Takes the renewal lease for `key`, or resolves to undefined while another holder has it. */
  acquireLease?(key: string): Promise<TokenLease | undefined>;
  /** Stores `token` and ends the lease, only while `lease` is still held; resolves to whether it did. */
  commitLease?(key: string, lease: TokenLease, token: StoredToken): Promise<boolean>;
  /** Ends a lease without storing anything (the exchange failed). */
  releaseLease?(key: string, lease: TokenLease): Promise<void>;
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

  delete(key: string, token?: string): void {
    if (token === undefined || this.#tokens.get(key)?.token === token) this.#tokens.delete(key);
  }
}
