import type { HttpHandler } from 'msw';
import { json, jsonObject, randomHex, type EmulatorContext, type RouteCall } from '../emulator-kit';
import { riveryCredentials } from './rivery-credentials';
import { fail, invalid, isObjectId, riveryRoute, type Style } from './rivery-route';
import { operationBody, riveryState, runBody, runPhase, type RunRecord } from './rivery-state';

const pageSize = 10;
const { accountId, environmentId } = riveryCredentials;

/**
 * The legacy console API (`/me`, `/run`, `/check_run`, `/run/cancel`) and the v1 API (rivers paged
 * 10 at a time, river runs, operations).
 */
export function riveryHandlers({ urls, control }: EmulatorContext): HttpHandler[] {
  const legacy = urls.riveryLegacy;
  const v1 = `${urls.rivery}/v1/accounts/:account_id/environments/:environment_id`;
  const now = () => control.now();
  const endpoint = (style: Style, method: 'get' | 'post', path: string, scope: string, handle: (call: RouteCall) => Response | Promise<Response>) =>
    riveryRoute(control, { style, method, path: `${style === 'legacy' ? legacy : v1}${path}`, scope, handle });

  const startRun = (riverId: string, groupId?: string): RunRecord => {
    const state = riveryState(control);
    const record: RunRecord = { run_id: randomHex(16), river: state.rivers.get(riverId)!, startedAt: now(), ...(groupId ? { groupId } : {}) };
    state.runs.set(record.run_id, record);
    return record;
  };

  return [
    endpoint('legacy', 'get', '/me', 'me:read', () => json({ account_id: accountId, environment_id: environmentId })),

    endpoint('legacy', 'post', '/run', 'river:execute', async ({ request }) => {
      const riverId = (await jsonObject(request))?.river_id;
      if (riverId === undefined) return fail('legacy', 400, 'river_id is required');
      if (!isObjectId(riverId)) return fail('legacy', 400, `river_id ${JSON.stringify(riverId)} is not a valid id`);
      if (!riveryState(control).rivers.has(riverId)) return fail('legacy', 404, `River ${riverId} was not found in this environment`);
      return json(runBody(startRun(riverId), now()));
    }),

    endpoint('legacy', 'get', '/check_run', 'activity:list', ({ url }) => {
      const runId = url.searchParams.get('run_id');
      if (!runId) return fail('legacy', 400, 'run_id is required');
      const record = riveryState(control).runs.get(runId);
      return record ? json(runBody(record, now())) : fail('legacy', 404, `Run ${runId} was not found`);
    }),

    endpoint('legacy', 'post', '/run/cancel', 'river:execute', async ({ request }) => {
      const runId = (await jsonObject(request))?.run_id;
      if (typeof runId !== 'string' || runId === '') return fail('legacy', 400, 'run_id is required');
      const record = riveryState(control).runs.get(runId);
      if (record === undefined) return fail('legacy', 404, `Run ${runId} was not found`);
      const { status } = runPhase(record, now());
      if (status !== 'W' && status !== 'R') return fail('legacy', 409, `Run ${runId} already ended with status ${status}`);
      record.canceledAt = now();
      return json(runBody(record, now()));
    }),

    endpoint('v1', 'get', '/rivers', 'river:list', ({ url }) => {
      const raw = url.searchParams.get('page') ?? '1';
      if (!/^-?\d+$/.test(raw)) return invalid(['query', 'page'], raw, 'int_parsing', 'Input should be a valid integer, unable to parse string as an integer');
      const page = Number(raw);
      if (page < 1) return invalid(['query', 'page'], raw, 'greater_than_equal', 'Input should be greater than or equal to 1', { ge: 1 });
      const rivers = [...riveryState(control).rivers.values()];
      const items = rivers.slice((page - 1) * pageSize, page * pageSize).map(({ outcome: _outcome, error: _error, ...river }) => river);
      return json({ items, next_page: page * pageSize < rivers.length ? page + 1 : null });
    }),

    endpoint('v1', 'get', '/rivers/:river_id', 'river:list', ({ params }) => {
      const river = riveryState(control).rivers.get(String(params.river_id));
      if (river === undefined) return fail('v1', 404, `River ${String(params.river_id)} not found`);
      const { outcome: _outcome, error: _error, ...body } = river;
      return json(body);
    }),

    endpoint('v1', 'post', '/rivers/:river_id/run', 'river:execute', ({ params }) => {
      const riverId = String(params.river_id);
      const state = riveryState(control);
      if (!state.rivers.has(riverId)) return fail('v1', 404, `River ${riverId} not found`);
      const groupId = randomHex(16);
      const run = startRun(riverId, groupId);
      state.groups.set(groupId, [run.run_id]);
      return json({ runs: [{ run_id: run.run_id }], run_group_id: groupId });
    }),

    endpoint('v1', 'get', '/operations/:operation_id', 'activity:list', ({ params }) => {
      const id = String(params.operation_id);
      const state = riveryState(control);
      const runIds = state.groups.get(id);
      return runIds ? json(operationBody(id, runIds, state, now())) : fail('v1', 404, `Operation ${id} not found`);
    }),
  ];
}
