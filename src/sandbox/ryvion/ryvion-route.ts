import type { HttpHandler } from 'msw';
import { credentialOf, route, type RouteCall } from '../emulator-kit';
import type { KeyRecord, SandboxControl } from '../sandbox-control';
import { fail, reject } from './ryvion-respond';
import { ryvionState, type RyvionScope, type RyvionState } from './ryvion-state';

/** Which scopes may call what, as Ryvion's scope table reads. */
export const scopes = {
  any: ['buyer', 'read-only', 'write-only'],
  /** Read models, knowledge bases, memories, billing. */
  read: ['buyer', 'read-only'],
  /** Inference and knowledge-base uploads. */
  write: ['buyer', 'write-only'],
  /** Everything else: keys, creating knowledge bases, agents. */
  buyer: ['buyer'],
} as const satisfies Record<string, readonly RyvionScope[]>;

/** What an authorised handler gets. */
export interface RouteContext {
  request: Request;
  params: RouteCall['params'];
  /** The key the request carried, and its record. */
  key: string;
  record: KeyRecord;
  control: SandboxControl;
  state: RyvionState;
}

/** The key on a request: 401 for a missing, unknown, revoked, expired or deactivated key. */
function authenticate(request: Request, control: SandboxControl) {
  const key = credentialOf(request);
  if (!key) return reject(control, 'missing_api_key', 'Missing API key: send `Authorization: Bearer <key>` or `X-API-Key: <key>`.');
  const record = control.key('ryvion', key);
  // Revoked keys are "immediately invalid": indistinguishable from keys that never existed.
  if (record === undefined || record.status === 'revoked') return reject(control, 'invalid_api_key', 'Invalid API key.');
  const now = control.now();
  if (control.keyExpired(record)) return reject(control, 'invalid_api_key', 'This API key has expired.');
  if (record.status === 'deactivated') return reject(control, 'api_key_deactivated', 'This API key has been deactivated.');
  const state = ryvionState(control);
  const times = state.keyTimes.get(key) ?? { createdAt: now, lastUsedAt: null };
  state.keyTimes.set(key, { ...times, lastUsedAt: now });
  return { key, record, state };
}

/** 403 for a key whose scope does not cover `allowed`. */
function authorize(control: SandboxControl, record: KeyRecord, allowed: readonly RyvionScope[]): Response | undefined {
  if (record.permissions.some((scope) => (allowed as readonly string[]).includes(scope))) return undefined;
  const has = record.permissions.join(', ') || 'none';
  return fail(control, 403, 'insufficient_scope', `This API key's scope (${has}) does not allow this request; it needs ${allowed.join(' or ')}.`);
}

/** A handler of an authenticated Ryvion endpoint, on the sandbox's route pipeline. */
export function ryvionRoute(
  method: 'get' | 'post',
  url: string,
  allowed: readonly RyvionScope[],
  control: SandboxControl,
  handle: (context: RouteContext) => Response | Promise<Response>,
): HttpHandler {
  return route({
    method,
    path: url,
    authenticate: ({ request }) => authenticate(request, control),
    authorize: ({ caller }) => authorize(control, caller.record, allowed),
    handle: ({ request, params, caller }) => handle({ request, params, control, ...caller }),
  });
}

/** Two-letter jurisdiction codes such as `CA` or `DE`. */
export const isJurisdiction = (value: unknown): value is string => typeof value === 'string' && /^[A-Z]{2}$/.test(value);
