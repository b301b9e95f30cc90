// The clients compared, each making the same authenticated GET. The floors and plain libraries send
// a token obtained once up front; the hand-written alternatives and keycard obtain their own.
import ky from 'ky';
import createOpenApiClient from 'openapi-fetch';
import type { BenchPath, BenchPaths } from './bench-paths.ts';
import { axiosWithRefreshInterceptor, openapiFetchWithDocsMiddleware, type OAuthSettings } from './hand-written.ts';
import { keycard } from './keycard.ts';

/** What a variant needs to make its GET. */
export interface BenchEnv {
  /** Base URL of the API host. */
  baseUrl: string;
  path: BenchPath;
  /** How to obtain tokens (or the API key). */
  auth: OAuthSettings;
  /** The header value the floor variants send: a token obtained once, or the API key. */
  authorization: string;
}

/** `observed`: keycard with logging, hooks or tracing set, measured only for the per-request cost. */
export type VariantKind = 'floor' | 'library' | 'hand-written' | 'keycard' | 'observed';

export interface Variant {
  name: string;
  kind: VariantKind;
  /** Builds a fresh client (with a cold token cache) and returns its GET. */
  create(env: BenchEnv): () => Promise<unknown>;
}

const fail = (status: number) => {
  throw new Error(`unexpected HTTP ${status}`);
};

export const variants: Variant[] = [
  {
    name: 'fetch',
    kind: 'floor',
    create({ baseUrl, path, authorization }) {
      const url = `${baseUrl}${path}`;
      const headers = { authorization };
      return async () => {
        const response = await fetch(url, { headers });
        if (!response.ok) fail(response.status);
        return response.json();
      };
    },
  },
  {
    name: 'ky',
    kind: 'library',
    create({ baseUrl, path, authorization }) {
      const api = ky.create({ headers: { authorization } });
      const url = `${baseUrl}${path}`;
      return () => api.get(url).json();
    },
  },
  {
    name: 'openapi-fetch',
    kind: 'library',
    create({ baseUrl, path, authorization }) {
      const client = createOpenApiClient<BenchPaths>({ baseUrl, headers: { authorization } });
      return async () => {
        const { data, response } = await client.GET(path);
        if (!response.ok) fail(response.status);
        return data;
      };
    },
  },
  {
    name: 'openapi-fetch + ky',
    kind: 'floor',
    create({ baseUrl, path, authorization }) {
      // A bare ky instance, no hooks: the floor of keycard's own stack.
      const api = ky.create({});
      const client = createOpenApiClient<BenchPaths>({ baseUrl, headers: { authorization }, fetch: (request) => api(request) });
      return async () => {
        const { data, response } = await client.GET(path);
        if (!response.ok) fail(response.status);
        return data;
      };
    },
  },
  {
    name: 'openapi-fetch + docs auth middleware',
    kind: 'hand-written',
    create({ baseUrl, path, auth }) {
      const client = openapiFetchWithDocsMiddleware(baseUrl, auth);
      return async () => {
        const { data, response } = await client.GET(path);
        if (!response.ok) fail(response.status);
        return data;
      };
    },
  },
  {
    name: 'axios + refresh interceptor',
    kind: 'hand-written',
    create({ baseUrl, path, auth }) {
      const api = axiosWithRefreshInterceptor(baseUrl, auth);
      return async () => (await api.get(path)).data;
    },
  },
  {
    name: 'keycard',
    kind: 'keycard',
    create: (env) => keycardGet(env, {}),
  },
  {
    // The same client told explicitly that nobody listens: the hot path must cost what `keycard` does.
    name: 'keycard, logging off, no hooks',
    kind: 'observed',
    create: (env) => keycardGet(env, { logLevel: 'off' }),
  },
  {
    // What watching every request costs: a debug line per attempt (to a logger that drops it) and a response hook.
    name: 'keycard, debug log + hooks',
    kind: 'observed',
    create: (env) => keycardGet(env, { logLevel: 'debug', logger: { debug: drop, info: drop, warn: drop, error: drop }, hooks: { onResponse: drop } }),
  },
];

function drop(): void {}

/** keycard's GET with the given observability options. */
function keycardGet({ baseUrl, path, auth }: BenchEnv, observe: Pick<Parameters<typeof keycard.createClient>[0], 'logLevel' | 'logger' | 'hooks'>) {
  const { createClient, clientCredentials, apiKey } = keycard;
  const api = createClient<BenchPaths>({
    baseUrl,
    auth:
      auth.apiKey !== undefined
        ? apiKey(auth.apiKey)
        : clientCredentials({ tokenUrl: auth.tokenUrl, clientId: auth.clientId, clientSecret: auth.clientSecret, scopes: auth.scopes }),
    ...observe,
  });
  return () => api.GET(path);
}

/** The variants that obtain and renew tokens themselves. */
export const tokenManagingVariants = variants.filter((variant) => variant.kind === 'hand-written' || variant.kind === 'keycard');
