import type { Auth } from '../auth/auth';
import { MemoryTokenStore, type TokenStore } from '../auth/token-store';
import { ApiError } from '../errors/api-error';
import { ConfigurationError } from '../errors/configuration-error';
import type { ErrorCodeMap } from '../errors/error-codes';
import { isSecretHeader } from '../errors/redact';
import { createObserver, type ObserveOptions, type Observer } from '../observe/observer';
import { baseUrlOf, count, describe, knownKeys, milliseconds } from '../util/validate';
import { operationTable, type OperationTable } from './operation-settings';

/** Options that a derived client (`withOptions`) may change. */
export interface ClientOverrides {
  /** Timeout of each attempt until the response's headers arrive, in ms; bound reading a body with `signal`. @default 30_000 */
  timeoutMs?: number;
  /** Deadline of a call until the response's headers, token wait, retries and waits included, in ms; a wait that would end past it times out at once; `false` for none. @default 120_000 */
  totalTimeoutMs?: number | false;
  /** Retries of a transient failure (network, 408, 429, 5xx) where resending is safe. @default 2 */
  maxRetries?: number;
  /** Longest server-requested wait that is honoured; a longer one fails at once with `RateLimitError.retryAfterMs`. @default 60_000 */
  maxRetryAfterMs?: number;
  /** Error code → error class, for the codes this API sends; unknown codes fall back to the status class. @default {} */
  errorCodes?: ErrorCodeMap;
  /** Headers sent with every request; credentials belong in `auth`, not here. @default {} */
  headers?: Readonly<Record<string, string>>;
  /** The `fetch` used for API and token requests. @default globalThis.fetch, looked up per request */
  fetch?: typeof globalThis.fetch;
}

/** Options every built-in client takes besides its own: the overrides, and where its tokens are kept. */
export interface ProviderOptions extends ClientOverrides, ObserveOptions {
  /** Where obtained tokens are kept; share one between clients (or, with `keycard/redis`, processes) to share their tokens; not for a fixed API key. @default new MemoryTokenStore() */
  tokenStore?: TokenStore;
  /** Budget of one token-store operation, in ms; past it (or on an error) the client renews with its own exchange. @default 1_000 */
  tokenStoreTimeoutMs?: number;
}

/** Options of `createClient()`. */
export interface ClientOptions extends ClientOverrides, ObserveOptions {
  /** Base URL of the API, e.g. `https://api.example.com/v1`: https, or http to a loopback host. */
  baseUrl: string;
  /** How to authenticate: `clientCredentials()`, `apiKey()` or `tokenFunction()`; omit for public APIs. */
  auth?: Auth;
  /** Where obtained tokens are kept; share one to share tokens between clients (or, with `keycard/redis`, processes). @default new MemoryTokenStore() */
  tokenStore?: TokenStore;
  /** Budget of one token-store operation, in ms; past it (or on an error) the client renews with its own exchange. @default 1_000 */
  tokenStoreTimeoutMs?: number;
  /** Operations that differ from the rest, by `'METHOD /path/{param}'`: sent without the credential, or with a longer attempt timeout. @default {} */
  operations?: OperationTable;
}

/** Client options after validation. */
export interface ResolvedOptions {
  baseUrl: string;
  apiOrigin: string;
  auth: Auth | undefined;
  tokenStore: TokenStore;
  tokenStoreTimeoutMs: number;
  timeoutMs: number;
  totalTimeoutMs: number | false;
  maxRetries: number;
  maxRetryAfterMs: number;
  errorCodes: ErrorCodeMap;
  headers: Readonly<Record<string, string>>;
  fetch: typeof globalThis.fetch | undefined;
  /** Logging, hooks and tracing, decided once; undefined when nothing could listen. */
  observer: Observer | undefined;
  operations: OperationTable | undefined;
}

export const overrideKeys = ['timeoutMs', 'totalTimeoutMs', 'maxRetries', 'maxRetryAfterMs', 'errorCodes', 'headers', 'fetch'] as const;
const clientKeys = [...overrideKeys, 'baseUrl', 'auth', 'tokenStore', 'tokenStoreTimeoutMs', 'operations', 'logger', 'logLevel', 'hooks'] as const;

function auth(value: unknown): Auth | undefined {
  if (value === undefined) return undefined;
  const candidate = value as Partial<Auth> | null;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.getToken !== 'function' ||
    typeof candidate.cacheKey !== 'string' ||
    (candidate.header !== 'authorization' && candidate.header !== 'x-api-key')
  ) {
    throw new ConfigurationError('auth', 'must come from clientCredentials(), apiKey() or tokenFunction(), or implement Auth');
  }
  return candidate as Auth;
}

