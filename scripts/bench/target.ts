// What the bench calls on the sandbox. Every variant makes the same authenticated GET of ROUTE;
// token traffic and renewal always use the OAuth route.
import type { BenchPath } from './bench-paths.ts';

export interface Route {
  /** Sandbox URL key of the API host. */
  api: 'scrydon' | 'ryvion';
  /** How the GET is authenticated: OAuth client credentials, or a fixed API key. */
  auth: 'oauth' | 'key';
  /** The GET, relative to the API's base URL. */
  path: BenchPath;
  /** Token endpoint, relative to the auth host's base URL (OAuth only). */
  tokenPath?: string;
}

export const routes = {
  scrydon: { api: 'scrydon', auth: 'oauth', path: '/api/v1/service-account/whoami', tokenPath: '/api/auth/oauth2/token' },
  ryvion: { api: 'ryvion', auth: 'key', path: '/api/v1/auth/me' },
} as const satisfies Record<string, Route>;

export type RouteName = keyof typeof routes;

/** The authenticated GET of the per-request measurement: 'scrydon' (OAuth) or 'ryvion' (API key). */
export const ROUTE: RouteName = 'scrydon';

/** The route token traffic and renewal are measured on. */
export const OAUTH_ROUTE = routes.scrydon;
