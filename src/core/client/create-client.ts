import { shareThroughStore } from '../auth/guarded-store';
import type { StoreSharing } from '../auth/shared-exchange';
import createOpenApiClient, { createFinalURL, createQuerySerializer, defaultPathSerializer } from 'openapi-fetch';
import { TokenCache } from '../auth/token-cache';
import { ConfigurationError } from '../errors/configuration-error';
import { errorFromBodyRead } from '../errors/error-from-body-read';
import { isKeycardError } from '../errors/keycard-error';
import { redactUrl } from '../errors/redact';
import { callInitProblem } from '../transport/call-init-problem';
import { createTransport } from '../transport/create-transport';
import type { TransportStats } from '../transport/retry-policy';
import { ApiPromise, type ApiResult } from './api-promise';
import { resolveClientOptions, resolveOverrides, type ClientOptions, type ClientOverrides, type ResolvedOptions } from './client-options';
import { clientMethods, type ClientMethodName, type ClientStats, type KeycardClient } from './client-types';

const noSecrets = (): readonly string[] => [];

/** The global `fetch`, looked up per call, so that one patched after the client was built (msw, tracing) is used. */
export const globalFetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init);

type RawResult = { data?: unknown; error?: unknown; response: Response };

// The transport turns every non-2xx into a typed error, and a per-call `fetch` that could bypass it
// is refused (call-init-problem.ts), so what openapi-fetch resolves here is always a 2xx.
const toResult = ({ data, response }: RawResult): ApiResult<unknown> => ({ data, response });

type CallInit = { params?: { path?: object; query?: object; header?: unknown }; baseUrl?: string; signal?: AbortSignal | null; timeoutMs?: unknown };

/**
 * A failure after the transport returned: openapi-fetch reading the body (a connection cut
 * mid-body, the caller's signal, a body that is not JSON). The URL is rebuilt here, on the failure
 * path only, so that the hot path keeps no request around for it.
 */
function bodyReadError(error: unknown, method: string, path: string, init: CallInit | undefined, options: ResolvedOptions): never {
  if (isKeycardError(error)) throw error;
  let url: string;
  try {
    url = createFinalURL(path, {
      baseUrl: init?.baseUrl ?? options.baseUrl,
      params: (init?.params ?? {}) as Parameters<typeof createFinalURL>[1]['params'],
      querySerializer: createQuerySerializer(),
      pathSerializer: defaultPathSerializer,
    });
  } catch {
    url = `${options.baseUrl}${path}`;
  }
  const target = `${method} ${redactUrl(url, options.auth?.knownSecrets?.() ?? [])}`;
  throw errorFromBodyRead(error, target, init?.signal ?? undefined);
}

/**
 * A path parameter that would change the endpoint instead of naming a resource: empty (`/jobs/`),
 * or a dot segment that URL parsing resolves away (`/templates/..` is `/`, and a DELETE there is not
 * what was meant).
 */
function pathParamProblem(params: object): ConfigurationError | undefined {
  for (const [name, value] of Object.entries(params)) {
    const text = String(value);
    if (text === '' || text === '.' || text === '..') {
      return new ConfigurationError(`params.path.${name}`, `must name a resource, got ${text === '' ? 'an empty string' : JSON.stringify(text)}`);
    }
  }
  return undefined;
}