function errorCodes(value: unknown): ErrorCodeMap {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigurationError('errorCodes', `must map codes to error classes, got ${describe(value)}`);
  }
  for (const [code, errorClass] of Object.entries(value)) {
    if (typeof errorClass !== 'function' || !(errorClass.prototype instanceof ApiError || errorClass === ApiError)) {
      throw new ConfigurationError('errorCodes', `\`${code}\` must map to ApiError or a subclass of it`);
    }
  }
  return value as ErrorCodeMap;
}

function headers(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Headers) {
    throw new ConfigurationError('headers', `must be a plain object of strings, got ${describe(value)}`);
  }
  for (const [name, header] of Object.entries(value)) {
    if (isSecretHeader(name)) throw new ConfigurationError('headers', `must not set \`${name}\`: pass credentials as \`auth\``);
    if (typeof header !== 'string') throw new ConfigurationError('headers', `\`${name}\` must be a string, got ${describe(header)}`);
    try {
      new Headers([[name, header]]);
    } catch {
      // Found now rather than on every call; the value is not repeated.
      throw new ConfigurationError('headers', `\`${name}\` is not a valid header name, or its value has line breaks or control characters`);
    }
  }
  return { ...(value as Record<string, string>) };
}

/** A token store given as an option: checked, or a new memory store when none was given; a fixed API key has nothing to store. */
export function tokenStore(value: unknown, credential?: Auth): TokenStore {
  if (value === undefined) return new MemoryTokenStore();
  if (credential !== undefined && !credential.refreshable) {
    throw new ConfigurationError('tokenStore', 'has nothing to keep: a fixed API key is sent as given and never stored; omit tokenStore');
  }
  const store = value as Partial<TokenStore> | null;
  if (typeof store !== 'object' || store === null || typeof store.get !== 'function' || typeof store.set !== 'function' || typeof store.delete !== 'function') {
    throw new ConfigurationError('tokenStore', 'must have get, set and delete methods');
  }
  return store as TokenStore;
}

/** Validates overrides on top of already resolved options; `input` is an object whose keys were checked. */
export function applyOverrides(base: ResolvedOptions, input: ClientOverrides): ResolvedOptions {
  const total = input.totalTimeoutMs;
  if (input.fetch !== undefined && typeof input.fetch !== 'function') {
    throw new ConfigurationError('fetch', `must be a function, got ${describe(input.fetch)}`);
  }
  return {
    ...base,
    timeoutMs: milliseconds('timeoutMs', input.timeoutMs, base.timeoutMs, 1),
    totalTimeoutMs: total === undefined ? base.totalTimeoutMs : total === false ? false : milliseconds('totalTimeoutMs', total, 0, 1),
    maxRetries: count('maxRetries', input.maxRetries, base.maxRetries, 10),
    maxRetryAfterMs: milliseconds('maxRetryAfterMs', input.maxRetryAfterMs, base.maxRetryAfterMs),
    errorCodes: input.errorCodes === undefined ? base.errorCodes : { ...base.errorCodes, ...errorCodes(input.errorCodes) },
    headers: input.headers === undefined ? base.headers : { ...base.headers, ...headers(input.headers) },
    fetch: input.fetch ?? base.fetch,
  };
}

/** `withOptions()`: overrides, refused when unknown, on top of a client's resolved options. */
export function resolveOverrides(base: ResolvedOptions, input: ClientOverrides): ResolvedOptions {
  knownKeys('withOptions()', input, overrideKeys);
  return applyOverrides(base, input);
}

/** What a client resolves to before its overrides: the defaults, on a checked base URL. */
export function clientDefaults(
  baseUrl: URL,
  parts: Pick<ResolvedOptions, 'auth' | 'tokenStore' | 'tokenStoreTimeoutMs' | 'observer' | 'operations'>,
): ResolvedOptions {
  return {
    baseUrl: baseUrl.href.replace(/\/+$/, ''),
    apiOrigin: baseUrl.origin,
    timeoutMs: 30_000,
    totalTimeoutMs: 120_000,
    maxRetries: 2,
    maxRetryAfterMs: 60_000,
    errorCodes: {},
    headers: {},
    fetch: undefined,
    ...parts,
  };
}

/** Validates everything `createClient` was given; a problem throws `ConfigurationError` naming the option. */
export function resolveClientOptions(input: ClientOptions): ResolvedOptions {
  // First, so that a misspelt option (`baseURL`) is named with its correction.
  knownKeys('createClient()', input, clientKeys);
  const baseUrl = baseUrlOf('baseUrl', input.baseUrl);
  const credential = auth(input.auth);
  const base = clientDefaults(baseUrl, {
    auth: credential,
    tokenStore: tokenStore(input.tokenStore, credential),
    tokenStoreTimeoutMs: milliseconds('tokenStoreTimeoutMs', input.tokenStoreTimeoutMs, 1_000, 1),
    observer: createObserver(input),
    operations: operationTable(input.operations),
  });
  return applyOverrides(base, input);
}
