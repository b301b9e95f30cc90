import { http, type HttpHandler } from 'msw';
import { credentialOf } from '../emulator-kit';
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
  params: Record<string, string | readonly string[] | undefined>;
  /** The key the request carried, and its record. */
  key: string;
  record: KeyRecord;
  control: SandboxControl;
  state: RyvionState;
}

/** Checks the key on a request: 401 for a missing, unknown, revoked, expired or deactivated key, 403 for a scope that does not cover `allowed`. */
function authorise(request: Request, control: SandboxControl, allowed: readonly RyvionScope[]) {
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
  if (!record.permissions.some((scope) => (allowed as readonly string[]).includes(scope))) {
    const has = record.permissions.join(', ') || 'none';
    return fail(control, 403, 'insufficient_scope', `This API key's scope (${has}) does not allow this request; it needs ${allowed.join(' or ')}.`);
  }
  return { key, record, state };
}

/** A handler of an authenticated Ryvion endpoint. */
export function route(
  method: 'get' | 'post',
  url: string,
  allowed: readonly RyvionScope[],
  control: SandboxControl,
  handle: (context: RouteContext) => Response | Promise<Response>,
): HttpHandler {
  return http[method](url, ({ request, params }) => {
    const authorised = authorise(request, control, allowed);
    if (authorised instanceof Response) return authorised;
    return handle({ request, params, control, ...authorised });
  });
}

/** The parsed JSON object body of a request, or undefined when it is not one. */
export async function jsonObject(request: Request): Promise<Record<string, unknown> | undefined> {
  try {
    const body: unknown = await request.json();
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Two-letter jurisdiction codes such as `CA` or `DE`. */
export const isJurisdiction = (value: unknown): value is string => typeof value === 'string' && /^[A-Z]{2}$/.test(value);
