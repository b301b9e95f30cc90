import { guard, type Emulator } from '../emulator-kit';
import { scrydonApiHandlers } from './scrydon-api-handlers';
import { scrydonAuthBase, scrydonAuthHandlers, scrydonAuthHostFallback } from './scrydon-auth-handlers';
import { oauthErrorBody, scrydonErrorBody } from './scrydon-responses';

/**
 * The Scrydon API as PROVIDERS.md describes it: a tenant's auth host (client credentials with
 * Basic auth, no `resource`, granted scopes only with `write` covering `read`, 15-minute opaque
 * tokens; discovery, introspection, revocation) and its API host (whoami, and workspace endpoints
 * that need `environmentId`, the scope and a role in the environment). Runs advance with the
 * sandbox clock. The state beyond SandboxControl lives in `scrydonState(control)`. The auth server
 * owns only `/api/auth/` of its host, so the two may be one host: token requests are still counted
 * as token exchanges, and API requests as requests.
 */
export const scrydonEmulator: Emulator = (context) => {
  const { urls, control } = context;
  return [
    guard({ api: 'scrydon', base: scrydonAuthBase(context), control, errorBody: oauthErrorBody, tokenHost: true }),
    ...scrydonAuthHandlers(context),
    guard({ api: 'scrydon', base: urls.scrydon, control, errorBody: scrydonErrorBody }),
    ...scrydonApiHandlers(context),
    scrydonAuthHostFallback(context),
  ];
};
