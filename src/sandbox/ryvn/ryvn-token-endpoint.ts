import type { HttpHandler } from 'msw';
import { json, tokenEndpoint, type TokenFailure } from '../emulator-kit';
import type { SandboxControl } from '../sandbox-control';

/** The scope that puts the Ryvn API project in a token's audience; the API refuses tokens without it. */
export const ryvnAudienceScope = 'urn:zitadel:iam:org:project:id:298766811497774120:aud';

// Scopes Zitadel grants any service user: the OpenID Connect ones and the Ryvn project audience.
const standardScopes = new Set(['openid', 'email', 'profile', 'phone', 'address', 'offline_access', ryvnAudienceScope]);

/**
 * How Zitadel words failures. Client-library checks give RFC 6749 codes (`invalid_client` /
 * `client not found`); checks inside Zitadel come back as `invalid_request` with a message key as
 * description (zitadel/zitadel#11892), so a wrong secret is `invalid_request`, not `invalid_client`.
 * Every failure is a 400.
 */
function zitadelFailure(kind: TokenFailure, description: string): Response {
  if (kind === 'invalid_client' && description === 'client not found') {
    return json({ error: 'invalid_client', error_description: 'client not found' }, 400);
  }
  if (kind === 'invalid_client') return json({ error: 'invalid_request', error_description: 'Errors.User.Machine.Secret.Invalid' }, 400);
  if (kind === 'disabled') return json({ error: 'invalid_request', error_description: 'Errors.User.NotActive' }, 400);
  return json({ error: kind, error_description: description }, 400);
}

/** The body of an injected failure at the token endpoint. */
export function zitadelErrorBody(status: number) {
  if (status >= 500) return { error: 'server_error', error_description: 'Errors.Internal' };
  if (status === 429) return { error: 'temporarily_unavailable', error_description: 'too many requests' };
  return { error: 'invalid_request', error_description: `request failed with status ${status}` };
}

/** Zitadel's `POST /oauth/v2/token` for Ryvn's service users. */
export function ryvnTokenEndpoint(authUrl: string, control: SandboxControl): HttpHandler {
  return tokenEndpoint({
    api: 'ryvn',
    url: `${authUrl}/oauth/v2/token`,
    control,
    covers: (granted, requested) => standardScopes.has(requested) || granted.includes(requested),
    failure: zitadelFailure,
  });
}
