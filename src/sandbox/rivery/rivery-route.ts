import type { HttpHandler } from 'msw';
import { credentialOf, json, route, type RouteCall } from '../emulator-kit';
import type { KeyRecord, SandboxControl } from '../sandbox-control';
import { riveryCredentials } from './rivery-credentials';

/** The two hosts answer failures in their own style: `{message}` (legacy) and FastAPI's `{detail}` (v1). */
export type Style = 'legacy' | 'v1';

const reasons: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  422: 'Unprocessable entity',
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

export const errorBody = (style: Style, message: string) => (style === 'legacy' ? { message } : { detail: message });
export const fail = (style: Style, status: number, message: string) => json(errorBody(style, message), status);
/** The body of an injected fault: the status's reason, in the host's style. */
export const faultBody = (style: Style) => (status: number) => errorBody(style, reasons[status] ?? `HTTP ${status}`);

/** A FastAPI validation failure for one parameter. */
export function invalid(loc: [string, string], input: unknown, type: string, msg: string, ctx?: Record<string, unknown>) {
  return json({ detail: [{ type, loc, msg, input, ...(ctx ? { ctx } : {}) }] }, 422);
}

const objectId = /^[0-9a-f]{24}$/;
export const isObjectId = (value: unknown): value is string => typeof value === 'string' && objectId.test(value);

/** v1 path checks after the token's: ids well formed, then the token's own account and environment. */
function scoped(params: RouteCall['params']): Response | undefined {
  for (const name of ['account_id', 'environment_id', 'river_id'] as const) {
    const value = params[name];
    if (typeof value === 'string' && !isObjectId(value)) {
      return invalid(['path', name], value, 'string_pattern_mismatch', "String should match pattern '^[0-9a-f]{24}$'", { pattern: '^[0-9a-f]{24}$' });
    }
  }
  if (params.account_id !== riveryCredentials.accountId || params.environment_id !== riveryCredentials.environmentId) {
    return fail('v1', 403, `The API token has no access to account ${String(params.account_id)}, environment ${String(params.environment_id)}`);
  }
  return undefined;
}

/** The record of the token on a request, or the 401 that refuses it. */
function authenticate(control: SandboxControl, request: Request, style: Style): KeyRecord | Response {
  const reject = (message: string) => {
    control.counts('rivery').rejected += 1;
    return fail(style, 401, message);
  };
  const token = credentialOf(request);
  if (!token) return reject(style === 'legacy' ? 'Missing API token' : 'Not authenticated');
  const key = control.key('rivery', token);
  if (key === undefined || key.status !== 'active') return reject(style === 'legacy' ? 'Invalid API token' : 'Invalid token');
  if (control.keyExpired(key)) return reject(style === 'legacy' ? 'API token expired' : 'Token expired');
  return key;
}

/**
 * A Rivery endpoint on the sandbox's route pipeline: the token, then its scope (403), then on the
 * v1 host the ids and the token's own account and environment in the path.
 */
export function riveryRoute(
  control: SandboxControl,
  spec: { style: Style; method: 'get' | 'post'; path: string; scope: string; handle: (call: RouteCall) => Response | Promise<Response> },
): HttpHandler {
  const { style, scope } = spec;
  return route({
    method: spec.method,
    path: spec.path,
    authenticate: ({ request }) => authenticate(control, request, style),
    authorize: ({ caller, params }) => {
      if (!caller.permissions.includes(scope)) return fail(style, 403, `The API token is missing the required scope: ${scope}`);
      return style === 'v1' ? scoped(params) : undefined;
    },
    handle: spec.handle,
  });
}
