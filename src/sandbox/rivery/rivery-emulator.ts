import { http, type HttpHandler } from 'msw';
import { credentialOf, guard, json, type Emulator } from '../emulator-kit';
import { defaultCredentials, type SandboxControl } from '../sandbox-control';
import { hexId, operationBody, riveryState, runBody, runPhase, type RunRecord } from './rivery-state';

/** The two hosts answer failures in their own style: `{message}` (legacy) and FastAPI's `{detail}` (v1). */
type Style = 'legacy' | 'v1';

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

const errorBody = (style: Style, message: string) => (style === 'legacy' ? { message } : { detail: message });
const fail = (style: Style, status: number, message: string) => json(errorBody(style, message), status);
const pageSize = 10;
const objectId = /^[0-9a-f]{24}$/;
const { accountId, environmentId } = defaultCredentials.rivery;

/** A FastAPI validation failure for one parameter. */
function invalid(loc: [string, string], input: unknown, type: string, msg: string, ctx?: Record<string, unknown>) {
  return json({ detail: [{ type, loc, msg, input, ...(ctx ? { ctx } : {}) }] }, 422);
}

const patternMismatch = (where: string, name: string, input: string) =>
  invalid([where, name], input, 'string_pattern_mismatch', "String should match pattern '^[0-9a-f]{24}$'", { pattern: '^[0-9a-f]{24}$' });

/** Checks the token and its scope: a Response to answer with, or undefined when the request may go on. */
function authorize(control: SandboxControl, request: Request, style: Style, scope: string): Response | undefined {
  const reject = (message: string) => {
    control.counts('rivery').rejected += 1;
    return fail(style, 401, message);
  };
  const token = credentialOf(request);
  if (!token) return reject(style === 'legacy' ? 'Missing API token' : 'Not authenticated');
  const key = control.key('rivery', token);
  if (key === undefined || key.status !== 'active') return reject(style === 'legacy' ? 'Invalid API token' : 'Invalid token');
  if (control.keyExpired(key)) return reject(style === 'legacy' ? 'API token expired' : 'Token expired');
  if (!key.permissions.includes(scope)) return fail(style, 403, `The API token is missing the required scope: ${scope}`);
  return undefined;
}

