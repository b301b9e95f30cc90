/** A credential value and the span in which it may be sent. */
export interface AccessToken {
  /** The bearer token or API key itself. */
  token: string;
  /** When the request that obtained it was sent (epoch ms); lifetimes are measured from here. */
  issuedAt: number;
  /** When it stops being valid (epoch ms); `Infinity` for credentials that do not expire. */
  expiresAt: number;
  /** When to obtain a new one in the background at the latest (epoch ms), while this one stays in service. @default the refresh window before expiresAt */
  renewAt?: number;
}

/** What an `Auth` gets when asked for a token. */
export interface TokenContext {
  /** Aborts the token request when the exchange deadline passes. */
  signal: AbortSignal;
  /** The client's `fetch`. */
  fetch: typeof globalThis.fetch;
  /** The clock expiries are measured on (epoch ms). */
  now: () => number;
}

/**
 * How a client authenticates: made by `clientCredentials()`, `apiKey()` or `tokenFunction()`, or
 * written by hand. The client wraps it in one caching layer, so `getToken` is called only to obtain a
 * new value: on first use, ahead of expiry, and once after a 401.
 */
export interface Auth {
  /** Header the credential travels in: `authorization` (as `Bearer <token>`) or `x-api-key`. */
  readonly header: 'authorization' | 'x-api-key';
  /** Secret-free identity of the credential (token URL, client id, scopes), used as the token-store key. */
  readonly cacheKey: string;
  /** Whether asking again can cure a 401; false for fixed API keys. */
  readonly refreshable: boolean;
  /** Secret values read so far (key, client secret, token), scrubbed from every error wherever they appear. */
  readonly knownSecrets?: () => readonly string[];
  /**
   * Whether its tokens may be written to a shared `TokenStore`: false for keys that are read rather
   * than exchanged, and for a `cacheKey` that is only valid in this process. @default true
   */
  readonly shareable?: boolean;
  /** Obtains a fresh credential value. */
  getToken(context: TokenContext): AccessToken | Promise<AccessToken>;
}

/** A credential given as a value or as a function read at each exchange, so rotations are picked up. */
export type CredentialSource = string | (() => string | Promise<string>);
