import type { SandboxControl, TokenRecord } from '../sandbox-control';
import { scrydonError, unauthorized } from './scrydon-responses';
import { scrydonState, type ScrydonRole } from './scrydon-state';

/** Whether granted scopes allow a requested one: itself, or `write` on the same resource for a `read`. */
export function covers(granted: readonly string[], requested: string): boolean {
  const [resource, action] = requested.split(':');
  return granted.includes(requested) || (action === 'read' && granted.includes(`${resource}:write`));
}

/**
 * A token's record when it is valid, for the auth endpoints: asking about a token is not using
 * it, so the counter of expired tokens sent stays for requests that carry one.
 */
export function peekToken(control: SandboxControl, token: string): TokenRecord | undefined {
  const verdict = control.verifyToken('scrydon', token, { count: false });
  return 'record' in verdict && !scrydonState(control).revoked.has(token) ? verdict.record : undefined;
}

/** The bearer token of a request, checked on every call: unknown, expired and revoked tokens get 401. */
export function authenticate(control: SandboxControl, request: Request): TokenRecord | Response {
  const authorization = request.headers.get('authorization');
  const token = authorization === null ? undefined : /^bearer\s+(\S+)$/i.exec(authorization)?.[1];
  if (token === undefined) return unauthorized(control, 'UNAUTHORIZED', 'A bearer token is required');
  const verdict = control.verifyToken('scrydon', token);
  if ('reason' in verdict) {
    return unauthorized(control, 'INVALID_TOKEN', verdict.reason === 'expired' ? 'The access token has expired' : 'The access token is not valid');
  }
  if (scrydonState(control).revoked.has(token)) return unauthorized(control, 'INVALID_TOKEN', 'The access token has been revoked');
  return verdict.record;
}

/**
 * The checks of a workspace endpoint, in order: `environmentId` given, the environment in the
 * token's organization, the scope, then the account's role in that environment. Having the scope
 * without a role is a 403 of its own (`WORKSPACE_ACCESS_DENIED`).
 */
export function authorizeWorkspace(
  control: SandboxControl,
  url: URL,
  caller: TokenRecord,
  scope: string,
  role: ScrydonRole,
): string | Response {
  const environmentId = url.searchParams.get('environmentId');
  if (!environmentId) return scrydonError(400, 'VALIDATION_ERROR', 'environmentId is required', { field: 'environmentId' });
  const state = scrydonState(control);
  const environment = state.environments.get(environmentId);
  if (environment === undefined || environment.organizationId !== state.organizationOf(caller.clientId)) {
    return scrydonError(404, 'ENVIRONMENT_NOT_FOUND', `Environment ${environmentId} not found`, { environmentId });
  }
  if (!covers(caller.scopes, scope)) {
    return scrydonError(403, 'INSUFFICIENT_SCOPE', `This endpoint requires the ${scope} scope`, { requiredScope: scope });
  }
  const assigned = state.role(caller.clientId, environmentId);
  if (assigned === undefined) {
    return scrydonError(403, 'WORKSPACE_ACCESS_DENIED', `Service account ${caller.clientId} has no role in environment ${environmentId}`, {
      environmentId,
    });
  }
  if (role === 'admin' && assigned !== 'admin') {
    return scrydonError(403, 'WORKSPACE_ROLE_REQUIRED', `This action requires the admin role in environment ${environmentId}`, {
      environmentId,
      requiredRole: 'admin',
    });
  }
  return environmentId;
}
