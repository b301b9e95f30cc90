import type { HttpHandler } from 'msw';
import { defineEmulator, type EmulatedHost } from '../define-emulator';
import { guard } from '../emulator-kit';
import { scrydonApiHandlers } from './scrydon-api-handlers';
import { scrydonAuthBase, scrydonAuthHandlers, scrydonAuthHostFallback } from './scrydon-auth-handlers';
import { scrydonCredentials } from './scrydon-credentials';
import { oauthErrorBody, scrydonErrorBody } from './scrydon-responses';
import { scrydonState } from './scrydon-state';

/** Where Scrydon's hosts live, under their names in `sandbox.urls`. */
export type ScrydonHosts = {
  /** A Scrydon tenant's API host. */
  scrydon: EmulatedHost;
  /** That tenant's auth host. */
  scrydonAuth: EmulatedHost;
};

const hosts: ScrydonHosts = {
  scrydon: { publicUrl: 'https://sandbox.scrydon.example', servedPath: '/scrydon' },
  scrydonAuth: { publicUrl: 'https://auth.sandbox.scrydon.example', servedPath: '/scrydon-auth' },
};

/**
 * The Scrydon API as PROVIDERS.md describes it: a tenant's auth host (client credentials with
 * Basic auth, no `resource`, granted scopes only with `write` covering `read`, 15-minute opaque
 * tokens; discovery, introspection, revocation) and its API host (whoami, and workspace endpoints
 * that need `environmentId`, the scope and a role in the environment). Runs advance with the
 * sandbox clock. The state beyond SandboxControl lives in `scrydonState(control)`. The auth server
 * owns only `/api/auth/` of its host, so the two may be one host: token requests are still counted
 * as token exchanges, and API requests as requests.
 */
export const scrydonEmulator = defineEmulator({
  name: 'scrydon',
  auth: 'oauth',
  hosts,
  credentials: scrydonCredentials,
  defaultClientId: scrydonCredentials.clientId,
  tokenLifetimeSec: 900,
  seed(control) {
    control.addOAuthClient('scrydon', scrydonCredentials.clientId, scrydonCredentials.clientSecret, [...scrydonCredentials.scopes]);
  },
  state: scrydonState,
  handlers: (context): HttpHandler[] => [
    guard({ api: 'scrydon', base: scrydonAuthBase(context), control: context.control, errorBody: oauthErrorBody, tokenHost: true }),
    ...scrydonAuthHandlers(context),
    guard({ api: 'scrydon', base: context.urls.scrydon, control: context.control, errorBody: scrydonErrorBody }),
    ...scrydonApiHandlers(context),
    scrydonAuthHostFallback(context),
  ],
});