function build<Paths extends {}>(
  options: ResolvedOptions,
  tokens: TokenCache | undefined,
  stats: TransportStats = { retries: 0, refreshes: 0, redirects: 0 },
): KeycardClient<Paths> {
  const transportSettings = {
    stats,
    apiOrigin: options.apiOrigin,
    tokens,
    codes: options.errorCodes,
    timeoutMs: options.timeoutMs,
    totalTimeoutMs: options.totalTimeoutMs,
    maxRetries: options.maxRetries,
    maxRetryAfterMs: options.maxRetryAfterMs,
    fetch: options.fetch,
    knownSecrets: options.auth?.knownSecrets === undefined ? noSecrets : () => options.auth!.knownSecrets!(),
    observer: options.observer?.watchesRequests ? options.observer : undefined,
  };
  type Raw = Record<ClientMethodName, (path: string, init?: object) => Promise<RawResult>>;
  const rawClient = (fetch: typeof transport) =>
    createOpenApiClient<Paths>({ baseUrl: options.baseUrl, fetch, headers: options.headers }) as unknown as Raw;
  const transport = createTransport(transportSettings);
  const raw = rawClient(transport);
  const { operations } = options;
  // Operations sent without the credential get a transport that has none: no token is even fetched for them.
  let anonymous: Raw | undefined;
  const withoutCredential = () => (anonymous ??= rawClient(createTransport({ ...transportSettings, tokens: undefined })));
  const method = (name: ClientMethodName) => (path: string, init?: CallInit) => {
    const problem =
      init === undefined ? undefined : (callInitProblem(init) ?? (init.params?.path === undefined ? undefined : pathParamProblem(init.params.path)));
    if (problem !== undefined) return new ApiPromise(Promise.reject(problem));
    let target = raw;
    let callInit = init;
    const operation = operations?.[`${name} ${path}`];
    // An operation the client's `operations` single out (see `OperationSettings`).
    if (operation !== undefined) {
      if (operation.timeoutMs !== undefined && init?.timeoutMs === undefined) callInit = { ...init, timeoutMs: Math.max(operation.timeoutMs, options.timeoutMs) };
      if (operation.credential === false) target = withoutCredential();
    }
    return new ApiPromise(target[name](path, callInit).then(toResult, (error: unknown) => bodyReadError(error, name, path, init, options)));
  };

  return {
    ...Object.fromEntries(clientMethods.map((name) => [name, method(name)])),
    baseUrl: options.baseUrl,
    withOptions: (overrides: ClientOverrides) => build<Paths>(resolveOverrides(options, overrides), tokens, stats),
    get stats(): ClientStats {
      const cache = tokens?.stats;
      return {
        tokenExchanges: cache?.exchanges ?? 0,
        renewalFailures: cache?.backgroundFailures ?? 0,
        tokenStoreFailures: cache?.storeFailures ?? 0,
        ...stats,
      };
    },
  } as KeycardClient<Paths>;
}

/**
 * A client for any OpenAPI spec: typed calls that resolve to the response body, with credentials
 * exchanged, cached, renewed ahead of expiry and attached only to the API's own origin, safe
 * retries, and typed errors.
 *
 * @example
 * ```ts
 * import { createClient, clientCredentials } from 'keycard';
 * import type { paths } from './my-api.gen';
 *
 * const api = createClient<paths>({
 *   baseUrl: 'https://api.example.com',
 *   auth: clientCredentials({ tokenUrl: 'https://auth.example.com/oauth/token', clientId, clientSecret, scopes: ['things:read'] }),
 * });
 * const things = await api.GET('/things', { params: { query: { limit: 10 } } });
 * ```
 */
export function createClient<Paths extends {}>(options: ClientOptions): KeycardClient<Paths> {
  // createClient takes any Auth, so it brings the code that shares tokens through a store.
  return clientFromResolved<Paths>(resolveClientOptions(options), shareThroughStore);
}

/** A client from options already checked: `createClient`'s, or a provider client's, which resolves its own. */
export function clientFromResolved<Paths extends {}>(resolved: ResolvedOptions, sharing?: StoreSharing): KeycardClient<Paths> {
  const tokens =
    resolved.auth === undefined
      ? undefined
      : new TokenCache(resolved.auth, {
          store: resolved.tokenStore,
          storeTimeoutMs: resolved.tokenStoreTimeoutMs,
          fetch: resolved.fetch ?? globalFetch,
          observer: resolved.observer,
          sharing,
        });
  return build<Paths>(resolved, tokens);
}