async function jsonBody(request: Request): Promise<Record<string, unknown> | undefined> {
  try {
    const body: unknown = await request.json();
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Rivery as PROVIDERS.md describes it: API tokens with scopes, the legacy console API (`/me`,
 * `/run`, `/check_run`, `/run/cancel`) and the v1 API (rivers paged 10 at a time, river runs,
 * operations). Runs wait 1 s and run until 3 s on the sandbox clock, then end `D`, or `E`/`F` for
 * the rivers configured so. A v1 run group is also an operation, under the group's id.
 */
export const riveryEmulator: Emulator = ({ urls, control }) => {
  const legacy = urls.riveryLegacy;
  const v1 = `${urls.rivery}/v1/accounts/:account_id/environments/:environment_id`;
  const now = () => control.now();

  const startRun = (riverId: string, groupId?: string): RunRecord => {
    const state = riveryState(control);
    const record: RunRecord = { run_id: hexId(16), river: state.rivers.get(riverId)!, startedAt: now(), ...(groupId ? { groupId } : {}) };
    state.runs.set(record.run_id, record);
    return record;
  };

  /** v1 path checks after the token's: ids well formed, then the token's own account and environment. */
  const scoped = (params: Record<string, string | readonly string[] | undefined>): Response | undefined => {
    for (const name of ['account_id', 'environment_id', 'river_id'] as const) {
      const value = params[name];
      if (typeof value === 'string' && !objectId.test(value)) return patternMismatch('path', name, value);
    }
    if (params.account_id !== accountId || params.environment_id !== environmentId) {
      return fail('v1', 403, `The API token has no access to account ${String(params.account_id)}, environment ${String(params.environment_id)}`);
    }
    return undefined;
  };

  const legacyHandlers: HttpHandler[] = [
    http.get(`${legacy}/me`, ({ request }) => authorize(control, request, 'legacy', 'me:read') ?? json({ account_id: accountId, environment_id: environmentId })),

    http.post(`${legacy}/run`, async ({ request }) => {
      const denied = authorize(control, request, 'legacy', 'river:execute');
      if (denied) return denied;
      const riverId = (await jsonBody(request))?.river_id;
      if (riverId === undefined) return fail('legacy', 400, 'river_id is required');
      if (typeof riverId !== 'string' || !objectId.test(riverId)) return fail('legacy', 400, `river_id ${JSON.stringify(riverId)} is not a valid id`);
      if (!riveryState(control).rivers.has(riverId)) return fail('legacy', 404, `River ${riverId} was not found in this environment`);
      return json(runBody(startRun(riverId), now()));
    }),

    http.get(`${legacy}/check_run`, ({ request }) => {
      const denied = authorize(control, request, 'legacy', 'activity:list');
      if (denied) return denied;
      const runId = new URL(request.url).searchParams.get('run_id');
      if (!runId) return fail('legacy', 400, 'run_id is required');
      const record = riveryState(control).runs.get(runId);
      return record ? json(runBody(record, now())) : fail('legacy', 404, `Run ${runId} was not found`);
    }),

    http.post(`${legacy}/run/cancel`, async ({ request }) => {
      const denied = authorize(control, request, 'legacy', 'river:execute');
      if (denied) return denied;
      const runId = (await jsonBody(request))?.run_id;
      if (typeof runId !== 'string' || runId === '') return fail('legacy', 400, 'run_id is required');
      const record = riveryState(control).runs.get(runId);
      if (record === undefined) return fail('legacy', 404, `Run ${runId} was not found`);
      const { status } = runPhase(record, now());
      if (status !== 'W' && status !== 'R') return fail('legacy', 409, `Run ${runId} already ended with status ${status}`);
      record.canceledAt = now();
      return json(runBody(record, now()));
    }),
  ];

  const v1Handlers: HttpHandler[] = [
    http.get(`${v1}/rivers`, ({ request, params }) => {
      const denied = authorize(control, request, 'v1', 'river:list') ?? scoped(params);
      if (denied) return denied;
      const raw = new URL(request.url).searchParams.get('page') ?? '1';
      if (!/^-?\d+$/.test(raw)) return invalid(['query', 'page'], raw, 'int_parsing', 'Input should be a valid integer, unable to parse string as an integer');
      const page = Number(raw);
      if (page < 1) return invalid(['query', 'page'], raw, 'greater_than_equal', 'Input should be greater than or equal to 1', { ge: 1 });
      const rivers = [...riveryState(control).rivers.values()];
      const items = rivers.slice((page - 1) * pageSize, page * pageSize).map(({ outcome: _outcome, error: _error, ...river }) => river);
      return json({ items, next_page: page * pageSize < rivers.length ? page + 1 : null });
    }),

    http.get(`${v1}/rivers/:river_id`, ({ request, params }) => {
      const denied = authorize(control, request, 'v1', 'river:list') ?? scoped(params);
      if (denied) return denied;
      const river = riveryState(control).rivers.get(String(params.river_id));
      if (river === undefined) return fail('v1', 404, `River ${String(params.river_id)} not found`);
      const { outcome: _outcome, error: _error, ...body } = river;
      return json(body);
    }),

    http.post(`${v1}/rivers/:river_id/run`, ({ request, params }) => {
      const denied = authorize(control, request, 'v1', 'river:execute') ?? scoped(params);
      if (denied) return denied;
      const riverId = String(params.river_id);
      const state = riveryState(control);
      if (!state.rivers.has(riverId)) return fail('v1', 404, `River ${riverId} not found`);
      const groupId = hexId(16);
      const run = startRun(riverId, groupId);
      state.groups.set(groupId, [run.run_id]);
      return json({ runs: [{ run_id: run.run_id }], run_group_id: groupId });
    }),

    http.get(`${v1}/operations/:operation_id`, ({ request, params }) => {
      const denied = authorize(control, request, 'v1', 'activity:list') ?? scoped(params);
      if (denied) return denied;
      const id = String(params.operation_id);
      const state = riveryState(control);
      const runIds = state.groups.get(id);
      return runIds ? json(operationBody(id, runIds, state, now())) : fail('v1', 404, `Operation ${id} not found`);
    }),
  ];

  return [
    guard({ api: 'rivery', base: legacy, control, errorBody: (status) => errorBody('legacy', reasons[status] ?? `HTTP ${status}`) }),
    guard({ api: 'rivery', base: urls.rivery, control, errorBody: (status) => errorBody('v1', reasons[status] ?? `HTTP ${status}`) }),
    ...legacyHandlers,
    ...v1Handlers,
  ];
};
