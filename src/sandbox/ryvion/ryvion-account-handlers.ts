import type { HttpHandler } from 'msw';
import { jsonObject, newId, route } from '../emulator-kit';
import type { KeyRecord, SandboxControl } from '../sandbox-control';
import { ryvionCredentials } from './ryvion-credentials';
import { fail, receiptJson, respond } from './ryvion-respond';
import { ryvionRoute, scopes } from './ryvion-route';
import { ryvionState, type RyvionState } from './ryvion-state';
import { hash } from './ryvion-text';

const iso = (ms: number) => new Date(ms).toISOString();
const validScopes = new Set<string>(scopes.any);

const defaultNames: Record<string, string> = {
  [ryvionCredentials.apiKey]: 'sandbox buyer',
  [ryvionCredentials.readOnlyKey]: 'sandbox read-only',
  [ryvionCredentials.writeOnlyKey]: 'sandbox write-only',
};

/** A key as Ryvion lists it: never its value, only a recognisable prefix. */
function listed(state: RyvionState, key: string, record: KeyRecord, now: number) {
  const times = state.keyTimes.get(key) ?? { createdAt: now, lastUsedAt: null };
  state.keyTimes.set(key, times);
  return {
    id: `key_${hash(key).toString(16).padStart(8, '0')}`,
    name: record.name ?? defaultNames[key] ?? 'unnamed key',
    prefix: `${key.slice(0, 8)}…`,
    scopes: record.permissions.filter((scope) => validScopes.has(scope)),
    created_at: iso(times.createdAt),
    last_used_at: times.lastUsedAt === null ? null : iso(times.lastUsedAt),
  };
}

/** `GET /api/v1/auth/me`, the API-key endpoints, and the public receipts. */
export function accountHandlers(base: string, control: SandboxControl): HttpHandler[] {
  return [
    // Receipts are public: anyone holding a cid may verify it.
    route({
      method: 'get',
      path: `${base}/v8/receipts/:cid`,
      handle: async ({ params }) => {
        const state = ryvionState(control);
        const receipt = state.receipts.get(String(params.cid));
        if (receipt === undefined) return fail(control, 404, 'not_found', `No receipt ${String(params.cid)}.`);
        return respond(control, await receiptJson(state, receipt));
      },
    }),

    ryvionRoute('get', `${base}/api/v1/auth/me`, scopes.any, control, ({ record }) =>
      respond(control, {
        id: 'acct_sandbox',
        email: 'sandbox@ryvion.example',
        name: 'Ryvion sandbox',
        scopes: record.permissions.filter((scope) => validScopes.has(scope)),
        created_at: '2026-01-01T00:00:00.000Z',
      }),
    ),

    ryvionRoute('get', `${base}/api/v1/auth/api-keys`, scopes.buyer, control, async ({ state }) => {
      const now = control.now();
      const keys = control.keys('ryvion').filter(([, record]) => record.status !== 'revoked');
      return respond(control, { api_keys: keys.map(([key, record]) => listed(state, key, record, now)) });
    }),

    ryvionRoute('post', `${base}/api/v1/auth/api-keys`, scopes.buyer, control, async ({ request, state }) => {
      const body = await jsonObject(request);
      const name = body?.name;
      if (typeof name !== 'string' || name.trim() === '' || name.length > 100) {
        return fail(control, 400, 'invalid_request', '`name` is required: a string of 1 to 100 characters.', 'name');
      }
      const key = newId('ryv', 16);
      // The public reference shows no scope parameter here, so a key made through the API gets `buyer`.
      control.addKey('ryvion', key, ['buyer'], { name });
      const now = control.now();
      state.keyTimes.set(key, { createdAt: now, lastUsedAt: null });
      return respond(control, { ...listed(state, key, control.key('ryvion', key)!, now), key }, { status: 201 });
    }),
  ];
}
