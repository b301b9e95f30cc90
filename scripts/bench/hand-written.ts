// The hand-written alternatives to keycard, written the way their docs and common practice show.
import axios, { type AxiosError, type InternalAxiosRequestConfig } from 'axios';
import createOpenApiClient, { type Middleware } from 'openapi-fetch';
import type { BenchPaths } from './bench-paths.ts';

/** Where and how the hand-written clients get tokens. */
export interface OAuthSettings {
  /** A fixed API key to send instead (the API-key route): then there is no token to manage. */
  apiKey?: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: readonly string[];
}

const form = (settings: OAuthSettings) => new URLSearchParams({ grant_type: 'client_credentials', scope: settings.scopes.join(' ') }).toString();
const basic = (settings: OAuthSettings) => `Basic ${btoa(`${settings.clientId}:${settings.clientSecret}`)}`;

/** A token request with fetch: the `someAuthFunc()` of openapi-fetch's docs. */
export async function fetchToken(settings: OAuthSettings): Promise<{ access_token: string; expires_in?: number }> {
  const response = await fetch(settings.tokenUrl, {
    method: 'POST',
    headers: { authorization: basic(settings), 'content-type': 'application/x-www-form-urlencoded' },
    body: form(settings),
  });
  if (!response.ok) throw new Error(`token request failed: ${response.status}`);
  return (await response.json()) as { access_token: string; expires_in?: number };
}

/**
 * openapi-fetch with the auth middleware of its docs (openapi-ts.dev/openapi-fetch/middleware-auth):
 * a token variable, a token fetched when there is none, `Authorization` set on every request. The
 * docs leave refreshing on expiry and 401 as "(optional) add logic here", so this does neither.
 * The docs keep the token in a module variable; each instance here has its own, so each starts cold.
 */
export function openapiFetchWithDocsMiddleware(baseUrl: string, settings: OAuthSettings) {
  let accessToken: string | undefined;
  const authMiddleware: Middleware = {
    async onRequest({ request }) {
      if (settings.apiKey !== undefined) accessToken = settings.apiKey;
      // fetch token, if it doesn't exist
      if (!accessToken) {
        const authRes = await fetchToken(settings);
        if (authRes.access_token) accessToken = authRes.access_token;
      }
      // add Authorization header to every request
      request.headers.set('Authorization', `Bearer ${accessToken}`);
      return request;
    },
  };
  const client = createOpenApiClient<BenchPaths>({ baseUrl });
  client.use(authMiddleware);
  return client;
}

type RetriedConfig = InternalAxiosRequestConfig & { _retry?: boolean };

/**
 * axios with the usual hand-written refresh interceptor: a request interceptor attaches the token
 * (fetching one when there is none), a response interceptor refreshes on 401 and resends once. No
 * single flight and no expiry tracking, as most such interceptors are written.
 */
export function axiosWithRefreshInterceptor(baseUrl: string, settings: OAuthSettings) {
  const api = axios.create({ baseURL: baseUrl });
  let token: string | undefined = settings.apiKey;

  const refresh = async () => {
    const { data } = await axios.post<{ access_token: string }>(settings.tokenUrl, form(settings), {
      headers: { authorization: basic(settings), 'content-type': 'application/x-www-form-urlencoded' },
    });
    token = data.access_token;
    return token;
  };

  api.interceptors.request.use(async (config) => {
    if (!token) await refresh();
    config.headers.Authorization = `Bearer ${token}`;
    return config;
  });

  api.interceptors.response.use(undefined, async (error: AxiosError) => {
    const config = error.config as RetriedConfig | undefined;
    if (error.response?.status === 401 && config && !config._retry) {
      config._retry = true;
      config.headers.Authorization = `Bearer ${await refresh()}`;
      return api(config);
    }
    throw error;
  });
  return api;
}
